package dev.ftls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ftls check} keeps the header layers in the cache folder and reads them on the next run
 * (the same report); {@code --no-cache} neither reads nor writes the cache folder.
 */
class CheckHeaderCacheTest {
  @TempDir Path dir;
  @TempDir Path caches;

  private Path root;

  @BeforeEach
  void workspace() throws IOException {
    root = Files.createDirectories(dir.resolve("ws"));
    Path py = Files.createDirectories(root.resolve("py"));
    Files.writeString(py.resolve("Python.h"), """
        #ifndef Py_PYTHON_H
        #define Py_PYTHON_H
        typedef struct _object { long ob_refcnt; } PyObject;
        #define Py_INCREF(o) ((o)->ob_refcnt++)
        #endif
        """);
    Files.writeString(root.resolve("a.c"), """
        #include <Python.h>
        static PyObject *cache;
        PyObject *get(PyObject *o) { cache = o; Py_INCREF(o); return o; }
        """);
    Files.writeString(root.resolve("b.c"), "#include <Python.h>\nint b(PyObject *o) { return o != 0; }\n");
  }

  private CheckRun check(Path cache, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("--format", "json", "--python", "none", "-I", "py"));
    args.addAll(List.of(more));
    args.add(".");
    return CheckRun.in(root, Map.of("FTLS_CACHE_DIR", cache.toString()), args.toArray(String[]::new));
  }

  private static List<Path> files(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void theNextRunReadsTheLayersFromTheCacheFolder() throws IOException {
    Path cache = caches.resolve("one");
    CheckRun first = check(cache);
    List<Path> layers = files(cache.resolve("headers"));
    assertEquals(1, layers.size(), "one layer for the two files that begin alike: " + layers);
    List<Path> rests = files(cache.resolve("headers").resolve("rest"));
    // the rest of the C files' headers (their skeletons are alike), and py/Python.h's own, read whole
    assertEquals(2, rests.size(), "the rest of the files' headers and the header's: " + rests);
    List<Path> all = new java.util.ArrayList<>(layers);
    all.addAll(rests);
    FileTime written = FileTime.fromMillis(0);
    for (Path f : all) {
      Files.setLastModifiedTime(f, written);
    }
    CheckRun second = check(cache);
    assertEquals(first.out(), second.out());
    assertEquals(first.code(), second.code());
    for (Path f : all) {
      assertEquals(written, Files.getLastModifiedTime(f), "read, not written again: " + f);
    }
  }

  @Test
  void noCacheNeitherReadsNorWritesTheCacheFolder() throws IOException {
    Path cache = caches.resolve("two");
    CheckRun with = check(cache);
    assertFalse(files(cache.resolve("headers")).isEmpty());
    Path untouched = caches.resolve("three");
    CheckRun without = check(untouched, "--no-cache");
    assertEquals(with.out(), without.out());
    assertTrue(Files.notExists(untouched), "nothing written: " + untouched);
    // a corrupt cache read by a run with --no-cache would not matter either; without it, only time
    for (Path f : files(cache.resolve("headers"))) {
      Files.writeString(f, "{ not json");
    }
    for (Path f : files(cache.resolve("headers").resolve("rest"))) {
      Files.writeString(f, "{ not json");
    }
    assertEquals(with.out(), check(cache).out());
  }
}
