"""FT603: readers copy a list's last items by reading its item array directly while writers delete
items from its end (releasing them) and append new ones; a copy must hold live items only."""
from proofkit import Tracked, run_threads

MODULE = "proof_internals"
RULE = "FT603"
TITLE = "list item array read directly"
MODE = "stress"
THREADS = 8
ROUNDS = 2
CALLS = 40_000


def trial(mod, threads, rounds):
    for _ in range(rounds):
        shared = [Tracked() for n in range(16)]
        busy = [i % 2 == 0 for i in range(threads)]

        def work(i):
            if i % 2 == 0:
                try:
                    for _ in range(CALLS):
                        copy = mod.tail(shared, 16)
                        # is_dead() for every item, at C speed
                        assert Tracked.dead.isdisjoint(map(id, copy)), "the copy holds an item that was already freed"
                finally:
                    busy[i] = False
            else:
                while any(busy):
                    del shared[-4:]
                    shared.extend([Tracked(), Tracked(), Tracked(), Tracked()])

        run_threads(threads, work)
    return "every copy held live items"
