"""FT201: a PyDict_Next loop in one set of threads, inserts and deletes in the others."""
from proofkit import run_threads

MODULE = "proof_dictnext"
RULE = "FT201"
TITLE = "PyDict_Next over a dict other threads change"
MODE = "stress"
THREADS = 8
ROUNDS = 3
BIG = 1 << 40  # values are fresh int objects (not the immortal small ints), freed when deleted


def trial(mod, threads, rounds):
    readers = (threads + 1) // 2
    for _ in range(rounds):
        shared = {i: BIG + i for i in range(1000)}
        finished = []  # the readers that are done: the writers keep changing the dict until all are

        def work(i):
            if i % 2 == 0:
                try:
                    for _ in range(2000):
                        try:
                            total = mod.sum_values(shared)
                        except Exception as e:  # a freed value read as another type
                            raise AssertionError(f"sum_values raised {e!r}")
                        assert 0 <= total <= (1000 + 100 * threads) * (BIG + 2000), f"sum {total}"
                finally:
                    finished.append(i)
            else:
                base = 1000 * (i + 1)
                n = 0
                while len(finished) < readers:
                    k = base + n % 100
                    shared[k] = BIG + n % 2000
                    if n % 3 == 0:
                        shared.pop(k - 7, None)
                    if n % 100 == 99:
                        for j in range(base, base + 100):
                            shared.pop(j, None)
                    n += 1

        run_threads(threads, work)
