package dev.ftls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
  @TempDir Path dir;

  private String bench(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new BenchCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of(args));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void timingsSayWhereTheOpenAndAnEditSpentTheirCpu() throws Exception {
    Path file = dir.resolve("spam.c");
    Files.copy(dev.ftls.kbgen.RepoRoot.find().resolve("test-workspaces/demo/spam.c"), file);
    String plain = bench(file.toString(), "--no-index", "--runs", "2", "--warmup", "1");
    assertTrue(plain.contains("edit-to-diagnostics over the next 2 edits"), plain);
    assertFalse(plain.contains("CPU time by phase"), plain);
    String timed = bench(file.toString(), "--no-index", "--runs", "2", "--warmup", "1", "--timings");
    int open = timed.indexOf("CPU time by phase from didOpen to its diagnostics:\n");
    int edits = timed.indexOf("CPU time by phase over the 3 edits, and per edit:\n");
    assertTrue(open > 0 && edits > open, timed);
    // the open parsed the file once and ran each rule once; so did each edit
    for (String part : List.of(timed.substring(open, edits), timed.substring(edits))) {
      assertTrue(part.lines().anyMatch(l -> l.matches("\\s+\\d+\\.\\d{3}\\s+\\d+\\.\\d%\\s+1  parse: files")), part);
      assertTrue(part.lines().anyMatch(l -> l.matches("\\s+\\d+\\.\\d{3}\\s+\\d+\\.\\d%\\s+1  rule FT101")), part);
    }
  }
}
