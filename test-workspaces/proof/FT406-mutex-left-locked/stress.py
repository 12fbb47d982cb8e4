"""FT406: threads count keys in one table; now and then a key is unhashable (a TypeError the
caller handles), and every later count must still go through."""
from proofkit import run_threads

MODULE = "proof_unlock"
RULE = "FT406"
TITLE = "PyMutex left locked by an error return"
MODE = "stress"
THREADS = 8
ROUNDS = 3
CALLS = 2_000
TIMEOUT = 15


def trial(mod, threads, rounds):
    for r in range(rounds):
        tally = mod.Tally()
        bad = [0] * threads

        def work(i):
            for n in range(CALLS):
                if n % 500 == 499:
                    try:
                        tally.add([i, n])  # a list is unhashable
                    except TypeError:
                        bad[i] += 1
                else:
                    tally.add(n % 10)

        run_threads(threads, work)
        good = sum(tally.get(k) for k in range(10))
        assert good == threads * CALLS - sum(bad), (
            f"round {r + 1}: {good} of {threads * CALLS - sum(bad)} counts arrived")
