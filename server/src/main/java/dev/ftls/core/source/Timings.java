package dev.ftls.core.source;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where the CPU of an analysis goes, by phase ({@code ftls check --timings}, as clang-tidy's
 * {@code --enable-check-profile}): reading headers, parsing files, the facts rules share, each
 * rule. A phase is timed in the CPU time of the thread that runs it, not in wall time, so that
 * other work on the machine and other analysis threads do not count, and each phase counts its
 * own time only: what a phase started inside it took is that phase's. Off unless {@link #enable}d,
 * and then a span costs two reads of the thread's CPU clock.
 */
public final class Timings {
  private Timings() {}

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static volatile boolean on;

  /** CPU nanoseconds and count by phase. */
  private static final Map<String, Phase> PHASES = new ConcurrentHashMap<>();
  private static final ThreadLocal<ArrayDeque<Open>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);

  private static final class Phase {
    final LongAdder nanos = new LongAdder();
    final LongAdder count = new LongAdder();
  }

  private static final class Open implements Span {
    final String name;
    final long start;
    long inner;
    final ArrayDeque<Open> stack;

    Open(String name, long start, ArrayDeque<Open> stack) {
      this.name = name;
      this.start = start;
      this.stack = stack;
    }

    @Override
    public void close() {
      long total = THREADS.getCurrentThreadCpuTime() - start;
      // closed in order; one left open by an exception between is closed with it
      while (!stack.isEmpty() && stack.peek() != this) {
        stack.pop();
      }
      stack.poll();
      Phase p = PHASES.computeIfAbsent(name, k -> new Phase());
      p.nanos.add(total - inner);
      p.count.increment();
      Open outer = stack.peek();
      if (outer != null) {
        outer.inner += total;
      }
    }
  }

  /** A phase being timed: closing it adds its time. */
  public interface Span extends AutoCloseable {
    @Override
    void close();
  }

  private static final Span NONE = () -> {};

  /** Starts timing from now on, from nothing (when the thread CPU clock is there). */
  public static void enable() {
    PHASES.clear();
    on = THREADS.isCurrentThreadCpuTimeSupported();
    if (on && !THREADS.isThreadCpuTimeEnabled()) {
      THREADS.setThreadCpuTimeEnabled(true);
    }
  }

  /** Stops timing (what was timed stays until the next {@link #enable}). */
  public static void disable() {
    on = false;
  }

  /** Times {@code phase} on this thread until the span is closed; nothing when timing is off. */
  public static Span start(String phase) {
    if (!on) {
      return NONE;
    }
    ArrayDeque<Open> stack = OPEN.get();
    Open o = new Open(phase, THREADS.getCurrentThreadCpuTime(), stack);
    stack.push(o);
    return o;
  }

  /** One phase's total: its own CPU time and how many times it ran. */
  public record Total(String phase, long nanos, long count) {}

  /** The phases timed so far, the most CPU first. */
  public static List<Total> totals() {
    List<Total> out = new ArrayList<>();
    PHASES.forEach((k, v) -> out.add(new Total(k, v.nanos.sum(), v.count.sum())));
    out.sort(Comparator.comparingLong(Total::nanos).reversed().thenComparing(Total::phase));
    return out;
  }

  /** The table {@code --timings} prints: CPU seconds, share of the total timed, count, phase. */
  public static String table(List<Total> totals) {
    long all = 0;
    for (Total t : totals) {
      all += t.nanos;
    }
    StringBuilder out = new StringBuilder(String.format("%9s %7s %8s  %s%n", "CPU s", "share", "count", "phase"));
    for (Total t : totals) {
      out.append(String.format("%9.3f %6.1f%% %8d  %s%n", t.nanos / 1e9, all == 0 ? 0.0 : 100.0 * t.nanos / all, t.count,
          t.phase));
    }
    out.append(String.format("%9.3f %6.1f%% %8s  %s%n", all / 1e9, 100.0, "", "all timed phases"));
    return out.toString();
  }
}
