package dev.ftls.kbgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadSafetyParserTest {
  @Test
  void readsNameAndLevel() {
    Parsed<Map<String, String>> parsed =
        ThreadSafetyParser.parse("# header\nPyMutex_Lock:atomic:\n\nPyDict_Next:compatible:\n");
    assertEquals(List.of(), parsed.problems());
    assertEquals(Map.of("PyMutex_Lock", "atomic", "PyDict_Next", "compatible"), parsed.value());
  }

  @Test
  void skipsMalformedLinesAndSaysWhy() {
    Parsed<Map<String, String>> parsed =
        ThreadSafetyParser.parse(
            "PyFoo_NoLevel\nPyFoo_Bad:sometimes:\n:atomic:\nPyFoo_Twice:shared:\nPyFoo_Twice:atomic:\n");
    assertEquals(
        List.of(
            new DatProblem("threadsafety.dat", 1, "expected 'name:level:'"),
            new DatProblem("threadsafety.dat", 2, "unknown thread-safety level 'sometimes'"),
            new DatProblem("threadsafety.dat", 3, "empty function name"),
            new DatProblem("threadsafety.dat", 5, "repeated entry for PyFoo_Twice")),
        parsed.problems());
    assertEquals(Map.of("PyFoo_Twice", "shared"), parsed.value());
  }

  @Test
  void shippedFileParsesWithoutProblems() throws Exception {
    String text =
        Files.readString(
            RepoRoot.find().resolve(KbGenerator.INPUT_DIR).resolve(ThreadSafetyParser.FILE));
    Parsed<Map<String, String>> parsed = ThreadSafetyParser.parse(text);
    assertEquals(List.of(), parsed.problems());
    assertEquals("atomic", parsed.value().get("PyMutex_Lock"));
    assertEquals("compatible", parsed.value().get("PyList_GetItem"));
  }
}
