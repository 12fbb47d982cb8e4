package dev.ftls.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A program's answer, its failure, and a caller stopped while waiting are three different things:
 * an interrupted wait must not read as "the program did not answer" (a server shutting down once
 * made python3-config look broken for the rest of the process).
 */
class ProgramRunnerTest {
  private static String sh() {
    return ProgramLookup.find("sh", System.getenv("PATH")).toString();
  }

  @Test
  void theOutputOfAProgramThatAnswers() throws IOException {
    assertEquals("-I/x\n", ProgramRunner.output(List.of(sh(), "-c", "echo -I/x"), 30));
  }

  @Test
  void aFailingProgramSaysSo() {
    IOException e = assertThrows(IOException.class, () -> ProgramRunner.output(List.of(sh(), "-c", "exit 3"), 30));
    assertEquals("failed (exit status 3)", e.getMessage());
  }

  @Test
  void anInterruptedWaitIsNotATimeoutAndKeepsTheInterrupt() throws Exception {
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
    Thread caller = new Thread(() -> {
      try {
        ProgramRunner.output(List.of(sh(), "-c", "sleep 60"), 120);
        thrown.complete(null);
      } catch (Throwable t) {
        thrown.complete(t);
      }
      stillInterrupted.complete(Thread.currentThread().isInterrupted());
    });
    caller.start();
    Thread.sleep(200); // let it start waiting; if the interrupt comes first, waitFor throws at once all the same
    caller.interrupt();
    Throwable t = thrown.get(60, TimeUnit.SECONDS);
    assertTrue(t instanceof InterruptedIOException, "expected an InterruptedIOException, got " + t);
    assertTrue(stillInterrupted.get(60, TimeUnit.SECONDS));
  }
}
