"""FT301: every thread adds to a global counter the same number of times; no update may be lost."""
from proofkit import run_threads

MODULE = "proof_counter"
RULE = "FT301"
TITLE = "global counter bumped by every call"
MODE = "stress"
THREADS = 8
ROUNDS = 3
CALLS = 20
COUNT = 100_000


def trial(mod, threads, rounds):
    record = mod.record
    for r in range(rounds):
        before = mod.count()

        def work(i):
            for _ in range(CALLS):
                record(COUNT)

        run_threads(threads, work)
        lost = before + threads * CALLS * COUNT - mod.count()
        assert lost == 0, f"{lost} of {threads * CALLS * COUNT} updates lost in round {r + 1}"
    return "no update lost"
