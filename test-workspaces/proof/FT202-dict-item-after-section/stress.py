"""FT202: readers look a value up with a locked PyDict_Next scan while writers replace that value
(releasing the old one); a reader must only get live values."""
from proofkit import Tracked, is_dead, run_threads

MODULE = "proof_dictitem"
RULE = "FT202"
TITLE = "PyDict_Next value used after the critical section"
MODE = "stress"
THREADS = 8
ROUNDS = 2
CALLS = 100_000


def trial(mod, threads, rounds):
    for _ in range(rounds):
        key = object()
        shared = {key: Tracked()}

        def work(i):
            if i % 2 == 0:
                for _ in range(CALLS):
                    v = mod.find(shared, key)
                    assert type(v) is Tracked and not is_dead(v), "got a value that was already freed"
            else:
                for n in range(CALLS):
                    shared[key] = Tracked()

        run_threads(threads, work)
    return "every value read was live"
