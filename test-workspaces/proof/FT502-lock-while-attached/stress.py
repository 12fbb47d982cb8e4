"""FT502: seven threads write records through one pthread mutex while the eighth runs the
garbage collector (a stop-the-world pause); every record must be written and counted."""
import gc
import threading
import time

from proofkit import run_threads

MODULE = "proof_attachedlock"
RULE = "FT502"
TITLE = "lock taken while attached, against a stop-the-world pause"
MODE = "stress"
THREADS = 8
ROUNDS = 3
CALLS = 100
TIMEOUT = 15


def trial(mod, threads, rounds):
    for r in range(rounds):
        mod.reset()
        writers = threads - 1
        finished = []
        done = threading.Event()

        def work(i):
            if i < writers:
                for _ in range(CALLS):
                    mod.write_record(1)
                finished.append(i)
                if len(finished) == writers:
                    done.set()
            else:
                while not done.is_set():
                    gc.collect()
                    # a pause between collections: back to back, on an idle core, they leave the
                    # writers no moment to attach again and the fixed version starves instead
                    time.sleep(0.0005)

        run_threads(threads, work)
        n = mod.reset()
        assert n == writers * CALLS, f"round {r + 1}: {n} of {writers * CALLS} records counted"
