"""FT604: all threads take and drop references to one object, half of them through share(); the
object must live while it is held and die once the last reference is gone."""
import gc
import weakref

from proofkit import Tracked, is_dead, run_threads

MODULE = "proof_setrefcnt"
RULE = "FT604"
TITLE = "reference count set by hand on a shared object"
MODE = "stress"
THREADS = 8
ROUNDS = 3
CALLS = 60_000


def trial(mod, threads, rounds):
    for r in range(rounds):
        shared = Tracked()

        def work(i):
            for _ in range(CALLS):
                held = mod.share(shared) if i % 2 == 0 else shared
                assert held is shared and not is_dead(held), "the shared object was freed while held"
                del held

        run_threads(threads, work)
        gone = weakref.ref(shared)
        del shared
        gc.collect()
        assert gone() is None, f"round {r + 1}: the object outlived its last reference (a count was lost)"
    return "the object lived exactly as long as it was held"
