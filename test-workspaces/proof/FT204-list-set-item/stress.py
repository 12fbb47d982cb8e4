"""FT204: each of half the threads stores into its own slot of a shared list and reads it back,
while the other threads grow and shrink the list's tail (which moves its item array); a store
must not be lost."""
from proofkit import run_threads

MODULE = "proof_setitem"
RULE = "FT204"
TITLE = "SET_ITEM macro on a list other threads change"
MODE = "stress"
THREADS = 8
ROUNDS = 2
CALLS = 50_000
HEAD = 20_000  # the items a resize copies
GROW = [None] * 25_000  # enough to move the array each time


def trial(mod, threads, rounds):
    for r in range(rounds):
        shared = list(range(HEAD))
        lost = [0] * threads
        busy = [i % 2 == 0 for i in range(threads)]

        def work(i):
            if i % 2 == 0:
                mine = (object(), object())  # stored in turn, so the previous store shows
                for n in range(CALLS):
                    v = mine[n % 2]
                    mod.put(shared, i, v)
                    lost[i] += shared[i] is not v
                busy[i] = False
            else:
                while any(busy):
                    shared.extend(GROW)
                    del shared[HEAD:]

        run_threads(threads, work)
        assert sum(lost) == 0, f"round {r + 1}: {sum(lost)} of {threads // 2 * CALLS} stores lost"
    return "no store lost"
