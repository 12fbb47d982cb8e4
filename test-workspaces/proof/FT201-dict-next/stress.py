"""FT201: a PyDict_Next loop in one set of threads, inserts and deletes in the others."""
from proofkit import run_threads

MODULE = "proof_dictnext"
RULE = "FT201"
TITLE = "PyDict_Next over a dict other threads change"
MODE = "stress"
THREADS = 8
ROUNDS = 10


def trial(mod, threads, rounds):
    for _ in range(rounds):
        shared = {i: 1 for i in range(64)}

        def work(i):
            if i % 2 == 0:
                for _ in range(3000):
                    total = mod.sum_values(shared)
                    # every value is 1, so the sum is at most the largest size the dict reaches
                    assert 0 <= total <= 64 + 500 * threads, f"sum of ones was {total}"
            else:
                base = 1000 * (i + 1)
                for n in range(3000):
                    k = base + n % 500
                    shared[k] = 1
                    if n % 3 == 0:
                        shared.pop(k - 7, None)
                    if n % 200 == 199:
                        for j in range(base, base + 500):
                            shared.pop(j, None)

        run_threads(threads, work)
