package dev.ftls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.core.kb.JsonKnowledgeBase;
import dev.ftls.core.rules.Analyzer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Code actions are worked out on their own thread, so the JSON-RPC thread goes on reading edits
 * and hovers meanwhile; an answer worked out for a text the document no longer has is replaced by
 * the stale answer (no edits), since edits for an older text must never reach a newer one.
 */
class CodeActionThreadTest {
  private static final String URI = "file:///tmp/ftls-code-action-thread/spam.c";
  private final Workspace ws = new Workspace(new Analyzer(JsonKnowledgeBase.builtin()));

  @AfterEach
  void stop() {
    ws.shutdown();
  }

  @Test
  void anAnswerForAnOlderVersionIsDroppedAndTheCallerIsNotHeldUp() throws Exception {
    ws.open(new Document(URI, 1, "int x;\n"));
    Document asked = ws.get(URI);
    CountDownLatch working = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    String callerThread = Thread.currentThread().getName();
    String[] workThread = new String[1];
    CompletableFuture<String> answer = ws.forAction(asked, () -> {
      workThread[0] = Thread.currentThread().getName();
      working.countDown();
      await(release);
      return "edits for version 1";
    }, "stale");
    assertTrue(working.await(30, TimeUnit.SECONDS), "the work never started");
    // the caller is free while the work runs: it applies an edit, as the JSON-RPC thread would
    assertFalse(answer.isDone());
    ws.change(URI, d -> new Document(URI, 2, "int y;\n"));
    release.countDown();
    assertEquals("stale", answer.get(30, TimeUnit.SECONDS));
    assertNotEquals(callerThread, workThread[0]);
  }

  @Test
  void anAnswerForTheCurrentVersionIsKept() throws Exception {
    ws.open(new Document(URI, 1, "int x;\n"));
    CompletableFuture<String> answer = ws.forAction(ws.get(URI), () -> "edits for version 1", "stale");
    assertEquals("edits for version 1", answer.get(30, TimeUnit.SECONDS));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
