"""FT404: threads read the first item of a list that is sometimes empty while others fill it."""
from proofkit import run_threads

MODULE = "proof_csexit"
RULE = "FT404"
TITLE = "return from inside a critical section"
MODE = "stress"
THREADS = 8
ROUNDS = 3
CALLS = 2_000
TIMEOUT = 20


def trial(mod, threads, rounds):
    for _ in range(rounds):
        shared = []

        def work(i):
            for n in range(CALLS):
                if i % 2 == 0:
                    v = mod.take_first(shared)
                    assert v is None or type(v) is int, f"got {type(v)}"
                elif n % 2 == 0:
                    shared.append(n + 1000)
                else:
                    shared.clear()

        run_threads(threads, work)
