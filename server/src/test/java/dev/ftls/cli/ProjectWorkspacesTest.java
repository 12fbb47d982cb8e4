package dev.ftls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.ftls.kbgen.RepoRoot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, part 1: the project-shaped workspaces under test-workspaces/projects/, checked as a
 * new user would (`ftls check` in the project folder, no flags): headers found through what the
 * build files state, or through the workspace search, and never through guessing.
 */
class ProjectWorkspacesTest {
  @TempDir Path tmp;

  private static Path project(String name) {
    return RepoRoot.find().resolve("test-workspaces/projects/" + name);
  }

  /** The rule ids of the findings of a JSON report, in order. */
  private static List<String> ruleIds(CheckRun r) {
    List<String> ids = new ArrayList<>();
    for (JsonElement f : JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("findings")) {
      ids.add(f.getAsJsonObject().get("ruleId").getAsString() + "@" + f.getAsJsonObject().get("file").getAsString());
    }
    return ids;
  }

  private static void assertHeaderFoundThrough(CheckRun r, String file, String source) {
    assertTrue(r.err().contains("ftls: " + file + ": headers from " + source), r.err());
  }

  @Test
  void setupPyIncludeDirsFindThePackageHeader() {
    CheckRun r = CheckRun.in(project("setup_py_include_dirs"), "--format", "json", "--verbose", "src");
    assertEquals(List.of("FT301@src/mod.c"), ruleIds(r), "only reset() forgets the lock: " + r.out());
    assertHeaderFoundThrough(r, "src/mod.c", "setup.py + prelude");
    assertEquals(1, r.code(), r.err());
  }

  /**
   * Each workspace tests its build file only if what the build file gives changes the findings:
   * without it, the writes the lock guards are reported.
   */
  @Test
  void withoutWhatTheBuildFileGivesTheSameSourcesGetTheWrongFindings() throws IOException {
    assertEquals(List.of("FT301@src/mod.c", "FT301@src/mod.c", "FT301@src/mod.c"),
        findingsAfter("setup_py_include_dirs", "pkg/pkg.h", null));
    assertEquals(List.of("FT301@src/counter.c"), findingsAfter("meson_build", "meson.build",
        "project('counter', 'c')\ninc = include_directories('include')\n"));
    assertEquals(List.of("FT301@src/fast.c"), findingsAfter("pyproject_ext_modules", "pyproject.toml",
        "[tool.setuptools]\next-modules = [{name = \"fast._fast\", sources = [\"src/fast.c\"], include-dirs = [\"include\"]}]\n"));
    assertEquals(List.of("FT301@src/ws.c"), findingsAfter("workspace_search", "include/ws/ws.h", null));
  }

  /** The findings of a copy of a project workspace in which one file is rewritten (or, for null, deleted). */
  private List<String> findingsAfter(String project, String file, String text) throws IOException {
    Path copy = tmp.resolve(project);
    dev.ftls.TestTrees.copy(project(project), copy);
    if (text == null) {
      Files.delete(copy.resolve(file));
    } else {
      Files.writeString(copy.resolve(file), text);
    }
    return ruleIds(CheckRun.in(copy, "--format", "json", "src"));
  }

  @Test
  void mesonBuildIncludeDirectoriesAndCArgs() {
    CheckRun r = CheckRun.in(project("meson_build"), "--format", "json", "--verbose", "src");
    assertEquals(List.of(), ruleIds(r), r.out());
    assertHeaderFoundThrough(r, "src/counter.c", "meson.build + prelude");
  }

  @Test
  void pyprojectExtModules() {
    CheckRun r = CheckRun.in(project("pyproject_ext_modules"), "--format", "json", "--verbose", "src");
    assertEquals(List.of(), ruleIds(r), r.out());
    assertHeaderFoundThrough(r, "src/fast.c", "pyproject.toml + prelude");
  }

  @Test
  void theWorkspaceSearchFindsWhatAComputedIncludeDirWouldHaveGiven() {
    CheckRun r = CheckRun.in(project("workspace_search"), "--format", "json", "--verbose", "src");
    assertEquals(List.of(), ruleIds(r), r.out());
    assertHeaderFoundThrough(r, "src/ws.c", "workspace search + prelude");
    assertTrue(r.err().contains("ftls: note: setup.py:15: include_dirs: os.path.join(HERE, \"include\") is not a"
        + " literal value ftls can read without running the build; skipped"), r.err());
  }

  @Test
  void anAmbiguousIncludeIsNotResolvedAndSaysSo() {
    CheckRun r = CheckRun.in(project("ambiguous_include"), "--format", "json", "--verbose", "src");
    assertEquals(List.of(), ruleIds(r), r.out());
    assertHeaderFoundThrough(r, "src/amb.c", "prelude");
    assertTrue(r.err().contains("ftls: note: src/amb.c:2: \"common/util.h\" could be any of 2 files (a/common/util.h,"
        + " b/common/util.h); the workspace search took none"), r.err());
  }

  @Test
  void theFlagsCommandSaysWhereEachPartCameFrom() {
    Flags f = flags(project("setup_py_include_dirs"), "src/mod.c", "--python", "none");
    assertEquals(0, f.code, f.err);
    assertTrue(f.out.contains("settings from: setup.py + the built-in prelude (no Python.h found)"), f.out);
    assertTrue(f.out.contains("include paths:\n  .  (setup.py:11)\n"), f.out);
    assertTrue(f.out.contains("defines:\n  PKG_COUNTER_MAX=1000  (setup.py:12)\n"), f.out);
    assertTrue(f.out.contains("  line 1: <Python.h> -> not found\n  line 2: \"pkg/pkg.h\" -> pkg/pkg.h\n"), f.out);
    assertTrue(f.out.contains("notes: none\nconfiguration problems: none\n"), f.out);

    Flags settings = flags(project("setup_py_include_dirs"), "src/mod.c", "--python", "none", "-DPKG_COUNTER_MAX=5", "-I", "src");
    assertTrue(settings.out.contains("  src  (settings)\n  .  (setup.py:11)\n"), settings.out);
    assertTrue(settings.out.contains("  PKG_COUNTER_MAX=5  (settings)\n"), "settings win over the build: " + settings.out);

    Flags search = flags(project("workspace_search"), "src/ws.c", "--python", "none");
    assertTrue(search.out.contains("  include  (workspace search (line 2: \"ws/ws.h\" is include/ws/ws.h))"), search.out);
    assertTrue(search.out.contains("notes:\n  setup.py:15: include_dirs: os.path.join"), search.out);

    Flags ambiguous = flags(project("ambiguous_include"), "src/amb.c", "--python", "none");
    assertTrue(ambiguous.out.contains("  line 2: \"common/util.h\" -> not found"), ambiguous.out);
    assertTrue(ambiguous.out.contains("could be any of 2 files"), ambiguous.out);
  }

  @Test
  void theFlagsCommandRefusesWhatItCannotShow() {
    assertEquals(2, flags(tmp, "absent.c").code);
    assertEquals(2, flags(tmp, "--bogus").code);
    assertEquals(2, flags(tmp).code);
  }

  @Test
  void aCompileDatabaseStillWinsOverTheBuildFiles() throws IOException {
    dev.ftls.TestTrees.copy(project("setup_py_include_dirs"), tmp);
    Files.writeString(tmp.resolve("compile_commands.json"),
        "[{\"directory\": \".\", \"file\": \"src/mod.c\", \"arguments\": [\"cc\", \"-DFROM_DB\", \"src/mod.c\"]}]");
    Flags f = flags(tmp, "src/mod.c", "--python", "none");
    assertTrue(f.out.contains("settings from: compile_commands.json + the built-in prelude"), f.out);
    assertFalse(f.out.contains("setup.py"), f.out);
    assertTrue(f.out.contains("  line 2: \"pkg/pkg.h\" -> not found"), f.out);
  }

  private record Flags(int code, String out, String err) {}

  private static Flags flags(Path root, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new FlagsCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), root).run(List.of(args));
    return new Flags(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
