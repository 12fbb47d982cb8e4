"""FT307: half the threads count hits atomically, half plainly; no hit may be lost."""
from proofkit import run_threads

MODULE = "proof_mixed"
RULE = "FT307"
TITLE = "counter updated both atomically and plainly"
MODE = "stress"
THREADS = 8
ROUNDS = 3
CALLS = 40
COUNT = 100_000


def trial(mod, threads, rounds):
    for r in range(rounds):
        counter = mod.Counter()

        def work(i):
            count = counter.add if i % 2 == 0 else counter.bump
            for _ in range(CALLS):
                count(COUNT)

        run_threads(threads, work)
        lost = threads * CALLS * COUNT - counter.total()
        assert lost == 0, f"{lost} of {threads * CALLS * COUNT} hits lost in round {r + 1}"
    return "no hit lost"
