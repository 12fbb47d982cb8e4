"""FT503: threads run callbacks in native threads, some of which fail, and collect garbage now
and then; every call must come back."""
import gc
import sys

from proofkit import run_threads

MODULE = "proof_keptstate"
RULE = "FT503"
TITLE = "thread state kept by an error return"
MODE = "stress"
THREADS = 8
ROUNDS = 3
CALLS = 40
TIMEOUT = 20


def trial(mod, threads, rounds):
    sys.unraisablehook = lambda unraisable: None  # the failing callbacks are expected
    for r in range(rounds):
        ran = [0] * threads

        def work(i):
            for n in range(CALLS):
                def callback():
                    ran[i] += 1
                    if n % 10 == 9:
                        raise ValueError("this callback fails")
                mod.call_in_thread(callback)
                if n % 5 == 0:
                    gc.collect()

        run_threads(threads, work)
        assert sum(ran) == threads * CALLS, f"round {r + 1}: {sum(ran)} of {threads * CALLS} callbacks ran"
