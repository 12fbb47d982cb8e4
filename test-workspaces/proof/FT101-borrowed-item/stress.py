"""FT101: readers take list[0] through a borrowed reference while writers pop it and release it."""
from proofkit import Tracked, is_dead, run_threads

MODULE = "proof_borrowed"
RULE = "FT101"
TITLE = "borrowed item of a list other threads change"
MODE = "stress"
THREADS = 8
ROUNDS = 3
CALLS = 100_000


def trial(mod, threads, rounds):
    readers = (threads + 1) // 2
    for _ in range(rounds):
        shared = [Tracked() for n in range(200)]
        finished = []  # the readers that are done: the writers keep changing the list until all are

        def work(i):
            if i % 2 == 0:
                try:
                    for _ in range(CALLS):
                        try:
                            v = mod.first(shared)
                        except IndexError:
                            continue
                        assert type(v) is Tracked and not is_dead(v), "got an item that was already freed"
                finally:
                    finished.append(i)
            else:
                while len(finished) < readers:
                    try:
                        shared.pop(0)
                    except IndexError:
                        pass
                    shared.append(Tracked())

        run_threads(threads, work)
