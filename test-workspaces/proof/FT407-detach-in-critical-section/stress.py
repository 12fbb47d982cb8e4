"""FT407: threads bump one counter whose critical section detaches in the middle."""
from proofkit import run_threads

MODULE = "proof_csdetach"
RULE = "FT407"
TITLE = "critical section suspended by a detach inside it"
MODE = "stress"
THREADS = 8
ROUNDS = 3
CALLS = 2_000


def trial(mod, threads, rounds):
    for r in range(rounds):
        counter = mod.Counter()

        def work(i):
            for _ in range(CALLS):
                counter.bump()

        run_threads(threads, work)
        lost = threads * CALLS - counter.value()
        assert lost == 0, f"{lost} of {threads * CALLS} updates lost in round {r + 1}"
