package dev.ftls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.kbgen.RepoRoot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Defect 7 of issue 10: one wrongly typed value in pyproject.toml or compile_commands.json used to
 * abort `ftls check` with "internal error". Now the run goes on: the file is checked and its
 * findings reported, with the exit code of the findings alone.
 */
class BadConfigurationCheckTest {
  @TempDir Path dir;

  private String run(String pyproject, String database) throws IOException {
    Files.copy(RepoRoot.find().resolve("test-workspaces/demo/spam.c"), dir.resolve("spam.c"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(dir.resolve("pyproject.toml"), "[tool.ftls]\n" + pyproject + "\n");
    Files.writeString(dir.resolve("compile_commands.json"), database);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new CheckCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), dir).run(List.of("--python", "none", "spam.c"));
    String all = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    assertFalse(all.contains("internal error"), all);
    assertEquals(1, code, "findings, and nothing else, decide the exit code: " + all);
    assertTrue(all.contains("spam.c:10:22: FT101"), all);
    return all;
  }

  @Test
  void badPyprojectValuesAreNamedAndTheFileIsChecked() throws IOException {
    for (String bad : List.of("defines = {A = {B = 1}}", "defines = {A = [1, 2]}", "defines = [[1]]",
        "includePaths = [\"a\\u0000b\"]", "compileCommands = \"x\\u0000\"", "target = nan", "severity = [1]")) {
      String all = run(bad, "[]");
      String key = bad.substring(0, bad.indexOf(' '));
      assertTrue(all.contains("pyproject.toml [tool.ftls]: " + key + ": "), bad + ":\n" + all);
    }
  }

  @Test
  void badCompileDatabasesDoNotStopTheRun() throws IOException {
    for (String db : List.of("{}", "[1]", "[{\"directory\": [], \"file\": \"spam.c\", \"arguments\": [\"-DA\"]}]",
        "[{\"directory\": \".\", \"file\": 3, \"arguments\": [\"-DA\"]}]",
        "[{\"directory\": \".\", \"file\": \"spam.c\", \"arguments\": \"str\"}]",
        "[{\"directory\": \".\", \"file\": \"sp\\u0000am.c\", \"command\": \"cc\"}]",
        "[{\"directory\": \".\", \"file\": \"spam.c\", \"arguments\": [\"cc\", \"-Ia\\u0000\"]}]", "[")) {
      run("target = \"3.14t\"", db);
    }
  }
}
