package dev.ftls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.TestTrees;
import dev.ftls.kbgen.RepoRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ftls check --jobs N}: the same report, messages and fixes, in the same order, as one job. */
class CheckJobsTest {
  /** Fixture folders with many findings, safe and unsafe fixes, C and C++, headers and skipped files. */
  private static final String[] RULES = {"FT001", "FT303", "FT101"};

  @TempDir Path dir;

  private Map<String, String> env;

  @BeforeEach
  void copyFixtures() throws IOException {
    for (String rule : RULES) {
      TestTrees.copy(RepoRoot.find().resolve("test-workspaces/rules/" + rule), dir.resolve("one/" + rule));
      TestTrees.copy(RepoRoot.find().resolve("test-workspaces/rules/" + rule), dir.resolve("many/" + rule));
    }
    env = Map.of("FTLS_CACHE_DIR", dir.resolve("cache").toString());
  }

  @Test
  void reportIsTheSameAndInTheSameOrderAsOneJob() {
    for (String format : new String[] {"text", "json"}) {
      CheckRun one = CheckRun.in(dir.resolve("one"), env, "--format", format, "--jobs", "1", ".");
      CheckRun many = CheckRun.in(dir.resolve("one"), env, "--format", format, "--jobs", "4", ".");
      assertEquals(one, many, format);
      assertEquals(1, one.code(), one.err());
    }
    CheckRun text = CheckRun.in(dir.resolve("one"), env, "-j", "3", ".");
    assertTrue(text.out().lines().count() > 50, "the fixtures have many findings: " + text.out());
  }

  @Test
  void diffAndFixAreTheSameAsOneJob() throws IOException {
    Map<String, String> before = texts(dir.resolve("one"));
    CheckRun oneDiff = CheckRun.in(dir.resolve("one"), env, "--diff", "--unsafe-fixes", "--jobs", "1", ".");
    CheckRun manyDiff = CheckRun.in(dir.resolve("one"), env, "--diff", "--unsafe-fixes", "--jobs=4", ".");
    assertEquals(oneDiff, manyDiff);
    assertTrue(oneDiff.out().contains("+++ "), oneDiff.out());
    CheckRun oneFix = CheckRun.in(dir.resolve("one"), env, "--fix", "--jobs", "1", ".");
    CheckRun manyFix = CheckRun.in(dir.resolve("many"), env, "--fix", "--jobs", "4", ".");
    assertEquals(oneFix, manyFix);
    assertTrue(oneFix.err().contains("ftls: fixed "), oneFix.err());
    Map<String, String> fixedByOne = texts(dir.resolve("one"));
    assertEquals(fixedByOne, texts(dir.resolve("many")));
    assertTrue(!fixedByOne.equals(before), "the fixes changed files");
  }

  @Test
  void theDefaultIsTheCoresBoundedByTheHeap() {
    int jobs = InOrder.defaultJobs();
    assertTrue(jobs >= 1 && jobs <= Runtime.getRuntime().availableProcessors(), "jobs " + jobs);
    assertTrue(jobs == 1 || (long) jobs * InOrder.HEAP_PER_JOB <= Runtime.getRuntime().maxMemory(), "jobs " + jobs);
  }

  @Test
  void jobsMustBeAPositiveNumber() {
    for (String bad : new String[] {"0", "-2", "many", "1000"}) {
      CheckRun r = CheckRun.in(dir.resolve("one"), env, "--jobs", bad, ".");
      assertEquals(CheckCommand.EXIT_ERROR, r.code(), bad);
      assertTrue(r.err().contains("--jobs needs a number of jobs"), r.err());
    }
  }

  private static Map<String, String> texts(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(Files::isRegularFile).forEach(p -> {
        try {
          out.put(root.relativize(p).toString(), Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    return out;
  }
}
