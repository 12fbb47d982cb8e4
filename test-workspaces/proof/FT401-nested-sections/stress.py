"""FT401: three threads move money from account a to account b in batches while the others
deposit into a (small batches) and into b (large batches, so that b's lock is often contended);
the two balances must always add up to what was deposited."""
import threading

from proofkit import run_threads

MODULE = "proof_nested"
RULE = "FT401"
TITLE = "nested single-object sections meant to hold two objects"
MODE = "stress"
THREADS = 8
ROUNDS = 8
CALLS = 5_000
TRANSFERS = 3
BATCH = (1,) * 32
LARGE = (1,) * 20_000


def trial(mod, threads, rounds):
    for r in range(rounds):
        a, b = mod.Account(), mod.Account()
        deposited = [0] * threads
        finished = []
        done = threading.Event()

        def work(i):
            if i < TRANSFERS:
                for _ in range(CALLS):
                    a.transfer(b, BATCH)
                finished.append(i)
                if len(finished) == TRANSFERS:
                    done.set()
            else:
                account, amounts = (b, LARGE) if i == TRANSFERS else (a, BATCH)
                while not done.is_set():
                    account.deposit(amounts)
                    deposited[i] += len(amounts)

        run_threads(threads, work)
        total = a.balance() + b.balance()
        assert total == sum(deposited), (
            f"money appeared or vanished in round {r + 1}: the balances sum to {total}, "
            f"not the {sum(deposited)} deposited")
