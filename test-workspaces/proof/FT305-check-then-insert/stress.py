"""FT305: all threads look up the same missing key at once; they must all get one value."""
from proofkit import run_threads

MODULE = "proof_dictcache"
RULE = "FT305"
TITLE = "check-then-insert cache in a shared dict"
MODE = "stress"
THREADS = 8
ROUNDS = 50


def trial(mod, threads, rounds):
    cache = {}
    split = 0
    for r in range(rounds):
        got = [None] * threads

        def work(i):
            got[i] = mod.lookup(cache, r)

        run_threads(threads, work)
        if len({id(v) for v in got}) > 1 or any(v is not cache[r] for v in got):
            split += 1
    assert split == 0, f"threads got different values for one key in {split} of {rounds} rounds"
