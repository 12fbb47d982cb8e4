package dev.ftls.kbgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StableAbiParserTest {
  @Test
  void readsRowsAfterTheHeader() {
    Parsed<Map<String, StableAbiParser.Row>> parsed =
        StableAbiParser.parse(
            StableAbiParser.HEADER
                + "\nfunc,PyList_GetItem,3.2,,\nfunc,PyErr_SetFromWindowsErr,3.7,on Windows,\n");
    assertEquals(List.of(), parsed.problems());
    assertEquals(
        new StableAbiParser.Row("func", "PyList_GetItem", "3.2", ""),
        parsed.value().get("PyList_GetItem"));
    assertEquals("on Windows", parsed.value().get("PyErr_SetFromWindowsErr").ifdefNote());
  }

  @Test
  void skipsMalformedRowsAndSaysWhy() {
    Parsed<Map<String, StableAbiParser.Row>> parsed =
        StableAbiParser.parse(
            String.join(
                "\n",
                "func,PyA,3.2,,",
                "func,PyB,3.2",
                "thing,PyC,3.2,,",
                "func,,3.2,,",
                "func,PyD,three,,",
                "func,PyA,3.3,,"));
    assertEquals(
        List.of(
            new DatProblem("stable_abi.dat", 1, "missing header '" + StableAbiParser.HEADER + "'"),
            new DatProblem("stable_abi.dat", 2, "expected 5 ','-separated fields, found 3"),
            new DatProblem("stable_abi.dat", 3, "unknown role 'thing'"),
            new DatProblem("stable_abi.dat", 4, "empty name"),
            new DatProblem("stable_abi.dat", 5, "bad version 'three'"),
            new DatProblem("stable_abi.dat", 6, "repeated entry for PyA")),
        parsed.problems());
    assertEquals("3.2", parsed.value().get("PyA").added());
    assertEquals(1, parsed.value().size());
  }

  @Test
  void shippedFileParsesWithoutProblems() throws Exception {
    String text =
        Files.readString(
            RepoRoot.find().resolve(KbGenerator.INPUT_DIR).resolve(StableAbiParser.FILE));
    Parsed<Map<String, StableAbiParser.Row>> parsed = StableAbiParser.parse(text);
    assertEquals(List.of(), parsed.problems());
    assertEquals(922, parsed.value().size());
    assertEquals("3.13", parsed.value().get("PyList_GetItemRef").added());
  }
}
