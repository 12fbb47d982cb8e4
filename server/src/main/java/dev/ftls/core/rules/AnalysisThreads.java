package dev.ftls.core.rules;

import dev.ftls.core.parse.Deadline;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A few reusable threads with a large stack on which every file is parsed and checked. CDT's
 * parser and the rules' tree walks recurse once per nesting level, and the JVM's default stack
 * (512 KiB to 1 MiB) overflows at about 1,000 nested parentheses, which compilers accept.
 *
 * <p>{@link #STACK_BYTES}, 64 MiB: measured, CDT needs 1 to 2 KiB of stack per nested
 * parenthesis and about 0.3 KiB per nested brace, so the deepest nesting analyzed ({@link
 * Nesting#MAX_DEPTH}, 10,000 brackets) takes at most about 20 MiB, and the rules' tree walks
 * fit in the rest. Deeper nesting built by macros (which the depth check does not see) overflows,
 * and that is caught per file. The stack is reserved address space: memory is used only as deep
 * as a parse actually goes, and idle threads end after a minute.
 */
final class AnalysisThreads {
  static final long STACK_BYTES = 64L * 1024 * 1024;

  private static final String NAME = "ftls-analysis-runner-";
  private static final AtomicInteger COUNT = new AtomicInteger();
  private static final ThreadPoolExecutor POOL = pool();

  private AnalysisThreads() {}

  /**
   * How long past a file's deadline the caller waits, by default, before it gives up on the work:
   * the budget itself, at least 10 s (what is left after the budget, such as sorting what a rule
   * reported, gets time to finish). The budget is checked between steps (CDT's cancel hook, the
   * rules' checks); a step that never looks at it (a pathological regex, a walk of a huge folder)
   * would otherwise hold the caller forever.
   */
  static Duration graceFor(Duration budget) {
    return budget.compareTo(Duration.ofSeconds(10)) > 0 ? budget : Duration.ofSeconds(10);
  }

  /** The work did not end within its deadline and the grace; it may still be running. */
  static final class Abandoned extends Exception {
    Abandoned() {
      super(null, null, false, false);
    }
  }

  /**
   * Runs {@code work} on a big-stack thread and waits for it until {@code deadline} plus
   * {@code grace}. Work normally bounds itself by the deadline; when it does not, the thread is
   * interrupted and left to end on its own (a daemon), and the caller gets {@link Abandoned}. On a
   * runner thread already, or when no thread can be started, it runs on the caller's thread.
   *
   * @throws ExecutionException what the work threw
   */
  static <T> T call(Callable<T> work, Deadline deadline, Duration grace) throws ExecutionException, Abandoned {
    if (Thread.currentThread().getName().startsWith(NAME)) {
      return direct(work);
    }
    Future<T> f;
    try {
      f = POOL.submit(work);
    } catch (RejectedExecutionException | OutOfMemoryError e) {
      return direct(work);
    }
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return f.get(Math.max(0, deadline.nanosLeft() + grace.toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          interrupted = true; // the work ends within its budget and grace; wait for it
        } catch (TimeoutException e) {
          f.cancel(true);
          throw new Abandoned();
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static <T> T direct(Callable<T> work) throws ExecutionException {
    try {
      return work.call();
    } catch (Throwable e) {
      throw new ExecutionException(e);
    }
  }

  /** Whether the current thread is one of the runners (for tests). */
  static boolean isRunnerThread(Thread t) {
    return t.getName().startsWith(NAME);
  }

  private static ThreadPoolExecutor pool() {
    // a thread per waiting caller, so callers never queue behind each other's rules, nor behind
    // abandoned work that is still running
    ThreadPoolExecutor p =
        new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
          Thread t = new Thread(null, r, NAME + COUNT.incrementAndGet(), STACK_BYTES);
          t.setDaemon(true);
          return t;
        });
    return p;
  }
}
