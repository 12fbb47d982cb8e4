"""FT203: readers copy a list through the PySequence_Fast macros while writers pop items from its
end (releasing them) and append new ones; a copy must hold live items only."""
from proofkit import Tracked, run_threads

MODULE = "proof_seqfast"
RULE = "FT203"
TITLE = "unchecked sequence macros on a list other threads change"
MODE = "stress"
THREADS = 8
ROUNDS = 2
CALLS = 50_000


def trial(mod, threads, rounds):
    for _ in range(rounds):
        shared = [Tracked() for n in range(16)]

        def work(i):
            if i % 2 == 0:
                for _ in range(CALLS):
                    copy = mod.snapshot(shared)
                    # is_dead() for every item, at C speed
                    assert Tracked.dead.isdisjoint(map(id, copy)), "the copy holds an item that was already freed"
            else:
                for n in range(CALLS):
                    try:
                        shared.pop()
                    except IndexError:
                        pass
                    shared.append(Tracked())

        run_threads(threads, work)
    return "every copy held live items"
