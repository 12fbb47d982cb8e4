package dev.ftls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ftls.kbgen.RepoRoot;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ftls check`: formats, exit codes, and clear errors for bad input. */
class CheckCommandTest {
  @TempDir Path dir;


  @BeforeEach
  void copyDemo() throws IOException {
    CheckRun.copyDemo(dir);
  }

  private CheckRun check(String... args) {
    return CheckRun.in(dir, args);
  }

  @Test
  void textFindingsExitOne() {
    CheckRun r = check("demo");
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("demo/spam.c:10:22: FT101 warning: "), r.out());
    assertTrue(r.out().contains("demo/spam.c:43:1: FT001 warning: "), r.out());
  }

  @Test
  void cleanTreeExitsZero() throws IOException {
    Files.writeString(dir.resolve("clean.c"), "int add(int a, int b) { return a + b; }\n");
    CheckRun r = check("clean.c");
    assertEquals(0, r.code(), r.out() + r.err());
  }

  @Test
  void selectAndIgnoreNarrowTheRules() {
    CheckRun only001 = check("--select", "FT001", "demo");
    assertTrue(only001.out().contains("FT001") && !only001.out().contains("FT101"), only001.out());
    CheckRun no1xx = check("--ignore", "FT1", "demo");
    assertTrue(no1xx.out().contains("FT001") && !no1xx.out().contains("FT101"), no1xx.out());
  }

  @Test
  void targetWithoutFreeThreadingSkipsTheModuleDeclaration() {
    CheckRun r = check("--target", "3.13", "demo");
    assertTrue(!r.out().contains("FT001"), r.out());
  }

  @Test
  void jsonIsParseableAndCountsFindings() {
    CheckRun r = check("--format", "json", "demo");
    assertEquals(1, r.code());
    JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
    assertEquals(2, o.getAsJsonArray("findings").size());
    assertEquals("demo/spam.c", o.getAsJsonArray("findings").get(0).getAsJsonObject().get("file").getAsString());
  }

  @Test
  void sarifHasRulesAndRelativeUris() {
    CheckRun r = check("--format=sarif", "demo");
    JsonObject run = JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("runs").get(0).getAsJsonObject();
    assertEquals(dev.ftls.core.rules.RuleRegistry.metas().size(), run.getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("rules").size());
    String uri = run.getAsJsonArray("results").get(0).getAsJsonObject().getAsJsonArray("locations").get(0)
        .getAsJsonObject().getAsJsonObject("physicalLocation").getAsJsonObject("artifactLocation").get("uri").getAsString();
    assertEquals("demo/spam.c", uri);
  }

  @Test
  void githubAnnotations() {
    CheckRun r = check("--format", "github", "demo");
    assertTrue(r.out().contains("::warning file=demo/spam.c,line=10,"), r.out());
  }

  @Test
  void usageErrorsExitTwoWithAMessage() {
    CheckRun unknown = check("--frobnicate");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("unknown option --frobnicate"), unknown.err());
    CheckRun badTarget = check("--target", "banana", "demo");
    assertEquals(2, badTarget.code());
    assertTrue(badTarget.err().contains("target must look like 3.14t"), badTarget.err());
    CheckRun badFormat = check("--format", "xml", "demo");
    assertEquals(2, badFormat.code());
    assertTrue(badFormat.err().contains("xml"), badFormat.err());
    CheckRun badRule = check("--select", "XYZ", "demo");
    assertEquals(2, badRule.code());
  }

  @Test
  void aFileOverTheTimeBudgetIsReportedNotLost() {
    CheckRun r = check("--time-budget", "0.001", "--format", "json", "demo");
    assertEquals(3, r.code(), r.err());
    String status = statuses(r).get("demo/spam.c");
    // 1 ms runs out during the parse (not analyzed) or, when the headers' macros are already cached
    // in this JVM, during the rules (incomplete, naming the rules left): either way the file is
    // reported with the budget as the reason, never lost
    assertTrue(status.matches("(not-analyzed|incomplete) \\[\"it took longer than the time budget of 0\\.001 s per file.*"),
        status);
    assertEquals(1, check("--time-budget", "120", "demo").code(), "a generous budget: the findings as always");
    for (String bad : new String[] {"0", "-1", "soon", "1e9"}) {
      CheckRun refused = check("--time-budget", bad, "demo");
      assertEquals(2, refused.code(), bad);
      assertTrue(refused.err().contains("--time-budget needs a number of seconds"), refused.err());
    }
  }

  @Test
  void binaryAndBrokenFilesDoNotStopTheRun() throws IOException {
    Files.write(dir.resolve("demo/blob.c"), new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1, 2});
    Files.writeString(dir.resolve("demo/broken.c"), "static PyObject *x = PyList_GetItem(;;; {{{ \n#if\n");
    CheckRun r = check("demo");
    assertEquals(3, r.code(), "a file was not analyzed\n" + r.err());
    assertTrue(r.err().contains("blob.c: not analyzed: it looks binary"), r.err());
    assertTrue(r.out().contains("demo/blob.c: not analyzed: it looks binary"), r.out());
    assertTrue(r.out().contains("demo/spam.c:10:22: FT101"), r.out());
    assertTrue(r.out().endsWith("\n1 file not analyzed.\n"), r.out());
  }

  /** file -> status and reasons, from the JSON report's "files". */
  private static java.util.Map<String, String> statuses(CheckRun r) {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    for (var e : JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("files")) {
      JsonObject f = e.getAsJsonObject();
      out.put(f.get("file").getAsString(), f.get("status").getAsString() + " " + f.get("reasons"));
    }
    return out;
  }

  @Test
  void exitStatusIsTheMostSeriousThatApplies() throws IOException {
    Files.writeString(dir.resolve("clean.c"), "int add(int a, int b) { return a + b; }\n");
    Files.write(dir.resolve("blob.c"), new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1, 2});
    assertEquals(0, check("clean.c").code());
    assertEquals(1, check("clean.c", "demo").code());
    assertEquals(3, check("clean.c", "blob.c").code());
    CheckRun both = check("--format", "json", "blob.c", "demo");
    assertEquals(3, both.code(), "not analyzed beats findings");
    assertEquals(2, JsonParser.parseString(both.out()).getAsJsonObject().getAsJsonArray("findings").size());
    assertEquals(2, check("--target", "3.x", "blob.c", "demo").code(), "a usage error beats everything");
    assertEquals(3, check("--diff", "blob.c", "demo").code(), "--diff too says a file was not analyzed");
  }

  @Test
  void aFileSkippedOnPurposeKeepsExitZeroAndIsListed() throws IOException {
    Files.writeString(dir.resolve("clean.c"), "int add(int a, int b) { return a + b; }\n");
    Files.writeString(dir.resolve("pythoncapi_compat.h"), "static inline int shim(void) { return 0; }\n");
    CheckRun r = check("--format", "json", "clean.c", "pythoncapi_compat.h");
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(statuses(r).get("pythoncapi_compat.h").startsWith("skipped [\"a vendored"), r.out());
    CheckRun text = check("clean.c", "pythoncapi_compat.h");
    assertEquals(0, text.code());
    assertTrue(text.out().contains("pythoncapi_compat.h: skipped: a vendored"), text.out());
  }

  @Test
  void aFileCythonGeneratedIsSkippedWithWhatToDoInstead() throws IOException {
    Files.writeString(dir.resolve("spam.c"), "/* Generated by Cython 3.0.11 */\n#include <Python.h>\n"
        + "static PyObject *__pyx_d;\nstatic PyObject *\n__pyx_get(PyObject *k)\n{\n"
        + "    return PyDict_GetItem(__pyx_d, k);\n}\n");
    CheckRun r = check("spam.c");
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("spam.c: skipped: generated by Cython 3.0.11: its code is Cython's, so fix the .pyx source instead"),
        r.out());
    assertTrue(!r.out().contains("FT101"), r.out());
  }

  @Test
  void everyExitStatusIsDocumentedInTheHelpAndTheReadme() throws IOException {
    String readme = Files.readString(RepoRoot.find().resolve("README.md"));
    for (int code : new int[] {CheckCommand.EXIT_CLEAN, CheckCommand.EXIT_FINDINGS,
        CheckCommand.EXIT_ERROR, CheckCommand.EXIT_NOT_ANALYZED}) {
      assertTrue(dev.ftls.Main.USAGE.contains("\n  " + code + "  "), code + " missing in:\n" + dev.ftls.Main.USAGE);
      assertTrue(readme.contains("\n| " + code + " | "), code + " missing in README's exit status table");
    }
    assertEquals(3, CheckCommand.EXIT_NOT_ANALYZED);
  }

  @Test
  void aPathThatDoesNotExistIsReportedAndTheRestChecked() {
    CheckRun r = check("--format", "json", "nowhere.c", "demo");
    assertEquals(3, r.code(), r.err());
    assertEquals(java.util.Map.of(
            "demo/spam.c", "analyzed []",
            "nowhere.c", "not-analyzed [\"no such file or folder\"]"),
        statuses(r));
    assertEquals(2, JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("findings").size());
    assertTrue(r.err().contains("nowhere.c: not analyzed: no such file or folder"), r.err());
    CheckRun text = check("nowhere");
    assertEquals(3, text.code());
    assertTrue(text.out().contains("nowhere: not analyzed: no such file or folder\n"), text.out());
  }

  private void mkfifo(Path p) throws IOException, InterruptedException {
    Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
    assertEquals(0, mk.waitFor(), "mkfifo " + p);
  }

  @Test
  void aFifoNamedLikeCSourceInAFolderIsReportedAndNeverOpened() throws Exception {
    mkfifo(dir.resolve("demo/x.c"));
    // opening a FIFO without a writer blocks for ever: a hang here means it was opened
    CheckRun r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> check("--format", "json", "demo"));
    assertEquals(3, r.code(), r.err());
    assertEquals("not-analyzed [\"not a regular file (a FIFO)\"]", statuses(r).get("demo/x.c"));
    assertEquals("analyzed []", statuses(r).get("demo/spam.c"));
  }

  @Test
  void specialFilesGivenExplicitlyAreReportedAndNeverOpened() throws Exception {
    mkfifo(dir.resolve("pipe.c"));
    try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      socket.bind(UnixDomainSocketAddress.of(dir.resolve("sock.h")));
      CheckRun r = assertTimeoutPreemptively(Duration.ofSeconds(60),
          () -> check("--format", "json", "pipe.c", "sock.h", "demo/spam.c"));
      assertEquals(3, r.code(), r.err());
      assertEquals(java.util.Map.of(
              "demo/spam.c", "analyzed []",
              "pipe.c", "not-analyzed [\"not a regular file (a FIFO)\"]",
              "sock.h", "not-analyzed [\"not a regular file (a socket)\"]"),
          statuses(r));
    }
  }

  @Test
  void linksToFilesAreFollowedLinksToFoldersOnlyWhenGivenAndLoopsCannotHappen() throws IOException {
    Files.createSymbolicLink(dir.resolve("demo/alias.c"), dir.resolve("demo/spam.c"));
    Files.createSymbolicLink(dir.resolve("demo/up"), dir); // a loop, were it followed
    Files.createSymbolicLink(dir.resolve("demo/gone.c"), dir.resolve("demo/missing.c"));
    Files.createSymbolicLink(dir.resolve("linked"), dir.resolve("demo"));
    CheckRun r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> check("--format", "json", "demo"));
    assertEquals(java.util.Map.of(
            "demo/alias.c", "analyzed []",
            "demo/gone.c", "not-analyzed [\"a symbolic link to something that does not exist\"]",
            "demo/spam.c", "analyzed []"),
        statuses(r));
    CheckRun given = check("--format", "json", "linked");
    assertEquals("analyzed []", statuses(given).get("linked/spam.c"), given.out());
  }

  @Test
  void sameFileGivenTwiceIsAnalyzedOnce() {
    CheckRun r = check("--format", "json", "demo", "demo/spam.c");
    assertEquals(java.util.Map.of("demo/spam.c", "analyzed []"), statuses(r));
    assertEquals(2, JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("findings").size());
  }

  @Test
  void pyprojectToolFtlsIsReadAndFlagsOverrideIt() throws IOException {
    Files.writeString(dir.resolve("pyproject.toml"), "[tool.ftls]\ntarget = \"3.13\"\nignore = [\"FT101\"]\n");
    CheckRun project = check("demo");
    assertEquals(0, project.code(), project.out());
    CheckRun flags = check("--target", "3.14t", "demo");
    assertTrue(flags.out().contains("FT001") && !flags.out().contains("FT101"), flags.out());
    Files.writeString(dir.resolve("pyproject.toml"), "[tool.ftls]\nseverity = { FT001 = \"loud\" }\n");
    CheckRun bad = check("demo");
    assertEquals(1, bad.code(), "a bad setting is reported, not an exit status");
    assertTrue(bad.err().contains("severity.FT001"), bad.err());
    assertTrue(bad.out().contains("\nconfiguration problem: ") && bad.out().contains("severity.FT001"), bad.out());
    Files.copy(dir.resolve("demo/spam.c"), dir.resolve("demo/eggs.c"));
    CheckRun json = check("--format", "json", "demo");
    assertEquals(1, json.code());
    var problems = JsonParser.parseString(json.out()).getAsJsonObject().getAsJsonArray("configurationProblems");
    assertEquals(1, problems.size(), "one problem, once, though two files read it: " + problems);
    assertTrue(problems.get(0).getAsString().contains("severity.FT001"), problems.toString());
    CheckRun sarif = check("--format", "sarif", "demo");
    assertTrue(sarif.out().contains("\"toolConfigurationNotifications\": [\n"), sarif.out());
    CheckRun github = check("--format", "github", "demo");
    assertTrue(github.out().contains("\n::warning::") && github.out().contains("severity.FT001"), github.out());
  }

  @Test
  void diffPrintsTheFixesAndWritesNothing() throws IOException {
    String before = Files.readString(dir.resolve("demo/spam.c"));
    CheckRun r = check("--diff", "demo");
    assertEquals(1, r.code(), r.err());
    // each file's fix titles first, as comment lines that patch and git apply pass over
    assertTrue(r.out().startsWith("# FT101: Use PyList_GetItemRef (strong reference) instead of PyList_GetItem")
        && r.out().contains("\n--- a/demo/spam.c\n+++ b/demo/spam.c\n@@ "), r.out());
    // the project's oldest Python is unknown: one definition for older Pythons after the includes,
    // and the plain new call at the site
    assertTrue(r.out().contains("\n+#if PY_VERSION_HEX < 0x030D0000\n"), r.out());
    assertTrue(r.out().contains("\n+    PyObject *item = PyList_GetItemRef(registry, 0);"), r.out());
    assertEquals(1, r.out().split("PY_VERSION_HEX", -1).length - 1, r.out());
    // declaring free-threading support is a claim about the whole module: an unsafe fix, shown only when asked for
    assertTrue(!r.out().contains("PyUnstable_Module_SetGIL"), r.out());
    CheckRun unsafe = check("--diff", "--unsafe-fixes", "demo");
    assertTrue(unsafe.out().contains("\n+    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);"), unsafe.out());
    assertEquals(before, Files.readString(dir.resolve("demo/spam.c")));
    // requires-python says 3.13+: no guard needed
    Files.writeString(dir.resolve("pyproject.toml"), "[project]\nrequires-python = \">=3.13\"\n");
    CheckRun modern = check("--diff", "demo");
    assertTrue(modern.out().contains("\n-    PyObject *item = PyList_GetItem(registry, 0);"), modern.out());
    assertTrue(modern.out().contains("\n+    PyObject *item = PyList_GetItemRef(registry, 0);"), modern.out());
    assertTrue(!modern.out().contains("PY_VERSION_HEX"), modern.out());
  }

  @Test
  void fixWritesTheSameResultAsTheGoldenAndReportsWhatIsLeft() throws IOException {
    CheckRun r = check("--fix", "demo");
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("fixed 1 finding(s) in demo/spam.c"), r.err());
    assertEquals(Files.readString(RepoRoot.find().resolve("test-workspaces/demo/spam.fixed.c")),
        Files.readString(dir.resolve("demo/spam.c")));
    // the FT001 declaration is an unsafe fix: --fix leaves it, and the finding, to the user
    assertTrue(r.out().contains(": FT001 warning: ") && !r.out().contains("FT101"), r.out());
    assertTrue(!Files.readString(dir.resolve("demo/spam.c")).contains("PyUnstable_Module_SetGIL"));
    CheckRun again = check("--fix", "demo");
    assertTrue(again.err().contains("fixed 0 finding(s) in 0 file(s)"), again.err());
  }

  @Test
  void unsafeFixesOnlyWithTheFlag() throws IOException {
    Files.writeString(dir.resolve("buf.c"), "#include <Python.h>\n#include <string.h>\n"
        + "static char *\ndup(const char *s, size_t n)\n{\n    char *buf = PyObject_Malloc(n);\n"
        + "    if (buf == NULL) {\n        return NULL;\n    }\n    memcpy(buf, s, n);\n    return buf;\n}\n"
        + "static void\nuse(void)\n{\n    char *copy = dup(\"x\", 1);\n    PyObject_Free(copy);\n}\n");
    CheckRun safeOnly = check("--diff", "buf.c");
    assertEquals(0, safeOnly.code(), "FT601's fix is unsafe: nothing without --unsafe-fixes\n" + safeOnly.out());
    CheckRun unsafe = check("--diff", "--unsafe-fixes", "buf.c");
    assertEquals(1, unsafe.code(), unsafe.err());
    assertTrue(unsafe.out().contains("+    char *buf = PyMem_Malloc(n);"), unsafe.out());
    assertTrue(unsafe.out().contains("+    PyMem_Free(copy);"), unsafe.out());
  }

  @Test
  void compileCommandsDefinesAreHonoured() throws IOException {
    Files.writeString(dir.resolve("demo/guarded.c"),
        "#include <Python.h>\nstatic PyObject *l;\n#ifdef BORROWED_VARIANT\n"
            + "static PyObject *f(PyObject *s, PyObject *a) { return Py_XNewRef(PyList_GetItem(l, 0)); }\n#endif\n");
    Files.writeString(dir.resolve("compile_commands.json"),
        "[{\"directory\": \".\", \"file\": \"demo/guarded.c\", \"arguments\": [\"cc\", \"-DBORROWED_VARIANT\", \"-c\", \"demo/guarded.c\"]}]");
    CheckRun with = check("--verbose", "demo/guarded.c");
    assertTrue(with.out().contains("guarded.c:4:"), with.out() + with.err());
    assertTrue(with.err().contains("headers from compile_commands.json"), with.err());
    Files.delete(dir.resolve("compile_commands.json"));
    CheckRun without = check("demo/guarded.c");
    assertEquals(0, without.code(), without.out());
  }

  @Test
  void pyMutexFixIsUnsafeAndKeepsTheOldLockUnlessPythonIsNewEnough() throws IOException {
    Files.copy(RepoRoot.find().resolve("test-workspaces/rules/FT303/module_lock.c"), dir.resolve("lock.c"));
    CheckRun safeOnly = check("--diff", "--select", "FT303", "lock.c");
    assertEquals(0, safeOnly.code(), "FT303's fix is unsafe: nothing without --unsafe-fixes\n" + safeOnly.out());
    CheckRun guarded = check("--diff", "--unsafe-fixes", "--select", "FT303", "lock.c");
    assertEquals(1, guarded.code(), guarded.err());
    assertTrue(guarded.out().contains("\n+#if PY_VERSION_HEX >= 0x030D0000\n+static PyMutex registry_lock;"), guarded.out());
    assertTrue(guarded.out().contains("\n+#if PY_VERSION_HEX < 0x030D0000\n     registry_lock = PyThread_allocate_lock();"),
        guarded.out());
    Files.writeString(dir.resolve("pyproject.toml"), "[project]\nrequires-python = \">=3.13\"\n");
    CheckRun modern = check("--diff", "--unsafe-fixes", "--select", "FT303", "lock.c");
    assertTrue(modern.out().contains("\n+static PyMutex registry_lock;"), modern.out());
    assertTrue(modern.out().contains("\n-    registry_lock = PyThread_allocate_lock();"), modern.out());
    assertTrue(modern.out().contains("\n+    PyMutex_Lock(&registry_lock);"), modern.out());
    assertTrue(!modern.out().contains("PY_VERSION_HEX"), modern.out());
  }
}
