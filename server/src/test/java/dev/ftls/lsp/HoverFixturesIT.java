package dev.ftls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.ftls.core.source.LineIndex;
import dev.ftls.fixtures.HoverMarkers;
import dev.ftls.kbgen.KbUpToDateTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hover goldens through the real server: every source under test-workspaces/hover marks hover
 * requests with cursor markers (see {@link HoverMarkers}). The server gets the text without the
 * markers (built-in prelude; the target and minimumPython of the file's {@code ftls-test:} options),
 * publishes its diagnostics, then answers a Markdown
 * hover at each marker; the answers must equal the golden {@code NAME.hover.md} beside the source.
 * With {@code -Dftls.regenerate=true} the goldens are rewritten instead.
 */
class HoverFixturesIT {
  static final String DIR = "test-workspaces/hover";
  static final String GOLDEN_SUFFIX = ".hover.md";
  static final String REGENERATE = "mvn -q -pl server verify -Dit.test=HoverFixturesIT -Dtest=NONE"
      + " -Dsurefire.failIfNoSpecifiedTests=false -Dftls.regenerate=true";

  @TempDir static Path dir;
  private static JsonRpcClient client;

  @BeforeAll
  static void startServer() throws Exception {
    client = new JsonRpcClient(JsonRpcClient.startServer(dir.resolve("server.log")));
    client.initialize(dir, Map.of("python", "none"));
  }

  @AfterAll
  static void stopServer() {
    if (client != null) {
      client.close();
    }
  }

  private static List<Path> sources() throws IOException {
    try (Stream<Path> files = Files.list(JsonRpcClient.repoFile(DIR))) {
      return files.filter(p -> p.getFileName().toString().matches(".*\\.(c|cpp)$"))
          .filter(p -> !p.getFileName().toString().contains(".fixed."))
          .sorted()
          .toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> hoversMatchTheirGoldens() throws IOException {
    List<Path> sources = sources();
    assertFalse(sources.isEmpty(), "no hover fixtures in " + DIR);
    return sources.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
  }

  @Test
  void everyGoldenHasItsSource() throws IOException {
    List<Path> sources = sources();
    try (Stream<Path> files = Files.list(JsonRpcClient.repoFile(DIR))) {
      for (Path golden : files.filter(p -> p.toString().endsWith(GOLDEN_SUFFIX)).toList()) {
        String source = golden.getFileName().toString().replace(GOLDEN_SUFFIX, "");
        assertTrue(sources.contains(golden.resolveSibling(source)), golden.getFileName() + " has no source " + source);
      }
    }
  }

  private static void check(Path source) throws Exception {
    String name = source.getFileName().toString();
    HoverMarkers.Marked marked = HoverMarkers.strip(Files.readString(source, StandardCharsets.UTF_8));
    assertFalse(marked.offsets().isEmpty(), name + " has no cursor marker " + HoverMarkers.MARKER);
    Path file = dir.resolve(name);
    Files.writeString(file, marked.text(), StandardCharsets.UTF_8);
    String uri = file.toUri().toString();
    // the fixture's ftls-test options (target, minimumPython) as the editor's settings
    Map<String, Object> settings = new java.util.HashMap<>(Map.of("python", "none"));
    for (String[] option : dev.ftls.fixtures.Fixtures.options(marked.text())) {
      settings.put(option[0], option[1]);
    }
    client.notify("workspace/didChangeConfiguration", Map.of("settings", Map.of("ftls", settings)));
    client.open(uri, name.endsWith(".c") ? "c" : "cpp", marked.text());
    client.diagnostics(uri, 1); // the findings are in, so hovers on flagged calls are complete

    LineIndex lines = new LineIndex(marked.text());
    StringBuilder actual = new StringBuilder()
        .append("Hovers at the cursor markers of ").append(name).append(", as the server answers them.\n")
        .append("Regenerate: ").append(REGENERATE).append('\n');
    for (int offset : marked.offsets()) {
      int line = lines.line(offset);
      int column = lines.column(offset);
      String text = marked.text();
      String lineText = text.substring(lines.lineStart(line), offset) + "|"
          + text.substring(offset, lineEnd(text, offset));
      actual.append("\n## ").append(line + 1).append(':').append(column + 1)
          .append(" `").append(lineText.strip()).append("`\n\n");
      JsonObject response = client.hover(uri, line, column);
      assertFalse(response.has("error"), response.toString());
      if (!response.has("result") || response.get("result").isJsonNull()) {
        actual.append("(no hover)\n");
        continue;
      }
      JsonObject result = response.getAsJsonObject("result");
      JsonObject contents = result.getAsJsonObject("contents");
      assertEquals("markdown", contents.get("kind").getAsString(), name + " " + (line + 1) + ":" + (column + 1));
      actual.append("Range: `").append(rangeText(lines, text, result.getAsJsonObject("range"))).append("`\n\n")
          .append(contents.get("value").getAsString()).append('\n');
    }

    Path golden = source.resolveSibling(name + GOLDEN_SUFFIX);
    if (Boolean.getBoolean("ftls.regenerate")) {
      Files.writeString(golden, actual.toString(), StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(golden), golden.getFileName() + " is missing; create it with: " + REGENERATE);
    String expected = Files.readString(golden, StandardCharsets.UTF_8);
    assertEquals(expected, actual.toString(), golden.getFileName() + " differs ("
        + KbUpToDateTest.firstDifference(expected, actual.toString())
        + "); if the change is intended, regenerate with: " + REGENERATE);
  }

  private static int lineEnd(String text, int offset) {
    int end = text.indexOf('\n', offset);
    return end < 0 ? text.length() : end;
  }

  /** The source text an LSP range covers. */
  private static String rangeText(LineIndex lines, String text, JsonObject range) {
    JsonObject start = range.getAsJsonObject("start");
    JsonObject end = range.getAsJsonObject("end");
    return text.substring(
        lines.offset(start.get("line").getAsInt(), start.get("character").getAsInt()),
        lines.offset(end.get("line").getAsInt(), end.get("character").getAsInt()));
  }
}
