"""FT101: readers take list[0] through a borrowed reference while writers pop it and release it."""
from proofkit import Tracked, is_dead, run_threads

MODULE = "proof_borrowed"
RULE = "FT101"
TITLE = "borrowed item of a list other threads change"
MODE = "stress"
THREADS = 8
ROUNDS = 3
CALLS = 50_000


def trial(mod, threads, rounds):
    for _ in range(rounds):
        shared = [Tracked() for n in range(200)]

        def work(i):
            if i % 2 == 0:
                for _ in range(CALLS):
                    try:
                        v = mod.first(shared)
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
