package dev.ftls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ftls check} with the project index on test-workspaces/projects/cross_file: facts from
 * other files (init-only callers, lock wrappers, module creation in a helper) change the findings;
 * the summaries are kept on disk and read back on the next run; an edited file alone is summarized
 * again.
 */
class ProjectIndexCheckTest {
  private static final Pattern EXPECT = Pattern.compile("//\\s*expect:\\s*(FT\\d+)");

  @TempDir Path dir;

  private Map<String, String> env() {
    return Map.of("FTLS_CACHE_DIR", dir.resolve("cache").toString());
  }

  private List<String> check(Path root, String... args) {
    List<String> all = new ArrayList<>(List.of("--format", "json"));
    all.addAll(List.of(args));
    all.add(".");
    CheckRun run = CheckRun.in(root, env(), all.toArray(String[]::new));
    assertEquals(1, run.code(), run.err() + run.out());
    return sorted(ProjectCopies.findings(ProjectCopies.json(run)));
  }

  private static List<String> sorted(List<String> findings) {
    return List.copyOf(new TreeSet<>(findings));
  }

  /** "src/x.c:LINE FTnnn" for every {@code // expect:} comment of the project's sources. */
  private static List<String> expected(Path root) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root.resolve("src"))) {
      for (Path f : s.filter(p -> p.toString().endsWith(".c")).toList()) {
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = EXPECT.matcher(lines.get(i));
          if (m.find()) {
            out.add(root.relativize(f).toString().replace('\\', '/') + ":" + (i + 1) + " " + m.group(1));
          }
        }
      }
    }
    return sorted(out);
  }

  /** "src/file:LINE rule" for the one line of {@code file} that contains {@code text}. */
  private static String at(Path root, String file, String text, String rule) throws IOException {
    List<String> lines = Files.readAllLines(root.resolve(file), StandardCharsets.UTF_8);
    List<Integer> hits = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        hits.add(i + 1);
      }
    }
    assertEquals(1, hits.size(), text + " in " + file + ": " + hits);
    return file + ":" + hits.get(0) + " " + rule;
  }

  @Test
  void theIndexFindsWhatOneFileCannotShowAndDropsFalseAlarms() throws IOException {
    Path root = ProjectCopies.copy("cross_file", dir);
    List<String> expected = expected(root);
    assertEquals(6, expected.size(), expected.toString());
    assertEquals(expected, check(root));

    List<String> alone = new ArrayList<>(expected);
    // no index: the module made in create.c, the method that calls register_hit and the helper
    // of stats.c that blocks are not seen
    assertTrue(alone.remove(at(root, "src/module.c", "PyInit_crossfile(void)", "FT001")));
    assertTrue(alone.remove(at(root, "src/tables.c", "hits++;", "FT301")));
    assertTrue(alone.remove(at(root, "src/module.c", "save_count((int)fd);", "FT407")));
    // nor the globals of stats.c and tables.c that module.c writes through the header's extern
    // declarations
    assertTrue(alone.remove(at(root, "src/module.c", "total_calls++;", "FT301")));
    assertTrue(alone.remove(at(root, "src/module.c", "if (shared_names == NULL) {", "FT302")));
    // nor that the list collect_pair() returns is the caller's own
    alone.add(at(root, "src/module.c", "PyObject *first = PyList_GetItem(pair, 0);", "FT101"));
    // and neither the set-up caller of fill_tables nor the lock wrappers of locks.c
    alone.add(at(root, "src/tables.c", "table = PyDict_New();", "FT301"));
    alone.add(at(root, "src/tables.c", "Py_XSETREF(latest", "FT301"));
    assertEquals(sorted(alone), check(root, "--no-index"));
  }

  @Test
  void theNextRunReadsTheIndexFromDiskAndAnEditIsSummarizedAlone() throws IOException {
    Path root = ProjectCopies.copy("cross_file", dir);
    // five sources and the project header (summarized in the context of a file that includes it)
    CheckRun first = CheckRun.in(root, env(), "--verbose", ".");
    // each file is analyzed as it is summarized, the rules asking the index of stored summaries (none
    // yet); only the header's analysis asked nothing that the complete index answers otherwise
    assertTrue(first.err().contains("ftls: project index: 6 file(s): 0 from the on-disk index, 6 summarized; of the 6"
        + " file(s) analyzed as they were summarized, 1 kept the analysis, 5 are analyzed again with the complete index"),
        first.err());
    assertTrue(Files.isDirectory(dir.resolve("cache").resolve("index")), "the index is kept in the cache folder");

    CheckRun second = CheckRun.in(root, env(), "--verbose", ".");
    assertTrue(second.err().contains("ftls: project index: 6 file(s): 6 from the on-disk index, 0 summarized"),
        second.err());
    assertFalse(second.err().contains("analyzed as they were summarized"), second.err());
    assertEquals(first.out(), second.out());

    Path stats = root.resolve("src/stats.c");
    Files.writeString(stats, Files.readString(stats, StandardCharsets.UTF_8) + "\n/* edited */\n",
        StandardCharsets.UTF_8);
    CheckRun third = CheckRun.in(root, env(), "--verbose", ".");
    // the edited file is analyzed with the stored summaries of the others: what it asked is answered alike
    assertTrue(third.err().contains("ftls: project index: 6 file(s): 5 from the on-disk index, 1 summarized; of the 1"
        + " file(s) analyzed as they were summarized, 1 kept the analysis, 0 are analyzed again"), third.err());
    assertEquals(first.out(), third.out());
  }

  @Test
  void anEditInOneFileChangesTheFindingsOfAnother() throws IOException {
    Path root = ProjectCopies.copy("cross_file", dir);
    assertEquals(expected(root), check(root));
    // PyInit_crossfile no longer calls fill_tables: nothing says its write runs during set-up
    Path module = root.resolve("src/module.c");
    String text = Files.readString(module, StandardCharsets.UTF_8);
    String edited = text.replace("if (fill_tables() < 0) {", "if (0) {");
    assertFalse(edited.equals(text));
    Files.writeString(module, edited, StandardCharsets.UTF_8);
    assertTrue(check(root).contains(at(root, "src/tables.c", "table = PyDict_New();", "FT301")));
  }

  @Test
  void oneFileGetsNoIndexAndACacheFolderThatCannotBeWrittenIsANote() throws IOException {
    Path root = ProjectCopies.copy("cross_file", dir);
    CheckRun one = CheckRun.in(root, env(), "--verbose", "src/tables.c");
    assertFalse(one.err().contains("project index"), one.err());

    Path blocked = dir.resolve("blocked");
    Files.writeString(blocked, "a file where the cache folder should be");
    CheckRun run = CheckRun.in(root, Map.of("FTLS_CACHE_DIR", blocked.toString()), "--verbose", "--format", "json", ".");
    assertEquals(1, run.code(), run.err());
    assertTrue(run.err().contains("ftls: note: the project index could not be saved in "), run.err());
    assertEquals(expected(root), sorted(ProjectCopies.findings(ProjectCopies.json(run))));
  }
}
