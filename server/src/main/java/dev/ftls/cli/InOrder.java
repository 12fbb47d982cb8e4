package dev.ftls.cli;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Runs work on several threads and hands the results over in the order of the items, on the
 * caller's thread: what a run prints is the same whatever the number of jobs. Memory holds only
 * the files in flight, not the whole tree: {@code 2 * jobs} items at least, and more (up to {@link
 * #MAX_AHEAD} more) while the items in flight and waiting to be handed over weigh at most {@link
 * #WEIGHT_AHEAD} in all (a file's size), so that the other jobs go on past a large file instead of
 * waiting for it to be handed over. With one job everything runs on the caller's thread.
 */
final class InOrder {
  private InOrder() {}

  /** Items that may be in flight or waiting, beyond {@code 2 * jobs}, while they weigh little. */
  static final int MAX_AHEAD = 64;
  /** What the items in flight and waiting may weigh in all when there are more than {@code 2 * jobs} (8 MiB of source). */
  static final long WEIGHT_AHEAD = 8L << 20;

  /** Heap a job may need: a large file's syntax tree and the rules' facts about it. */
  static final long HEAP_PER_JOB = 128L << 20;

  /**
   * The default number of jobs: the machine's cores, at most one per {@link #HEAP_PER_JOB} of the
   * heap (each file in flight holds its syntax tree), so a bounded heap on a many-core machine
   * does not run out of memory.
   */
  static int defaultJobs() {
    long byHeap = Runtime.getRuntime().maxMemory() / HEAP_PER_JOB;
    return (int) Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), byHeap));
  }

  /**
   * Calls {@code work} on every item (at most {@code jobs} at a time) and {@code sink} on every
   * result, in the items' order. {@code work} must not throw; an unexpected throwable ends the run.
   * Every item weighs nothing: up to {@code 2 * jobs +} {@link #MAX_AHEAD} of them are in flight.
   */
  static <I, O> void run(Iterable<I> items, int jobs, Function<I, O> work, Consumer<O> sink) {
    run(items, jobs, item -> 0L, work, sink);
  }

  /**
   * As {@link #run(Iterable, int, Function, Consumer)}, with the items beyond the first {@code 2 *
   * jobs} in flight bounded by their {@code weight} too (what a result may hold: a file's size).
   */
  static <I, O> void run(Iterable<I> items, int jobs, ToLongFunction<I> weight, Function<I, O> work,
      Consumer<O> sink) {
    if (jobs <= 1) {
      for (I item : items) {
        sink.accept(work.apply(item));
      }
      return;
    }
    AtomicInteger count = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
      Thread t = new Thread(r, "ftls-check-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      ArrayDeque<InFlight<O>> window = new ArrayDeque<>();
      long inWindow = 0;
      Iterator<I> it = items.iterator();
      I next = null;
      long nextWeight = 0;
      while (next != null || it.hasNext() || !window.isEmpty()) {
        while (next != null || it.hasNext()) {
          if (next == null) {
            next = it.next();
            nextWeight = Math.max(0, weight.applyAsLong(next));
          }
          boolean room = window.size() < 2 * jobs
              || window.size() < 2 * jobs + MAX_AHEAD && inWindow + nextWeight <= WEIGHT_AHEAD;
          if (!room) {
            break;
          }
          I item = next;
          window.add(new InFlight<>(pool.submit(() -> work.apply(item)), nextWeight));
          inWindow += nextWeight;
          next = null;
        }
        InFlight<O> first = window.poll();
        sink.accept(take(first.result()));
        inWindow -= first.weight();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** An item's work, submitted, and its weight. */
  private record InFlight<O>(Future<O> result, long weight) {}

  private static <O> O take(Future<O> f) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return f.get();
        } catch (InterruptedException e) {
          interrupted = true; // the work is bounded by its time budget; wait for it
        } catch (ExecutionException e) {
          Throwable c = e.getCause();
          if (c instanceof RuntimeException re) {
            throw re;
          }
          if (c instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(c);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
