package dev.ftls.kbgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed capi.json must be exactly what the generator makes from kb-data. With
 * -Dftls.regenerate=true the test rewrites the file instead of failing.
 */
public class KbUpToDateTest {
  @Test
  void firstDifferenceNamesTheLine() {
    assertEquals("line 2: expected b but found x", firstDifference("a\nb\nc", "a\nx\nc"));
    assertEquals("line 2: expected <end of file> but found b", firstDifference("a", "a\nb"));
  }

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
    if (!expected.equals(actual)) {
      fail(
          KbGenerator.OUTPUT
              + " is out of date with "
              + KbGenerator.INPUT_DIR
              + " ("
              + firstDifference(expected, actual)
              + "); regenerate it with: "
              + KbGenerator.REGENERATE_COMMAND);
    }
  }

  /** Where two texts first differ, by line, for a short failure message (goldens use it too). */
  public static String firstDifference(String expected, String actual) {
    String[] e = expected.split("\n", -1);
    String[] a = actual.split("\n", -1);
    for (int i = 0; i < Math.max(e.length, a.length); i++) {
      String want = i < e.length ? e[i] : "<end of file>";
      String have = i < a.length ? a[i] : "<end of file>";
      if (!want.equals(have)) {
        return "line " + (i + 1) + ": expected " + want + " but found " + have;
      }
    }
    return "no line differs";
  }
}
