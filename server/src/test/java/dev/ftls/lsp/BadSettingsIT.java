package dev.ftls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, defect 9 (the settings parts): a wrongly typed {@code defines} or a NUL in
 * {@code includePaths} neither fails initialize nor is dropped silently later; the document still
 * gets its diagnostics.
 */
class BadSettingsIT {
  @TempDir Path dir;

  private static String message(JsonObject m) {
    return m.getAsJsonObject("params").get("message").getAsString();
  }

  private static boolean isShowMessage(JsonObject m) {
    return "window/showMessage".equals(JsonRpcClient.str(m, "method"));
  }

  @Test
  void badValuesInInitializationOptionsAndConfigurationAreShownAndTheRestWorks() throws Exception {
    Path file = dir.resolve("spam.c");
    Files.copy(JsonRpcClient.repoFile("test-workspaces/demo/spam.c"), file);
    String uri = file.toUri().toString();
    try (JsonRpcClient c = new JsonRpcClient(JsonRpcClient.startServer(dir.resolve("server.log")))) {
      JsonObject init = c.initialize(dir, Map.of("python", "none", "defines", Map.of("A", Map.of()),
          "includePaths", List.of("inc", "a\u0000b")));
      assertFalse(init.has("error"), init.toString());
      assertTrue(init.has("result"), init.toString());
      c.await(m -> isShowMessage(m) && message(m).contains("ftls settings: defines: \"A\" has an object as its value"), 10_000);
      c.await(m -> isShowMessage(m) && message(m).contains("ftls settings: includePaths: \"a\\u0000b\" is not a valid path"), 10_000);
      c.open(uri, "c", Files.readString(file));
      assertEquals(2, c.diagnostics(uri, 1).getAsJsonArray("diagnostics").size());

      int mark = c.mark();
      c.notify("workspace/didChangeConfiguration",
          Map.of("settings", Map.of("ftls", Map.of("python", "none", "defines", List.of(1, Map.of())))));
      JsonObject later = c.awaitAfter(mark, m -> isShowMessage(m) && message(m).contains("defines"), 10_000);
      assertTrue(message(later).startsWith("ftls settings: defines: found the number 1, an object among the items"),
          later.toString());
    }
  }
}
