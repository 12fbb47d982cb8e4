package dev.ftls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project-shaped workspaces of issue 11 through {@code ftls check}: a helper header with no
 * Python.h of its own (test-workspaces/projects/helper_header_without_python_h) and build-feature
 * branches (test-workspaces/projects/feature_branches).
 */
class ProjectContextCheckTest {
  @TempDir Path dir;

  private Path project(String name) throws IOException {
    return ProjectCopies.copy(name, dir);
  }

  private static JsonObject json(CheckRun run) {
    return ProjectCopies.json(run);
  }

  private static List<String> findings(JsonObject report) {
    return ProjectCopies.findings(report);
  }

  private static JsonObject fileEntry(JsonObject report, String file) {
    JsonArray files = report.getAsJsonArray("files");
    for (JsonElement e : files) {
      if (e.getAsJsonObject().get("file").getAsString().equals(file)) {
        return e.getAsJsonObject();
      }
    }
    throw new AssertionError(file + " not in " + files);
  }

  @Test
  void theHelperHeaderGetsItsFindingAndTheOrphanANote() throws IOException {
    Path root = project("helper_header_without_python_h");
    CheckRun run = CheckRun.in(root, "--format", "json", "--verbose", ".");
    JsonObject report = json(run);
    assertEquals(List.of("src/registry_lookup.h:15 FT101"), findings(report), run.out());
    assertEquals(1, run.code());
    assertEquals("[]", fileEntry(report, "src/registry_lookup.h").get("notes").toString());
    String orphanNotes = fileEntry(report, "src/orphan_lookup.h").get("notes").toString();
    assertTrue(orphanNotes.contains("analyzed alone: no file in the workspace includes it"), orphanNotes);
    assertEquals("analyzed", fileEntry(report, "src/orphan_lookup.h").get("status").getAsString());
    assertTrue(run.err().contains("src/registry_lookup.h: headers from prelude, in the context of src/registry.c"), run.err());
  }

  @Test
  void theHeaderAloneOnTheCommandLineStillGetsItsIncludersContext() throws IOException {
    Path root = project("helper_header_without_python_h");
    CheckRun run = CheckRun.in(root, "src/registry_lookup.h");
    assertTrue(run.out().startsWith("src/registry_lookup.h:15:20: FT101"), run.out());
    assertEquals(1, run.code());
  }

  @Test
  void theOrphanAloneIsReportedWithItsNoteInText() throws IOException {
    Path root = project("helper_header_without_python_h");
    CheckRun run = CheckRun.in(root, "src/orphan_lookup.h");
    assertTrue(run.out().contains("src/orphan_lookup.h: note: analyzed alone"), run.out());
    assertEquals(0, run.code(), "a note is no finding and no failure");
  }

  @Test
  void featureBranchesAreAnalyzedAndPlatformAndVersionBranchesAreNot() throws IOException {
    Path root = project("feature_branches");
    CheckRun run = CheckRun.in(root, "--format", "json", "--select", "FT101", "--verbose", ".");
    assertEquals(List.of("src/stats.c:12 FT101", "src/stats.c:23 FT101"), findings(json(run)), run.out());
    assertTrue(run.err().contains("src/stats.c: headers from prelude; build features assumed defined: HAVE_LIBSTATS, WITH_COUNTERS"),
        run.err());
  }

  @Test
  void theBuildStatesAFeatureAndItWins() throws IOException {
    Path root = project("feature_branches");
    Files.writeString(root.resolve("compile_commands.json"), "[{\"directory\": \"" + root.toString().replace("\\", "\\\\")
        + "\", \"file\": \"src/stats.c\", \"command\": \"cc -UHAVE_LIBSTATS -DWITH_COUNTERS=0 -c src/stats.c\"}]");
    CheckRun run = CheckRun.in(root, "--format", "json", "--select", "FT101", "src/stats.c");
    assertEquals(List.of(), findings(json(run)), run.out());
  }

  @Test
  void thePolicyTurnedOffLeavesFeatureBranchesDead() throws IOException {
    Path root = project("feature_branches");
    CheckRun run = CheckRun.in(root, "--no-assume-features", "--select", "FT101", "--verbose", "src/stats.c");
    assertEquals(0, run.code(), run.out());
    assertFalse(run.err().contains("assumed"), run.err());
    Files.writeString(root.resolve("pyproject.toml"), "[tool.ftls]\nassumeFeatures = false\n");
    assertEquals(0, CheckRun.in(root, "--select", "FT101", "src/stats.c").code(), "the same from pyproject.toml");
  }
}
