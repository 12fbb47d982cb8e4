package dev.ftls.lsp;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Gives the heap's unused memory back to the system once the server has been idle for a while.
 *
 * <p>The launcher runs the server with the serial collector and a small starting heap (README
 * "Start-up"): a fresh session then touches only the memory its work needs, and the heap grows
 * when a large file or the project index needs more. The serial collector shrinks the heap only
 * after a full collection, which the server would not otherwise need while the editor is idle;
 * so after {@link #IDLE_MS} without work (analysis, index, code actions) one full collection runs,
 * and not again until there has been more work. Other collectors (a user's
 * {@code FTLS_JAVA_OPTS}) shrink their heap in such a collection too.
 */
final class IdleCollection {
  /** How long the server must have had no work before it collects (system property for tests). */
  static final long IDLE_MS = Long.getLong("ftls.idleCollectMs", 60_000);

  private final long idleNanos;
  private final LongSupplier clock;
  private final BooleanSupplier busy;
  private final Runnable collect;
  private volatile long lastWork;
  private volatile boolean workSinceCollection;

  /**
   * @param busy whether work is scheduled or running now
   * @param collect the collection (a full GC and its log line)
   */
  IdleCollection(long idleMs, LongSupplier clock, BooleanSupplier busy, Runnable collect) {
    this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleMs);
    this.clock = clock;
    this.busy = busy;
    this.collect = collect;
    this.lastWork = clock.getAsLong();
  }

  /** Some work ended (or began): the idle time counts from now. */
  void worked() {
    lastWork = clock.getAsLong();
    workSinceCollection = true;
  }

  /** Collects when there was work since the last collection, none now, and none for the idle time. */
  void tick() {
    if (workSinceCollection && !busy.getAsBoolean() && clock.getAsLong() - lastWork >= idleNanos) {
      workSinceCollection = false;
      collect.run();
    }
  }

  /** Ticks on {@code timer} a few times per idle period (at most every 10 s). */
  void start(ScheduledExecutorService timer) {
    long every = Math.max(50, Math.min(10_000, TimeUnit.NANOSECONDS.toMillis(idleNanos) / 4));
    timer.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
  }

  /** A full collection; returns what it did for the server's log. */
  static String collectNow(long idleMs) {
    String idle = idleMs % 1000 == 0 ? idleMs / 1000 + " s" : idleMs + " ms";
    return "idle for " + idle + ": " + fullCollection();
  }

  /** A full collection; says what it gave back. */
  static String fullCollection() {
    Runtime rt = Runtime.getRuntime();
    long before = rt.totalMemory();
    System.gc();
    long after = rt.totalMemory();
    return String.format("a full collection; heap committed %d MiB before, %d MiB after, %d MiB in use",
        before >> 20, after >> 20, (after - rt.freeMemory()) >> 20);
  }
}
