"""FT309: all threads take and release views of one buffer object (from C, as a consumer reading it
repeatedly); once every view is released,
the count must be back to zero (and the object's resize must not refuse)."""
from proofkit import run_threads

MODULE = "proof_exports"
RULE = "FT309"
TITLE = "buffer export count without a lock"
MODE = "stress"
THREADS = 8
ROUNDS = 3
CALLS = 1_000_000


def trial(mod, threads, rounds):
    for r in range(rounds):
        buf = mod.Buf()

        def work(i):
            mod.read_views(buf, CALLS)

        run_threads(threads, work)
        assert buf.exports == 0, f"round {r + 1}: no view is alive, but the count says {buf.exports}"
        try:
            buf.resize(128)
        except BufferError as e:
            raise AssertionError(f"round {r + 1}: no view is alive, but the object says: {e}") from None
    return "the count came back to zero"
