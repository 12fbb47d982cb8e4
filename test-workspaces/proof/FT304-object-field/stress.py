"""FT304: writers replace a Box's value (releasing the old one) while readers take it."""
from proofkit import run_threads

MODULE = "proof_field"
RULE = "FT304"
TITLE = "object field replaced while other threads read it"
MODE = "stress"
THREADS = 8
ROUNDS = 10
CALLS = 20_000


def trial(mod, threads, rounds):
    for _ in range(rounds):
        box = mod.Box()
        box.set("start")

        def work(i):
            if i % 2 == 0:
                for _ in range(CALLS):
                    v = box.get()
                    assert type(v) is str and v[:1] in ("v", "s"), f"freed value: {type(v)}"
            else:
                for n in range(CALLS):
                    box.set("v%d.%d" % (i, n))

        run_threads(threads, work)
