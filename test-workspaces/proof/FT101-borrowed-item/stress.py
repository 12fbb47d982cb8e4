"""FT101: readers take the repr of list[0] through a borrowed reference while writers pop it."""
from proofkit import run_threads

MODULE = "proof_borrowed"
RULE = "FT101"
TITLE = "borrowed item of a list other threads change"
MODE = "stress"
THREADS = 8
ROUNDS = 10
CALLS = 20_000


def trial(mod, threads, rounds):
    for _ in range(rounds):
        shared = [tuple(range(n % 7, n % 7 + 20)) for n in range(1000)]

        def work(i):
            if i % 2 == 0:
                for _ in range(CALLS):
                    try:
                        r = mod.first_repr(shared)
                    except IndexError:
                        continue
                    assert r.startswith("(") and r.endswith(")"), f"freed item: {r[:40]!r}"
            else:
                for n in range(CALLS):
                    try:
                        shared.pop(0)
                    except IndexError:
                        pass
                    shared.append(tuple(range(n % 7, n % 7 + 20)))

        run_threads(threads, work)
