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
