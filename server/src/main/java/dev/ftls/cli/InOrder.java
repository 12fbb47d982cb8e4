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

/**
 * Runs work on several threads and hands the results over in the order of the items, on the
 * caller's thread: what a run prints is the same whatever the number of jobs. At most {@code 2 *
 * jobs} results wait to be handed over, so memory holds only the files in flight, not the whole
 * tree. With one job everything runs on the caller's thread.
 */
final class InOrder {
  private InOrder() {}

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
   */
  static <I, O> void run(Iterable<I> items, int jobs, Function<I, O> work, Consumer<O> sink) {
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
      ArrayDeque<Future<O>> window = new ArrayDeque<>();
      Iterator<I> it = items.iterator();
      while (it.hasNext() || !window.isEmpty()) {
        while (it.hasNext() && window.size() < 2 * jobs) {
          I item = it.next();
          window.add(pool.submit(() -> work.apply(item)));
        }
        sink.accept(take(window.poll()));
      }
    } finally {
      pool.shutdownNow();
    }
  }

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
