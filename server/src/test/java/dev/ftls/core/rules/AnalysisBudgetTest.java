package dev.ftls.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.core.config.Settings;
import dev.ftls.core.kb.JsonKnowledgeBase;
import dev.ftls.core.kb.KnowledgeBase;
import dev.ftls.core.parse.CompileFlags;
import dev.ftls.core.source.SourceText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file gets a result within its budgets: deep nesting that compilers accept is analyzed on
 * the big-stack threads, absurd nesting, macro bombs and an exhausted time budget give "not
 * analyzed" with the reason, and a rule that overflows its stack or runs out of memory becomes an
 * error entry while the other rules still report.
 */
class AnalysisBudgetTest {
  private static final KnowledgeBase KB = JsonKnowledgeBase.builtin();
  private static final Analyzer ANALYZER = new Analyzer(KB);
  /** Generous: only says the analysis finished at all. */
  private static final Duration FINISHES = Duration.ofSeconds(120);

  @TempDir Path dir;

  private static final String HEAD =
      "#include <Python.h>\nstatic PyObject *shared;\nstatic PyObject *f(PyObject *self, PyObject *args) {\n";
  private static final String BORROW = "PyList_GetItem(shared, 0)";

  private FileResult analyze(Analyzer analyzer, String name, String text) {
    Settings s = new Settings();
    s.python = "none";
    return assertTimeoutPreemptively(FINISHES,
        () -> analyzer.analyze(new SourceText(dir.resolve(name), text), new CompileFlags(), s));
  }

  private static void assertFindsTheBorrowInside(FileResult r, String text) {
    assertEquals(FileResult.Status.ANALYZED, r.status(), String.valueOf(r.notAnalyzed()) + r.errors());
    int at = text.indexOf(BORROW);
    assertTrue(r.findings().stream().anyMatch(f -> f.ruleId().equals("FT101") && f.start() == at),
        "FT101 on the nested call: " + r.findings());
  }

  /** A rule that ignores the time budget (as a pathological regex would) and only stops when interrupted. */
  private static final Rule IGNORES_THE_BUDGET = new Rule() {
    @Override
    public RuleMeta meta() {
      return new RuleMeta("FT999", "spins", Severity.ERROR, "spins", "", false);
    }

    @Override
    public void check(RuleContext ctx) {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.onSpinWait();
      }
    }
  };

  @Test
  void workThatIgnoresTheBudgetIsAbandonedAfterTheGraceAndReported() {
    Analyzer analyzer = new Analyzer(KB, List.of(IGNORES_THE_BUDGET), Duration.ofSeconds(5), Duration.ofSeconds(1));
    String text = HEAD + "    return NULL;\n}\n";
    long t0 = System.nanoTime();
    FileResult r = analyze(analyzer, "spins.c", text);
    long waited = System.nanoTime() - t0;
    assertEquals(FileResult.Status.NOT_ANALYZED, r.status(), r.errors().toString());
    assertTrue(r.notAnalyzed().contains("time budget of 5 s") && r.notAnalyzed().contains("stopped waiting"),
        r.notAnalyzed());
    assertTrue(waited >= Duration.ofSeconds(6).toNanos(), "waited the budget and the 1 s grace: " + waited);
    assertNoRunnerIsBusy(); // the abandoned thread was interrupted and ended
  }

  @Test
  void aThousandNestedParenthesesAreAnalyzed() {
    int depth = 1000;
    String text = HEAD + "    PyObject *item = " + "(".repeat(depth) + BORROW + ")".repeat(depth)
        + ";\n    return item;\n}\n";
    assertFindsTheBorrowInside(analyze(ANALYZER, "parens.c", text), text);
  }

  @Test
  void twoThousandNestedBracesAreAnalyzed() {
    int depth = 2000;
    String text = HEAD + "    PyObject *item;\n" + "{".repeat(depth) + "item = " + BORROW + ";" + "}".repeat(depth)
        + "\n    return item;\n}\n";
    assertFindsTheBorrowInside(analyze(ANALYZER, "braces.c", text), text);
  }

  @Test
  void nestingAtTheLimitIsAnalyzed() {
    int half = Nesting.MAX_DEPTH / 2 - 1; // braces, and parentheses inside them
    String text = HEAD + "    PyObject *item;\n" + "{".repeat(half) + "item = " + "(".repeat(half) + BORROW
        + ")".repeat(half) + ";" + "}".repeat(half) + "\n    return item;\n}\n";
    int depth = Nesting.depth(text);
    assertTrue(depth <= Nesting.MAX_DEPTH && depth >= Nesting.MAX_DEPTH - 2, "depth " + depth);
    assertFindsTheBorrowInside(analyze(ANALYZER, "limit.c", text), text);
  }

  @Test
  void absurdNestingIsNotAnalyzedWithTheReason() {
    int depth = 200_000;
    String text = HEAD + "    PyObject *item = " + "(".repeat(depth) + BORROW + ")".repeat(depth)
        + ";\n    return item;\n}\n";
    FileResult r = analyze(ANALYZER, "absurd.c", text);
    assertEquals(FileResult.Status.NOT_ANALYZED, r.status(), r.toString());
    assertTrue(r.notAnalyzed().matches("its brackets are nested 200,00\\d deep, more than the limit of 10,000"), r.notAnalyzed());
  }

  @Test
  void nestingCountsNoBracketsInCommentsOrLiterals() {
    assertEquals(2, Nesting.depth("f((x)); /* ((((( */ // [[[[\n char *s = \"{{{{\"; char c = '(';"));
  }

  @Test
  void anObjectLikeMacroBombStopsAtTheTokenBudget() {
    StringBuilder text = new StringBuilder("#include <Python.h>\n#define A0 x\n");
    for (int i = 1; i <= 29; i++) {
      text.append("#define A").append(i).append(" A").append(i - 1).append(" A").append(i - 1).append('\n');
    }
    text.append("int y = A29;\n");
    assertStoppedAtTheTokenBudget(analyze(ANALYZER, "bomb.c", text.toString()));
  }

  @Test
  void aFunctionLikeMacroBombStopsAtTheTokenBudget() {
    StringBuilder text = new StringBuilder("#include <Python.h>\n#define F0(v) v v\n");
    for (int i = 1; i <= 29; i++) {
      text.append("#define F").append(i).append("(v) F").append(i - 1).append("(F").append(i - 1).append("(v))\n");
    }
    text.append("int y = F29(1);\n");
    assertStoppedAtTheTokenBudget(analyze(ANALYZER, "fbomb.c", text.toString()));
  }

  private static void assertStoppedAtTheTokenBudget(FileResult r) {
    assertEquals(FileResult.Status.NOT_ANALYZED, r.status(), r.toString());
    assertTrue(r.notAnalyzed().contains("tokens"), r.notAnalyzed());
    assertNoRunnerIsBusy();
  }

  @Test
  void anExhaustedTimeBudgetStopsTheParse() {
    Analyzer noTime = new Analyzer(KB, RuleRegistry.all(), Duration.ZERO);
    String text = HEAD + "    return " + BORROW + ";\n}\n";
    FileResult r = analyze(noTime, "late.c", text);
    assertEquals(FileResult.Status.NOT_ANALYZED, r.status(), r.toString());
    assertTrue(r.notAnalyzed().contains("time budget of 0 s"), r.notAnalyzed());
    assertNoRunnerIsBusy();
  }

  @Test
  void aRuleThatOverflowsOrRunsOutOfMemoryIsAnErrorAndTheOthersStillReport() {
    Rule overflows = failing("FT990", () -> {
      throw new StackOverflowError();
    });
    Rule exhausts = failing("FT991", () -> {
      long[][] hoard = new long[Integer.MAX_VALUE - 8][];
      hoard[0] = new long[1];
    });
    List<Rule> rules = new ArrayList<>(List.of(overflows, exhausts));
    rules.addAll(RuleRegistry.all());
    String text = HEAD + "    PyObject *item = " + BORROW + ";\n    return item;\n}\n";
    FileResult r = analyze(new Analyzer(KB, rules), "failing.c", text);
    assertEquals(FileResult.Status.INCOMPLETE, r.status(), r.toString());
    assertEquals(List.of(
        "rule FT990 failed on this file: it is nested too deeply (the stack overflowed)",
        "rule FT991 failed on this file: it ran out of memory"), r.errors());
    assertTrue(r.findings().stream().anyMatch(f -> f.ruleId().equals("FT101")), r.findings().toString());
  }

  @Test
  void aRuleStillReportingWhenTheBudgetRunsOutIsStoppedAndTheFileIsIncomplete() {
    int[] reported = {0};
    Rule endless = new Rule() {
      private final RuleMeta mine = new RuleMeta("FT992", "endless", RuleRegistry.all().get(0).meta().defaultSeverity(),
          "reports until stopped", "", false);

      @Override
      public RuleMeta meta() {
        return mine;
      }

      @Override
      public void check(RuleContext ctx) {
        while (true) { // only the budget can stop this loop
          ctx.report(new Finding("FT992", mine.defaultSeverity(), "again", 0, 1, List.of()));
          reported[0]++;
        }
      }
    };
    List<Rule> rules = new ArrayList<>(List.of(endless));
    rules.addAll(RuleRegistry.all());
    String text = HEAD + "    return " + BORROW + ";\n}\n";
    FileResult r = analyze(new Analyzer(KB, rules, Duration.ofSeconds(2)), "endless.c", text);
    assertEquals(FileResult.Status.INCOMPLETE, r.status(), r.errors().toString());
    assertEquals(1, r.errors().size(), r.errors().toString());
    String why = r.errors().get(0);
    assertTrue(why.startsWith("it took longer than the time budget of 2 s per file; rules not run or not finished: FT992 (stopped), FT001"),
        why);
    assertTrue(reported[0] > 0 && r.findings().stream().allMatch(f -> f.ruleId().equals("FT992")),
        "what the stopped rule reported is kept, and no later rule ran");
    assertNoRunnerIsBusy();
  }

  private static Rule failing(String id, Runnable body) {
    RuleMeta meta = RuleRegistry.all().get(0).meta();
    RuleMeta mine = new RuleMeta(id, "failing-" + id, meta.defaultSeverity(), "fails on purpose", "", false);
    return new Rule() {
      @Override
      public RuleMeta meta() {
        return mine;
      }

      @Override
      public void check(RuleContext ctx) {
        body.run();
      }
    };
  }

  /**
   * Nothing keeps running after a file's result is in: every runner thread goes back to waiting
   * for work (within a generous time, since a thread hands its result back just after it).
   */
  private static void assertNoRunnerIsBusy() {
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    List<String> busy = busyRunners();
    while (!busy.isEmpty() && System.nanoTime() < until) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      busy = busyRunners();
    }
    assertEquals(List.of(), busy, "runner threads still at work");
  }

  private static List<String> busyRunners() {
    List<String> busy = new ArrayList<>();
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      Thread t = e.getKey();
      if (AnalysisThreads.isRunnerThread(t) && t.getState() == Thread.State.RUNNABLE) {
        busy.add(t.getName() + " " + List.of(e.getValue()));
      }
    }
    return busy;
  }
}
