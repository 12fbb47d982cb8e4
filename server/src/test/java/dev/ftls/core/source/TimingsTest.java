package dev.ftls.core.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimingsTest {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final long MS = 1_000_000;

  @AfterEach
  void off() {
    Timings.disable();
  }

  /** Uses {@code nanos} of this thread's CPU. */
  private static void spin(long nanos) {
    long end = THREADS.getCurrentThreadCpuTime() + nanos;
    long x = 0;
    while (THREADS.getCurrentThreadCpuTime() < end) {
      x += System.nanoTime() & 1;
    }
    assertTrue(x >= 0);
  }

  private static Map<String, Timings.Total> byPhase() {
    return Timings.totals().stream().collect(Collectors.toMap(Timings.Total::phase, t -> t));
  }

  @Test
  void aPhaseCountsItsOwnTimeAndNotThatOfThePhasesInsideIt() {
    Timings.enable();
    try (Timings.Span outer = Timings.start("outer")) {
      spin(20 * MS);
      for (int i = 0; i < 2; i++) {
        try (Timings.Span inner = Timings.start("inner")) {
          spin(30 * MS);
        }
      }
    }
    Map<String, Timings.Total> t = byPhase();
    assertEquals(2, t.get("inner").count());
    assertEquals(1, t.get("outer").count());
    assertTrue(t.get("inner").nanos() >= 60 * MS, t.toString());
    // the outer phase's own 20 ms, not the 80 it spanned
    assertTrue(t.get("outer").nanos() >= 20 * MS && t.get("outer").nanos() < 50 * MS, t.toString());
    assertEquals("inner", Timings.totals().get(0).phase(), "the most CPU first");
    String table = Timings.table(Timings.totals());
    assertTrue(table.lines().anyMatch(l -> l.matches("\\s+0\\.\\d{3}\\s+\\d+\\.\\d%\\s+2  inner")), table);
    assertTrue(table.endsWith(" 100.0%           all timed phases\n"), table);
  }

  @Test
  void aSpanLeftOpenByAnExceptionIsClosedWithTheOneAroundIt() {
    Timings.enable();
    Timings.Span outer = Timings.start("outer");
    Timings.start("abandoned"); // never closed
    spin(5 * MS);
    outer.close();
    try (Timings.Span next = Timings.start("next")) {
      spin(MS);
    }
    Map<String, Timings.Total> t = byPhase();
    assertEquals(List.of("next", "outer"), t.keySet().stream().sorted().toList(), "the abandoned span adds nothing");
    assertTrue(t.get("outer").nanos() >= 5 * MS, t.toString());
  }

  @Test
  void offNothingIsTimed() {
    Timings.enable();
    Timings.disable();
    try (Timings.Span s = Timings.start("phase")) {
      spin(MS);
    }
    assertTrue(Timings.totals().isEmpty(), Timings.totals().toString());
  }
}
