"""FT203: readers copy a list through the PySequence_Fast macros while writers delete items from
its end (releasing them) and append new ones; a copy must hold live items only."""
from proofkit import Tracked, run_threads

MODULE = "proof_seqfast"
RULE = "FT203"
TITLE = "unchecked sequence macros on a list other threads change"
MODE = "stress"
THREADS = 8
ROUNDS = 3
CALLS = 25_000


def trial(mod, threads, rounds):
    for _ in range(rounds):
        shared = [Tracked() for n in range(16)]
        busy = [i % 2 == 0 for i in range(threads)]

        def work(i):
            if i % 2 == 0:
                try:
                    for _ in range(CALLS):
                        copy = mod.snapshot(shared)
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
