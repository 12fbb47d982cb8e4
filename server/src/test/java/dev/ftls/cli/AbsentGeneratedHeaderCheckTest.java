package dev.ftls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ftls.kbgen.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project test-workspaces/projects/absent_generated_header: its functions are declared with
 * macros from a header the build generates, absent here. `ftls check` still analyzes them (the
 * hazard in spam_first is found) and says what it assumed and which header it did not find.
 */
class AbsentGeneratedHeaderCheckTest {
  @TempDir Path dir;

  @BeforeEach
  void copyProject() throws IOException {
    Files.createDirectories(dir.resolve("src"));
    Files.copy(RepoRoot.find().resolve("test-workspaces/projects/absent_generated_header/src/spam.c"),
        dir.resolve("src/spam.c"));
  }

  @Test
  void theFunctionsAreAnalyzedAndTheJsonNotesSayWhatWasAssumed() throws IOException {
    List<String> lines = Files.readAllLines(dir.resolve("src/spam.c"));
    CheckRun run = CheckRun.in(dir, "--format", "json", "src");
    assertEquals(1, run.code(), "findings, and the file counts as analyzed: " + run.err());
    JsonObject report = JsonParser.parseString(run.out()).getAsJsonObject();
    JsonArray findings = report.getAsJsonArray("findings");
    assertEquals(1, findings.size(), findings.toString());
    JsonObject ft301 = findings.get(0).getAsJsonObject();
    assertEquals("FT301", ft301.get("ruleId").getAsString(), ft301.toString());
    int line = ft301.getAsJsonObject("range").getAsJsonObject("start").get("line").getAsInt();
    assertTrue(lines.get(line - 1).contains("lookups++"), "inside spam_first: " + lines.get(line - 1));
    assertEquals("#include \"config.h\"", lines.get(3 - 1), "the line the note names");

    JsonObject file = report.getAsJsonArray("files").get(0).getAsJsonObject();
    assertEquals("analyzed", file.get("status").getAsString());
    List<String> notes = new ArrayList<>();
    for (JsonElement n : file.getAsJsonArray("notes")) {
      notes.add(n.getAsString());
    }
    assertEquals(List.of(
        "#include \"config.h\" (line 3): not found in the include paths",
        "SPAM_INLINE assumed to be an empty attribute macro (no definition found; was its header generated at build time?)",
        "SPAM_API assumed to be an empty attribute macro (no definition found; was its header generated at build time?)"),
        notes);
  }

  @Test
  void theTextFormatShowsTheNotesToo() {
    CheckRun run = CheckRun.in(dir, "src");
    assertTrue(run.out().contains("src/spam.c: note: SPAM_API assumed to be an empty attribute macro"), run.out());
    assertTrue(run.out().contains("FT301"), run.out());
  }
}
