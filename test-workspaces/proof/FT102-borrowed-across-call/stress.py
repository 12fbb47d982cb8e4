"""FT102: readers borrow list[0] under a critical section and call a callback that sleeps (which
suspends the section) before using it, while writers pop list[0] and release it; a reader must
only get live items."""
import time

from proofkit import Tracked, is_dead, run_threads

MODULE = "proof_across"
RULE = "FT102"
TITLE = "borrowed item used after a call that lets other threads run"
MODE = "stress"
THREADS = 8
ROUNDS = 2
CALLS = 10_000


def pause():
    time.sleep(0)


def trial(mod, threads, rounds):
    for _ in range(rounds):
        shared = [Tracked() for n in range(100)]

        def work(i):
            if i % 2 == 0:
                for _ in range(CALLS):
                    try:
                        v = mod.first_after(shared, pause)
                    except IndexError:
                        continue
                    assert type(v) is Tracked and not is_dead(v), "got an item that was already freed"
            else:
                for n in range(CALLS):
                    try:
                        shared.pop(0)
                    except IndexError:
                        pass
                    shared.append(Tracked())

        run_threads(threads, work)
    return "every item read was live"
