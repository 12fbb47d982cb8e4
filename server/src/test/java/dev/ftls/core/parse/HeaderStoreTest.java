package dev.ftls.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.ftls.core.config.Target;
import dev.ftls.core.source.SourceText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The header layers kept on disk between runs ({@link HeaderStore}): a later run reads them
 * instead of the headers, a changed header or include folder is read again, and a corrupt,
 * truncated, unreadable, other build's or unwritable cache only costs the time of a read.
 */
class HeaderStoreTest {
  @TempDir Path root;
  /** Outside the include folders, as a user's cache folder is (making it would change them). */
  @TempDir Path cacheParent;

  private CompileFlags flags;
  private Path cache;
  private Path py;

  private static final String FILE = "#define PY_SSIZE_T_CLEAN\n#include <Python.h>\n#include \"own.h\"\nint a;\n";

  @BeforeEach
  void headers() throws IOException {
    py = Files.createDirectories(root.resolve("py"));
    Files.writeString(py.resolve("Python.h"), """
        #ifndef Py_PYTHON_H
        #define Py_PYTHON_H
        #include "pyport.h"
        #include <missing_header.h>
        #ifdef PY_SSIZE_T_CLEAN
        #define CLEAN_SEEN 1
        #endif
        #define PY_HDR_VALUE 7
        #define Py_FN(a, b) ((a) + (b))
        #undef Py_GONE
        typedef struct { int x; } PyThing;
        int PyThing_Count(void);
        #endif
        """);
    Files.writeString(py.resolve("pyport.h"), "#ifndef Py_PYPORT_H\n#define Py_PYPORT_H\n#define PORT_VALUE 3\n#endif\n");
    Files.writeString(root.resolve("own.h"), "#ifndef OWN_H\n#define OWN_H\n#define OWN_VALUE PORT_VALUE\n#endif\n");
    flags = new CompileFlags();
    flags.includePaths.add(py.toString());
    flags.quoteIncludePaths.add(root.toString());
    cache = cacheParent.resolve("cache");
  }

  private CParser parser(Path cacheFolder) {
    CParser p = new CParser();
    p.useHeaderCache(cacheFolder);
    return p;
  }

  private Map<String, String> macros(CParser parser) throws IOException {
    Path file = root.resolve("a.c");
    Files.writeString(file, FILE);
    return parser.parse(new SourceText(file, FILE), flags, Target.parse("3.14t")).headerMacros().macros();
  }

  private List<Path> stored() throws IOException {
    Path dir = cache.resolve("headers");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".json")).toList();
    }
  }

  private Path onlyStored() throws IOException {
    List<Path> files = stored();
    assertEquals(1, files.size(), files.toString());
    return files.get(0);
  }

  /** Changes a macro's value in the stored file: a parse that shows the new value read the cache. */
  private void tamper(String from, String to) throws IOException {
    Path f = onlyStored();
    String text = Files.readString(f);
    assertTrue(text.contains(from), text);
    Files.writeString(f, text.replace(from, to));
  }

  private Map<String, String> oneRead() throws IOException {
    return macros(new CParser(true, false));
  }

  @Test
  void aLaterRunReadsTheLayerFromDiskWithTheSameFacts() throws IOException {
    Map<String, String> expected = oneRead();
    CParser first = parser(cache);
    assertEquals(expected, macros(first));
    Path f = onlyStored();
    String key = JsonParser.parseString(Files.readString(f)).getAsJsonObject().get("key").getAsString();
    List<HeaderStore.Stored> layers = HeaderStore.in(cache.resolve("headers")).load(key);
    assertEquals(1, layers.size());
    HeaderFacts inMemory = first.layers().get(key, Set.of(), layers.get(0).quoteDirs(), layers.get(0).searchDirs());
    HeaderFacts read = layers.get(0).facts();
    // every fact survives the round trip
    assertEquals(List.copyOf(inMemory.macros.entrySet()), List.copyOf(read.macros.entrySet()));
    assertEquals(inMemory.undefined, read.undefined);
    assertEquals(inMemory.named, read.named);
    assertEquals(inMemory.tested, read.tested);
    assertEquals(inMemory.declared, read.declared);
    assertEquals(inMemory.stamps, read.stamps);
    assertEquals(inMemory.skipped, read.skipped);
    assertEquals(inMemory.python, read.python);
    assertEquals(inMemory.mentioned, read.mentioned);
    assertEquals(inMemory.lookedUp, read.lookedUp);
    assertTrue(read.lookedUp.contains("Python.h"), read.lookedUp.toString());
    assertTrue(read.declared.containsAll(List.of("PyThing", "PyThing_Count")), read.declared.toString());
    assertTrue(read.undefined.contains("Py_GONE") && read.python && read.named.contains("CLEAN_SEEN"), read.named.toString());
    assertTrue(read.skipped.stream().anyMatch(s -> s.written().equals("<missing_header.h>") && s.missing()), read.skipped.toString());
    assertEquals("((a) + (b))", read.macros.get("Py_FN(a,b)"));

    tamper("\"7\"", "\"70\"");
    assertEquals("70", macros(parser(cache)).get("PY_HDR_VALUE"), "a new parser (a later run) reads the layer from disk");
    assertEquals("7", macros(parser(null)).get("PY_HDR_VALUE"));
  }

  @Test
  void aLaterRunReadsTheRestOfAFilesHeadersFromDiskUntilOneOfTheHeadersChanges() throws IOException {
    Map<String, String> expected = oneRead();
    assertEquals(expected, macros(parser(cache)));
    assertTrue(Files.isDirectory(cache.resolve("headers").resolve("rest")), "the rest is kept beside the layers");
    CParser later = parser(cache);
    assertEquals(expected, macros(later));
    assertEquals(0, later.headerReads(), "neither the layer nor the rest (own.h) is read again");

    // a header of the layer changes: own.h's macro follows it, so the rest is read again too
    Files.writeString(py.resolve("pyport.h"), "#ifndef Py_PYPORT_H\n#define Py_PYPORT_H\n#define PORT_VALUE 4\n#endif\n");
    Files.setLastModifiedTime(py.resolve("pyport.h"), FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    CParser after = parser(cache);
    assertEquals(oneRead(), macros(after));
    assertEquals(2, after.headerReads());

    // a header of the rest changes: only the rest is read again
    Files.writeString(root.resolve("own.h"), "#ifndef OWN_H\n#define OWN_H\n#define OWN_VALUE 5\n#endif\n");
    Files.setLastModifiedTime(root.resolve("own.h"), FileTime.fromMillis(System.currentTimeMillis() + 10_000));
    CParser last = parser(cache);
    Map<String, String> now = macros(last);
    assertEquals("5", now.get("OWN_VALUE"));
    assertEquals(oneRead(), now);
    assertEquals(1, last.headerReads());
  }

  @Test
  void aFolderKeepsItsMostRecentlyWrittenFilesUpToItsBound() throws IOException {
    macros(parser(cache));
    String key = JsonParser.parseString(Files.readString(onlyStored())).getAsJsonObject().get("key").getAsString();
    List<HeaderStore.Stored> layers = HeaderStore.in(cache.resolve("headers")).load(key);
    Path bounded = cacheParent.resolve("bounded");
    HeaderStore store = HeaderStore.in(bounded, 3);
    for (int i = 0; i < 5; i++) {
      store.save("key " + i, layers);
      try (Stream<Path> files = Files.list(bounded)) {
        for (Path f : files.toList()) { // each earlier file older than the next
          String k = JsonParser.parseString(Files.readString(f)).getAsJsonObject().get("key").getAsString();
          if (k.equals("key " + i)) {
            Files.setLastModifiedTime(f, FileTime.fromMillis(1_000_000L * (i + 1)));
          }
        }
      }
    }
    for (int i = 0; i < 5; i++) {
      assertEquals(i >= 2, !store.load("key " + i).isEmpty(), "key " + i);
    }
  }

  @Test
  void aScanSavesItsLayersOnceAtItsEnd() throws IOException {
    CParser scan = parser(cache);
    scan.startScan();
    assertEquals("7", macros(scan).get("PY_HDR_VALUE"));
    assertEquals(List.of(), stored(), "nothing is written while the scan runs");
    scan.saveHeaderLayers();
    tamper("\"7\"", "\"70\"");
    assertEquals("70", macros(parser(cache)).get("PY_HDR_VALUE"), "a later run reads what the scan saved");
    scan.saveHeaderLayers();
    assertTrue(Files.readString(onlyStored()).contains("\"70\""), "a key saved once is not written again");
  }

  @Test
  void aSkeletonReadWholeIsKeptOnDiskToo() throws IOException {
    // a guard around the include: not layered, its headers read in one read of the whole
    String text = "#ifndef W_H\n#define W_H\n#include <Python.h>\n#endif\nint w;\n";
    Path file = root.resolve("w.c");
    Files.writeString(file, text);
    CParser first = parser(cache);
    Map<String, String> read = first.parse(new SourceText(file, text), flags, Target.parse("3.14t")).headerMacros().macros();
    assertEquals("7", read.get("PY_HDR_VALUE"));
    assertEquals(1, first.headerReads());
    CParser later = parser(cache);
    assertEquals(read, later.parse(new SourceText(file, text), flags, Target.parse("3.14t")).headerMacros().macros());
    assertEquals(0, later.headerReads(), "a later run reads it from the cache folder");
    Path h = py.resolve("Python.h");
    Files.writeString(h, Files.readString(h).replace("PY_HDR_VALUE 7", "PY_HDR_VALUE 8"));
    Files.setLastModifiedTime(h, FileTime.fromMillis(Files.getLastModifiedTime(h).toMillis() + 5_000));
    CParser changed = parser(cache);
    assertEquals("8", changed.parse(new SourceText(file, text), flags, Target.parse("3.14t")).headerMacros().macros()
        .get("PY_HDR_VALUE"));
    assertEquals(1, changed.headerReads(), "a changed header is read again");
  }

  @Test
  void aScanSavesTheLayersPushedOutOfMemoryBeforeItsEnd() throws IOException {
    CParser scan = parser(cache);
    scan.startScan();
    Path file = root.resolve("s.c");
    for (int i = 0; i < 24; i++) { // more beginnings than the memory keeps (each a name Python.h tests, so a layer each)
      scan.parse(new SourceText(file, "#define PY_SSIZE_T_CLEAN " + i + "\n#include <Python.h>\nint s;\n"), flags,
          Target.parse("3.14t"));
    }
    scan.saveHeaderLayers();
    List<Path> files = stored();
    assertEquals(24, files.size(), files.toString());
    for (Path f : files) {
      assertTrue(Files.readString(f).contains("PY_HDR_VALUE"), "every key keeps its layer: " + f);
    }
  }

  @Test
  void aLayerPushedOutOfMemoryIsReadBackFromDisk() throws IOException {
    CParser p = parser(cache);
    Path file = root.resolve("n.c");
    String first = "#define PY_SSIZE_T_CLEAN 0\n#include <Python.h>\nint n;\n";
    p.parse(new SourceText(file, first), flags, Target.parse("3.14t"));
    tamper("\"7\"", "\"70\"");
    for (int i = 1; i <= 20; i++) { // more beginnings than the memory keeps
      p.parse(new SourceText(file, "#define PY_SSIZE_T_CLEAN " + i + "\n#include <Python.h>\nint n;\n"), flags,
          Target.parse("3.14t"));
    }
    String again = "#define PY_SSIZE_T_CLEAN 0\n#include <Python.h>\n#include \"own.h\"\nint n;\n"; // the same beginning
    assertEquals("70", p.parse(new SourceText(file, again), flags, Target.parse("3.14t")).headerMacros().macros().get("PY_HDR_VALUE"));
  }

  @Test
  void aChangedHeaderIsReadAgain() throws IOException {
    macros(parser(cache));
    tamper("\"7\"", "\"70\"");
    Path h = py.resolve("Python.h");
    Files.writeString(h, Files.readString(h).replace("PY_HDR_VALUE 7", "PY_HDR_VALUE 8"));
    Files.setLastModifiedTime(h, FileTime.fromMillis(Files.getLastModifiedTime(h).toMillis() + 5_000));
    assertEquals("8", macros(parser(cache)).get("PY_HDR_VALUE"));
  }

  @Test
  void aHeaderAddedToAnIncludeFolderIsSeen() throws IOException {
    macros(parser(cache));
    tamper("\"7\"", "\"70\"");
    Files.writeString(py.resolve("missing_header.h"), "#define NOW_FOUND 1\n");
    Files.setLastModifiedTime(py, FileTime.fromMillis(Files.getLastModifiedTime(py).toMillis() + 5_000));
    Map<String, String> m = macros(parser(cache));
    assertEquals("7", m.get("PY_HDR_VALUE"));
    assertEquals("1", m.get("NOW_FOUND"));
  }

  @Test
  void aCorruptOrTruncatedFileIsNeverTrusted() throws IOException {
    Map<String, String> expected = oneRead();
    macros(parser(cache));
    Path f = onlyStored();
    String whole = Files.readString(f);
    for (String bad : List.of(whole.substring(0, whole.length() / 2), "not json at all {", "",
        whole.replace("\"macroValues\"", "\"otherValues\""), whole.replace("\"python\":true", "\"python\":null"),
        "{\"format\":1}", "[1,2,3]", whole.replaceFirst("\"stamps\":\\[", "\"stamps\":[null,"))) {
      Files.writeString(f, bad);
      assertEquals(expected, macros(parser(cache)), bad.length() > 80 ? bad.substring(0, 80) : bad);
      assertEquals(whole.length(), Files.readString(onlyStored()).length(), "written again whole");
    }
  }

  @Test
  void anUnreadableFileOrAnotherBuildsIsNeverTrusted() throws IOException {
    Map<String, String> expected = oneRead();
    CParser other = new CParser();
    other.layers().useStore(HeaderStore.in(cache.resolve("headers"), "ftls 0.0.1 another build"));
    assertEquals(expected, macros(other));
    Path others = onlyStored();
    String othersText = Files.readString(others).replace("\"7\"", "\"70\"");
    Files.writeString(others, othersText);
    assertEquals("7", macros(parser(cache)).get("PY_HDR_VALUE"), "another build's file is not read");
    assertTrue(Files.notExists(others), "and it is deleted when this build saves its own");
    Files.writeString(others, othersText);
    assertEquals(2, stored().size(), "each build has its own file");
    for (Path f : stored()) {
      Files.delete(f);
      Files.createDirectory(f); // cannot be read as a file
    }
    assertEquals(expected, macros(parser(cache)));
  }

  @Test
  void anUnwritableCacheOnlyCostsTime() throws IOException {
    Map<String, String> expected = oneRead();
    Files.writeString(cache, "a file where the cache folder should be");
    CParser p = parser(cache);
    assertEquals(expected, macros(p));
    assertEquals(expected, macros(p));
    assertNotNull(p.layers().saveProblem(), "the failure is remembered");
  }

  @Test
  void withoutACacheFolderNothingIsWritten() throws IOException {
    assertEquals(oneRead(), macros(parser(null)));
    assertTrue(Files.notExists(cache));
  }
}
