"""One trial of one proof case: imports the built module, runs the case's stress, reports.

usage: python run_trial.py CASE_DIR MODULE_DIR THREADS ROUNDS
Exit status: 0 the invariant held; 3 wrong result (the case's assertion failed); 4 the
interpreter re-enabled the GIL on import (the module does not declare Py_mod_gil); a signal when
the process crashed. The last line of stdout is a note for the table.
"""
import importlib
import sys
import warnings

case_dir, module_dir, threads, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
sys.path[:0] = [module_dir, case_dir, __file__.rsplit("/", 1)[0]]
import stress  # noqa: E402  (the case's own stress.py)

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    mod = importlib.import_module(stress.MODULE)
gil = sys._is_gil_enabled()
for w in caught:
    print(f"{w.category.__name__}: {w.message}", file=sys.stderr)
try:
    note = stress.trial(mod, threads, rounds)
except AssertionError as e:
    print(f"wrong result: {e}")
    sys.exit(3)
if gil:
    print(f"GIL re-enabled on import; {note or 'no wrong result'}")
    sys.exit(4)
print(note or "ok")
