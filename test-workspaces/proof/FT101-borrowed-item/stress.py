"""FT101: readers read an attribute of list[0] through a borrowed reference while writers pop it
and release it."""
from proofkit import Tracked, run_threads

MODULE = "proof_borrowed"
RULE = "FT101"
TITLE = "borrowed item of a list other threads change"
MODE = "stress"
THREADS = 8
ROUNDS = 3
CALLS = 100_000


class Item(Tracked):
    """An item whose value is 1 while it lives; its finalizer sets it to 0."""

    def __init__(self):
        super().__init__()
        self.value = 1

    def __del__(self):
        self.value = 0
        super().__del__()


def trial(mod, threads, rounds):
    readers = (threads + 1) // 2
    for _ in range(rounds):
        shared = [Item() for n in range(200)]
        finished = []  # the readers that are done: the writers keep changing the list until all are

        def work(i):
            if i % 2 == 0:
                try:
                    for _ in range(CALLS):
                        try:
                            v = mod.first_value(shared)
                        except IndexError:
                            continue
                        except AttributeError:  # its attributes were already cleared
                            raise AssertionError("read an item that was already freed")
                        assert v == 1, "read an item that was already freed"
                finally:
                    finished.append(i)
            else:
                while len(finished) < readers:
                    try:
                        shared.pop(0)
                    except IndexError:
                        pass
                    shared.append(Item())

        run_threads(threads, work)
