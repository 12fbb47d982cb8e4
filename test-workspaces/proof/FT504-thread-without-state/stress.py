"""FT504: threads each start native threads that append to a shared list."""
from proofkit import run_threads

MODULE = "proof_nostate"
RULE = "FT504"
TITLE = "native thread calls the C API without a thread state"
MODE = "stress"
THREADS = 8
ROUNDS = 3
CALLS = 20


def trial(mod, threads, rounds):
    for _ in range(rounds):
        shared = []

        def work(i):
            for _ in range(CALLS):
                mod.append_from_thread(shared)

        run_threads(threads, work)
        assert len(shared) == threads * CALLS, f"{len(shared)} of {threads * CALLS} appends arrived"
