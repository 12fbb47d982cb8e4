"""FT306: each thread splits its own comma-separated text; it must get its own fields back."""
from proofkit import run_threads

MODULE = "proof_strtok"
RULE = "FT306"
TITLE = "strtok in code threads run at once"
MODE = "stress"
THREADS = 8
ROUNDS = 3
CALLS = 1_000


def trial(mod, threads, rounds):
    for _ in range(rounds):
        def work(i):
            text = ",".join(f"t{i}f{k}" for k in range(120))
            want = text.split(",")
            for _ in range(CALLS):
                got = mod.fields(text)
                bad = next((g for g, w in zip(got, want) if g != w), got[len(want):] or "too few fields")
                assert got == want, f"thread {i} got field {bad!r} back from its own text"

        run_threads(threads, work)
