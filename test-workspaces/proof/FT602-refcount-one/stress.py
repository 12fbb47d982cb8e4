"""FT602: makers build vectors that a weak reference publishes and scale them with scaled(), which
reuses a vector in place when it looks unique; observers take vectors through the weak references.
A vector must not change while another thread holds it."""
import weakref

from proofkit import run_threads

MODULE = "proof_unique"
RULE = "FT602"
TITLE = "Py_REFCNT(x) == 1 taken as proof that nobody else holds x"
MODE = "stress"
THREADS = 8
ROUNDS = 2
CALLS = 5_000


def trial(mod, threads, rounds):
    for r in range(rounds):
        published = [None] * threads
        busy = [i % 2 == 0 for i in range(threads)]
        changed = [0] * threads

        def make(i):
            v = mod.Vec(1.0)
            published[i] = weakref.ref(v)
            return v

        def work(i):
            if i % 2 == 0:
                for _ in range(CALLS):
                    mod.scaled(make(i), 2.0)
                busy[i] = False
            else:
                while any(busy):
                    for ref in published:
                        v = ref() if ref is not None else None
                        if v is None:
                            continue
                        before = v.first()
                        whole = v.whole()
                        changed[i] += not whole or v.first() != before

        run_threads(threads, work)
        assert sum(changed) == 0, f"round {r + 1}: {sum(changed)} times a vector changed while another thread held it"
    return "no vector changed while held"
