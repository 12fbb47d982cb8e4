"""FT306: each thread splits its own comma-separated text; it must get its own fields back."""
from proofkit import run_threads

MODULE = "proof_strtok"
RULE = "FT306"
TITLE = "strtok in code threads run at once"
MODE = "stress"
THREADS = 8
ROUNDS = 10
CALLS = 20_000


def trial(mod, threads, rounds):
    for _ in range(rounds):
        def work(i):
            text = ",".join(f"t{i}f{k}" for k in range(12))
            want = text.split(",")
            for _ in range(CALLS):
                got = mod.fields(text)
                assert got == want, f"thread {i} got {got[:3]}... for its own text"

        run_threads(threads, work)
