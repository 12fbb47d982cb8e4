package dev.ftls.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.core.config.Target;
import dev.ftls.core.source.SourceText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CDT parses run at once although CDT counts tokens in one counter for the JVM: every running parse
 * is charged the tokens made since it started and the limit in force is what the most charged one
 * has left, a parse alone waits for the others and they for it, and a macro bomb parsed while
 * other parses keep starting is still stopped at its budget while the others finish normally.
 */
class TokenTurnsTest {
  @TempDir Path dir;

  /** A stand-in for CDT's counter: the test says how many tokens were made and reads the limit set. */
  private static final class FakeCounter implements TokenTurns.Counter {
    volatile int count;
    volatile int limit = -1;

    @Override
    public int count() {
      return count;
    }

    @Override
    public void limit(int value) {
      limit = value;
    }
  }

  @Test
  void eachRunningParseIsChargedEveryTokenMadeSinceItStarted() {
    FakeCounter counter = new FakeCounter();
    counter.count = 123; // made by a parse that has ended: nobody is charged for it
    TokenTurns turns = new TokenTurns(counter);
    TokenTurns.Turn big = turns.beside(16_000_000);
    assertEquals(16_000_000, big.cdtLimit());
    assertFalse(big.alone());
    counter.count = 5_000_000; // then CDT resets it as the next parse starts
    TokenTurns.Turn small = turns.beside(3_000_000);
    assertEquals(3_000_000, small.cdtLimit(), "its own limit: the big parse has 11 million left");
    counter.count = 2_500_000;
    TokenTurns.Turn later = turns.beside(20_000_000);
    assertEquals(3_000_000 - 2_500_000, later.cdtLimit(), "the small parse has half a million left");
    counter.count = 0;
    small.close();
    assertEquals(16_000_000 - 7_500_000, counter.limit, "once it ends the big parse's 8.5 million are in force");
    counter.count = 9_000_000;
    TokenTurns.Turn over = turns.beside(20_000_000);
    assertEquals(1, over.cdtLimit(), "the big parse is over its budget: the next token stops it");
    over.close();
    later.close();
    big.close();
    counter.count = 42;
    try (TokenTurns.Turn fresh = turns.beside(1000)) {
      assertEquals(1000, fresh.cdtLimit(), "with none running the past is forgotten");
    }
  }

  @Test
  void aTurnAloneWaitsForTheRunningOnesAndTheyForIt() throws Exception {
    TokenTurns turns = new TokenTurns(new FakeCounter());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      TokenTurns.Turn running = turns.beside(1000);
      CountDownLatch aloneStarted = new CountDownLatch(1);
      CountDownLatch releaseAlone = new CountDownLatch(1);
      Future<Boolean> alone = pool.submit(() -> {
        try (TokenTurns.Turn t = turns.alone(1000)) {
          aloneStarted.countDown();
          releaseAlone.await(10, TimeUnit.SECONDS);
          return t.alone();
        }
      });
      assertFalse(aloneStarted.await(300, TimeUnit.MILLISECONDS), "alone waits while a parse runs");
      running.close();
      assertTrue(aloneStarted.await(10, TimeUnit.SECONDS), "alone starts once the running parse is done");
      AtomicBoolean besideStarted = new AtomicBoolean();
      Future<?> beside = pool.submit(() -> {
        try (TokenTurns.Turn t = turns.beside(1000)) {
          besideStarted.set(true);
        }
      });
      Thread.sleep(300);
      assertFalse(besideStarted.get(), "nothing starts beside a parse that runs alone");
      releaseAlone.countDown();
      assertTrue(alone.get(10, TimeUnit.SECONDS));
      beside.get(10, TimeUnit.SECONDS);
      assertTrue(besideStarted.get());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void withoutACounterEveryTurnIsAlone() {
    TokenTurns turns = new TokenTurns(null);
    try (TokenTurns.Turn t = turns.beside(5)) {
      assertTrue(t.alone());
      assertEquals(5, t.cdtLimit());
    }
  }

  @Test
  void cdtsCounterIsReachable() {
    assertNotNull(CdtCounter.find(), "this CDT's token counter was found, so parses can run at once");
  }

  @Test
  void aMacroBombAmongParsesThatKeepStartingStopsAtItsBudgetAndTheOthersFinish() throws Exception {
    StringBuilder bomb = new StringBuilder("#define A0 x\n");
    for (int i = 1; i <= 29; i++) {
      bomb.append("#define A").append(i).append(" A").append(i - 1).append(" A").append(i - 1).append('\n');
    }
    bomb.append("int y = A29;\n");
    String small = "#define TWICE(v) v v\nstatic int f(int a) { return TWICE(a +) 1; }\n";
    CParser parser = new CParser();
    Target target = Target.parse("3.14t");
    AtomicBoolean bombDone = new AtomicBoolean();
    AtomicInteger smallParses = new AtomicInteger();
    List<Throwable> smallFailures = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> others = pool.submit(() -> {
        while (!bombDone.get()) {
          try {
            assertNotNull(parser.parse(new SourceText(dir.resolve("small.c"), small), new CompileFlags(), target).ast());
            smallParses.incrementAndGet();
          } catch (RuntimeException | AssertionError e) {
            synchronized (smallFailures) {
              smallFailures.add(e);
            }
          }
        }
      });
      Future<ParseFailure> stopped = pool.submit(() -> {
        try {
          return assertThrows(ParseFailure.class,
              () -> parser.parse(new SourceText(dir.resolve("bomb.c"), bomb.toString()), new CompileFlags(), target));
        } finally {
          bombDone.set(true);
        }
      });
      ParseFailure failure = stopped.get(120, TimeUnit.SECONDS);
      others.get(120, TimeUnit.SECONDS);
      assertTrue(failure.getMessage().contains(String.format("%,d tokens", CParser.maxFileTokens(bomb.length()))),
          failure.getMessage());
      assertTrue(smallFailures.isEmpty(), "the small parses beside it: " + smallFailures);
      assertTrue(smallParses.get() > 0, "small files were parsed while the bomb was");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aMacrosTextAskedAfterTheParsesIsNotStoppedByTheirLimit() {
    CParser parser = new CParser();
    org.eclipse.cdt.core.dom.ast.IASTTranslationUnit tu = parser.parse(
        new SourceText(dir.resolve("m.c"), "#define SUM(a, b) ((a) + (b))\nint x = SUM(1, 2);\n"), new CompileFlags(),
        Target.parse("3.14t")).ast();
    org.eclipse.cdt.core.dom.ast.IASTPreprocessorMacroDefinition sum = java.util.Arrays.stream(tu.getMacroDefinitions())
        .filter(d -> d.getName().toString().equals("SUM")).findFirst().orElseThrow();
    TokenTurns.Counter cdt = CdtCounter.find();
    assertNotNull(cdt);
    try {
      cdt.limit(1); // as a parse of another file that has one token left would leave it
      assertThrows(org.eclipse.cdt.core.parser.ParseError.class, sum::getExpansion, "CDT lexes the text again");
      cdt.limit(1);
      assertEquals("((a) + (b))", MacroExpansion.of(sum));
    } finally {
      cdt.limit(-1);
    }
  }
}
