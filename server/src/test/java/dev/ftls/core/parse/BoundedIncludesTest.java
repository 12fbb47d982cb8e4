package dev.ftls.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.core.config.Settings;
import dev.ftls.core.config.Target;
import dev.ftls.core.kb.JsonKnowledgeBase;
import dev.ftls.core.rules.Analyzer;
import dev.ftls.core.rules.FileResult;
import dev.ftls.core.source.SourceText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Includes are read only when they name a regular file within the size cap: devices, FIFOs,
 * folders and oversized headers are never read (reading /dev/zero never ends, opening a FIFO
 * blocks), and each one becomes a note on the file's result, the same whether the headers'
 * macros were cached or not.
 */
class BoundedIncludesTest {
  /** Generous: only says the analysis finished at all (a FIFO or /dev/zero would never finish). */
  private static final Duration FINISHES = Duration.ofSeconds(120);

  @TempDir Path dir;

  private final Analyzer analyzer = new Analyzer(JsonKnowledgeBase.builtin());

  private static Settings settings() {
    Settings s = new Settings();
    s.python = "none";
    return s;
  }

  private FileResult analyze(Path file, String text, CompileFlags flags) {
    return assertTimeoutPreemptively(FINISHES, () -> analyzer.analyze(new SourceText(file, text), flags, settings()));
  }

  @Test
  void devZeroIsNotReadAndItsLineIsNamedCachedOrNot() {
    Path file = dir.resolve("zero.c");
    String text = "#include <Python.h>\n#include \"/dev/zero\"\nint x;\n";
    FileResult first = analyze(file, text, new CompileFlags());
    assertEquals(FileResult.Status.ANALYZED, first.status(), first.toString());
    assertEquals(List.of("#include \"/dev/zero\" (line 2) skipped: not a regular file (a character device)"), first.notes());

    // same headers, two lines further down: the cached preamble serves, the line follows the text
    String moved = "/* moved */\n\n" + text;
    ParsedFile cached = new CParser().parse(new SourceText(file, moved), new CompileFlags(), Target.parse("3.14t"));
    assertEquals(List.of("#include \"/dev/zero\" (line 4) skipped: not a regular file (a character device)"), cached.notes());
    FileResult again = analyze(file, moved, new CompileFlags());
    assertEquals(cached.notes(), again.notes());
    assertTrue(analyzer.parser().parse(new SourceText(file, moved), new CompileFlags(), Target.parse("3.14t")).preambleReused(),
        "the second parse of the same headers reuses the preamble");
  }

  @Test
  void aFifoIsNeverOpened() throws Exception {
    Path fifo = dir.resolve("pipe.h");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertTrue(mk.waitFor(30, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo failed");
    FileResult r = analyze(dir.resolve("fifo.c"), "#include \"pipe.h\"\nint x;\n", new CompileFlags());
    assertEquals(FileResult.Status.ANALYZED, r.status(), r.toString());
    assertEquals(List.of("#include \"pipe.h\" (line 1) skipped: not a regular file (a FIFO)"), r.notes());
  }

  @Test
  void aFolderIsNotAHeader() throws Exception {
    Files.createDirectory(dir.resolve("sub"));
    FileResult r = analyze(dir.resolve("dir.c"), "int y;\n#include \"sub\"\n", new CompileFlags());
    assertEquals(List.of("#include \"sub\" (line 2) skipped: not a regular file (a folder)"), r.notes());
  }

  @Test
  void aHeaderOverTheSizeCapIsNotRead() throws Exception {
    Path big = dir.resolve("big.h");
    byte[] bytes = new byte[(int) IncludeGate.MAX_HEADER_BYTES + 1];
    java.util.Arrays.fill(bytes, (byte) ' ');
    byte[] define = "#define BIG_H_READ 1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(define, 0, bytes, 0, define.length);
    Files.write(big, bytes);
    Path file = dir.resolve("big.c");
    String text = "#include \"big.h\"\n#ifdef BIG_H_READ\nint read_it;\n#endif\n";
    FileResult r = analyze(file, text, new CompileFlags());
    assertEquals(List.of("#include \"big.h\" (line 1) skipped: larger than 8 MiB"), r.notes());
    assertEquals(0, declarationsOfReadIt(file, text), "the header's macro was not read");

    // one byte less and it is read
    Files.write(big, java.util.Arrays.copyOf(bytes, bytes.length - 1));
    FileResult now = analyze(file, text, new CompileFlags());
    assertEquals(List.of(), now.notes(), "a header that shrank below the cap is read again");
    assertEquals(1, declarationsOfReadIt(file, text), "the header's macro was read");
  }

  private long declarationsOfReadIt(Path file, String text) {
    ParsedFile parsed = analyzer.parser().parse(new SourceText(file, text), new CompileFlags(), Target.parse("3.14t"));
    return java.util.Arrays.stream(parsed.ast().getDeclarations()).filter(d -> d.getRawSignature().contains("read_it")).count();
  }

  @Test
  void aForcedIncludeOfDevZeroFromTheCompileDatabaseIsNotRead() throws Exception {
    Path file = dir.resolve("forced.c");
    String text = "#include <Python.h>\nint x;\n";
    Files.writeString(file, text);
    Files.writeString(dir.resolve("compile_commands.json"),
        "[{\"directory\": \"" + dir.toString().replace("\\", "\\\\") + "\", \"file\": \"forced.c\","
            + " \"command\": \"cc -include /dev/zero -c forced.c\"}]");
    CompileFlags flags = new FlagsResolver(msg -> { }).resolve(file, settings(), dir);
    assertEquals(List.of("/dev/zero"), flags.forcedIncludes);
    FileResult r = analyze(file, text, flags);
    assertEquals(FileResult.Status.ANALYZED, r.status(), r.toString());
    assertEquals(List.of("forced include \"/dev/zero\" skipped: not a regular file (a character device)"), r.notes());
  }

  @Test
  void anIncludeInAHeaderIsNamedWithTheHeaderAndLine() throws Exception {
    Path header = dir.resolve("inner.h");
    Files.writeString(header, "/* inner */\n#include \"/dev/null\"\n");
    FileResult r = analyze(dir.resolve("outer.c"), "#include \"inner.h\"\nint x;\n", new CompileFlags());
    assertEquals(List.of("#include \"/dev/null\" (line 2 of " + header + ") skipped: not a regular file (a character device)"),
        r.notes());
  }

  @Test
  void aSymlinkIsJudgedByWhatItPointsTo() throws Exception {
    Files.createSymbolicLink(dir.resolve("zero.h"), Path.of("/dev/zero"));
    FileResult r = analyze(dir.resolve("link.c"), "#include \"zero.h\"\n", new CompileFlags());
    assertEquals(List.of("#include \"zero.h\" (line 1) skipped: not a regular file (a character device)"), r.notes());
  }

  @Test
  void theGateNeverAdmitsSystemFilesAndIgnoresMissingOnes() throws Exception {
    IncludeGate.Refused proc = assertThrows(IncludeGate.Refused.class, () -> IncludeGate.check(Path.of("/proc/self/environ")));
    assertEquals("a file the system makes up under /proc", proc.getMessage());
    IncludeGate.Refused stdin = assertThrows(IncludeGate.Refused.class, () -> IncludeGate.check(Path.of("/dev/stdin")));
    assertTrue(stdin.getMessage().startsWith("not a regular file") || stdin.getMessage().endsWith("under /dev"),
        stdin.getMessage());
    assertEquals(null, IncludeGate.check(dir.resolve("missing.h")));
    Path ok = Files.writeString(dir.resolve("ok.h"), "#define OK 1\n");
    assertEquals(Files.size(ok), IncludeGate.check(ok).size());
    assertEquals("#define OK 1\n", new String(IncludeGate.read(ok), java.nio.charset.StandardCharsets.UTF_8));
  }
}
