"""FT301: every thread calls record() the same number of times; no call may be lost."""
from proofkit import run_threads

MODULE = "proof_counter"
RULE = "FT301"
TITLE = "global counter bumped by every call"
MODE = "stress"
THREADS = 8
ROUNDS = 4
CALLS = 100_000


def trial(mod, threads, rounds):
    record = mod.record
    for r in range(rounds):
        before = mod.count()

        def work(i):
            for _ in range(CALLS):
                record()

        run_threads(threads, work)
        lost = before + threads * CALLS - mod.count()
        assert lost == 0, f"{lost} of {threads * CALLS} calls lost in round {r + 1}"
    return "no call lost"
