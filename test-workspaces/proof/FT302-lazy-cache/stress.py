"""FT302: all threads ask for the lazily built table at once; it must be built once."""
from proofkit import run_threads

MODULE = "proof_lazycache"
RULE = "FT302"
TITLE = "global cache filled on first use"
MODE = "tsan"
THREADS = 8
ROUNDS = 10


def trial(mod, threads, rounds):
    twice = 0
    for _ in range(rounds):
        mod.reset()
        seen = [None] * threads

        def work(i):
            seen[i] = mod.get_table()

        run_threads(threads, work)
        if len({id(t) for t in seen}) > 1:
            twice += 1
    assert twice == 0, f"the table was built more than once in {twice} of {rounds} rounds"
