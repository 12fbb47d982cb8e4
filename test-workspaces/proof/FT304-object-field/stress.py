"""FT304: writers replace a Box's value (releasing the old one) while readers take it."""
from proofkit import Tracked, is_dead, run_threads

MODULE = "proof_field"
RULE = "FT304"
TITLE = "object field replaced while other threads read it"
MODE = "stress"
THREADS = 8
ROUNDS = 3
TRIALS = 10  # the use after free shows in a minority of trials (see the README)
CALLS = 50_000


def trial(mod, threads, rounds):
    for _ in range(rounds):
        box = mod.Box()
        box.set(Tracked())

        def work(i):
            if i % 2 == 0:
                for _ in range(CALLS):
                    v = box.get()
                    assert type(v) is Tracked and not is_dead(v), "got a value that was already freed"
            else:
                for n in range(CALLS):
                    box.set(Tracked())

        run_threads(threads, work)
