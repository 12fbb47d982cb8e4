"""FT001: the FT301 counter race, in a module without a Py_mod_gil declaration.

The failure looked for is the interpreter turning the GIL back on when the module is imported
(run_trial.py checks sys._is_gil_enabled() and prints the RuntimeWarning). The lost-call count is
only reported: with the GIL back on, the unsafe counter loses nothing, which is how a missing
declaration hides every other race.
"""
from proofkit import run_threads

MODULE = "proof_nogil"
RULE = "FT001"
TITLE = "module without Py_mod_gil: the GIL comes back and hides the counter race"
MODE = "stress"
THREADS = 8
ROUNDS = 3
CALLS = 20
COUNT = 100_000


def trial(mod, threads, rounds):
    record = mod.record
    lost = 0
    for _ in range(rounds):
        before = mod.count()

        def work(i):
            for _ in range(CALLS):
                record(COUNT)

        run_threads(threads, work)
        lost += before + threads * CALLS * COUNT - mod.count()
    return f"{lost} of {rounds * threads * CALLS * COUNT} updates lost"
