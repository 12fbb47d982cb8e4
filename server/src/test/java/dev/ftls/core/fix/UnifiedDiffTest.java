package dev.ftls.core.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The --diff output: hunks as diff -u prints them. */
class UnifiedDiffTest {
  @Test
  void aChangedLineIsItsDeletionThenItsInsertion() {
    String before = "a\nb\nc\nd\ne\n";
    String after = "a\nb\nC\nd\ne\n";
    assertEquals("--- a/f.c\n+++ b/f.c\n@@ -1,5 +1,5 @@\n a\n b\n-c\n+C\n d\n e\n", UnifiedDiff.of("f.c", before, after));
  }

  @Test
  void insertionsAndDeletionsKeepThreeLinesOfContext() {
    String before = "1\n2\n3\n4\n5\n6\n7\n8\n";
    String after = "1\n2\n3\n4\nnew\n5\n6\n7\n";
    assertEquals("--- a/f.c\n+++ b/f.c\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n+new\n 5\n 6\n 7\n-8\n",
        UnifiedDiff.of("f.c", before, after));
    assertEquals("", UnifiedDiff.of("f.c", before, before));
  }

  @Test
  void changesFarApartInALargeFileAreSeparateHunks() {
    String before = IntStream.range(0, 30_000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n", "", "\n"));
    String after = before.replace("line 10\n", "line ten\n").replace("line 29990\n", "");
    assertEquals("--- a/big.c\n+++ b/big.c\n"
        + "@@ -8,7 +8,7 @@\n line 7\n line 8\n line 9\n-line 10\n+line ten\n line 11\n line 12\n line 13\n"
        + "@@ -29988,7 +29988,6 @@\n line 29987\n line 29988\n line 29989\n-line 29990\n line 29991\n line 29992\n"
        + " line 29993\n", UnifiedDiff.of("big.c", before, after));
  }
}
