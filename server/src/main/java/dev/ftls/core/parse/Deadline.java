package dev.ftls.core.parse;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The wall-clock budget of one file's analysis. Work checks {@link #passed()} between steps; a
 * parse, which cannot check by itself, is cancelled through {@link #onExpiry} when the time is up.
 */
public final class Deadline {
  /**
   * How long one file may take, parse and rules together. Far above any real file (the largest
   * files analyzed take a few seconds); it only stops inputs made to blow up.
   */
  public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(30);

  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private final Duration budget;
  private final long end;

  private Deadline(Duration budget) {
    this.budget = budget;
    long now = System.nanoTime();
    long nanos = budget.toNanos();
    this.end = now + nanos < now ? Long.MAX_VALUE : now + nanos;
  }

  /** A deadline the given time from now. */
  public static Deadline after(Duration budget) {
    return new Deadline(budget);
  }

  /** Whether the time is up. */
  public boolean passed() {
    return System.nanoTime() - end >= 0;
  }

  /** Nanoseconds until the time is up (negative once it has passed). */
  public long nanosLeft() {
    return end - System.nanoTime();
  }

  /** "30 s", "0.5 s": the budget as the user reads it. */
  public String describe() {
    long ms = budget.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + " s" : (ms / 1000.0) + " s";
  }

  /** The reason given for work stopped by this deadline. */
  public String exceededReason() {
    return "it took longer than the time budget of " + describe() + " per file";
  }

  /** Runs {@code cancel} once when the time is up, unless the returned handle is closed first. */
  Watch onExpiry(Runnable cancel) {
    long delay = end - System.nanoTime();
    if (delay <= 0) {
      cancel.run();
      return () -> {};
    }
    ScheduledFuture<?> f = TIMER.schedule(cancel, delay, TimeUnit.NANOSECONDS);
    return () -> f.cancel(false);
  }

  /** A pending cancellation. */
  interface Watch extends AutoCloseable {
    @Override
    void close();
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor t =
        new ScheduledThreadPoolExecutor(1, r -> {
          Thread th = new Thread(r, "ftls-deadline");
          th.setDaemon(true);
          return th;
        });
    t.setRemoveOnCancelPolicy(true);
    return t;
  }
}
