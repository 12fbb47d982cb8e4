"""FT501: threads read a pipe byte by byte while one of them closes it; every read must give a
byte, the end of the data, or an OSError."""
import errno
import os
import time

from proofkit import run_threads

MODULE = "proof_detached"
RULE = "FT501"
TITLE = "C API call while the thread state is detached"
MODE = "stress"
THREADS = 8
ROUNDS = 3
DATA = 60_000


def trial(mod, threads, rounds):
    for r in range(rounds):
        rfd, wfd = os.pipe()
        os.write(wfd, b"x" * DATA)
        os.close(wfd)
        got = [0] * threads

        def work(i):
            if i == 0:
                while sum(got) < 1_000:  # close it while the others are reading
                    time.sleep(0)
                os.close(rfd)
                return
            while True:
                try:
                    b = mod.read_byte(rfd)
                except OSError as e:
                    assert e.errno == errno.EBADF, f"unexpected {e!r}"
                    return
                assert b in (b"x", b""), f"read {b!r}"
                if b == b"":
                    return
                got[i] += 1

        run_threads(threads, work)
        assert sum(got) <= DATA, f"round {r + 1}: {sum(got)} bytes read from {DATA}"
