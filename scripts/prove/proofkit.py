"""Helpers the proof cases' stress.py files share (run by the free-threaded interpreter)."""
import threading


def run_threads(n, work):
    """Runs work(i) in n threads released together by a barrier; re-raises the first error."""
    barrier = threading.Barrier(n)
    errors = []

    def body(i):
        barrier.wait()
        try:
            work(i)
        except BaseException as e:  # an AssertionError is the wrong result we look for
            errors.append(e)

    threads = [threading.Thread(target=body, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]


class Tracked:
    """An object that records its own death, so that a use after free shows.

    On the free-threaded build a freed object's memory is not reused at once (mimalloc's delayed
    free), so a stale pointer still looks like a live object for a while; the record tells."""

    dead = set()

    def __init__(self):
        Tracked.dead.discard(id(self))  # this memory may have held an object that died

    def __del__(self):
        Tracked.dead.add(id(self))


def is_dead(obj):
    return id(obj) in Tracked.dead
