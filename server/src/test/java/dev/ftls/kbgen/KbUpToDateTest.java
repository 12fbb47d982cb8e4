package dev.ftls.kbgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed capi.json must be exactly what the generator makes from kb-data. With
 * -Dftls.regenerate=true the test rewrites the file instead of failing.
 */
class KbUpToDateTest {
  @Test
  void committedKnowledgeBaseMatchesGenerator() throws Exception {
    Path root = RepoRoot.find();
    String expected = KbGenerator.generate(root.resolve(KbGenerator.INPUT_DIR));
    Path committed = root.resolve(KbGenerator.OUTPUT);
    if (Boolean.getBoolean("ftls.regenerate")) {
      Files.createDirectories(committed.getParent());
      Files.writeString(committed, expected, StandardCharsets.UTF_8);
    }
    assertTrue(
        Files.exists(committed),
        KbGenerator.OUTPUT + " is missing; create it with: " + KbGenerator.REGENERATE_COMMAND);
    String actual = Files.readString(committed, StandardCharsets.UTF_8);
    assertEquals(
        expected,
        actual,
        KbGenerator.OUTPUT
            + " is out of date with "
            + KbGenerator.INPUT_DIR
            + "; regenerate it with: "
            + KbGenerator.REGENERATE_COMMAND);
  }
}
