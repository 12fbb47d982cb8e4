"""FT405: half the threads walk a shared list and log each item under a lock; the other half
append to the list while they hold that same lock. Every call must come back."""
import threading

from proofkit import run_threads

MODULE = "proof_obmutex"
RULE = "FT405"
TITLE = "PyMutex_Lock on an object's own ob_mutex"
MODE = "stress"
THREADS = 8
ROUNDS = 3
CALLS = 200
TIMEOUT = 15


def trial(mod, threads, rounds):
    for r in range(rounds):
        shared = list(range(20))
        log_lock = threading.Lock()
        logged = []

        def log(item):
            with log_lock:
                logged.append(item)

        def work(i):
            for n in range(CALLS):
                if i % 2 == 0:
                    mod.each_item(shared, log)
                else:
                    with log_lock:
                        shared.append(n)

        run_threads(threads, work)
        assert len(shared) == 20 + threads // 2 * CALLS, f"round {r + 1}: {len(shared)} items"
