"""FT308: writers replace a shared capsule's context (freeing the old one) while readers use it;
a reader must only ever see a whole, live context."""
from proofkit import run_threads

MODULE = "proof_capsule"
RULE = "FT308"
TITLE = "capsule pointer replaced while other threads use it"
MODE = "stress"
THREADS = 8
ROUNDS = 3
CALLS = 50_000


def trial(mod, threads, rounds):
    for r in range(rounds):
        capsule = mod.make()
        torn = [0] * threads

        def work(i):
            if i % 2 == 0:
                for _ in range(CALLS):
                    torn[i] += mod.check(capsule) != 0
            else:
                for n in range(CALLS):
                    mod.reset(capsule, n + 1)

        run_threads(threads, work)
        assert sum(torn) == 0, f"round {r + 1}: {sum(torn)} reads saw a freed or half-made context"
    return "every read saw a live context"
