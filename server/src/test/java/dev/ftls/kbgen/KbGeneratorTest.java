package dev.ftls.kbgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.core.kb.ApiEntry;
import dev.ftls.core.kb.Replacement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KbGeneratorTest {
  private static final String REFCOUNTS =
      """
      PyList_GetItem:PyObject*::0:
      PyList_GetItem:PyObject*:list:0:
      PyList_GetItem:Py_ssize_t:index::

      PyList_GetItemRef:PyObject*::+1:
      PyList_GetItemRef:PyObject*:list:0:

      PyList_GET_ITEM:PyObject*::0:
      PyList_GET_ITEM:PyObject*:list:0:

      PyList_SetItem:int:::
      PyList_SetItem:PyObject*:list:0:
      PyList_SetItem:PyObject*:item:0:

      PyErr_SetRaisedException:void:::
      PyErr_SetRaisedException:PyObject *:exc:0:stolen

      PyErr_NoMemory:PyObject*::null:
      """;
  private static final String SAFETY = "PyList_GetItem:compatible:\nPyMutex_Lock:atomic:\n";
  private static final String ABI =
      """
      role,name,added,ifdef_note,struct_abi_kind
      func,PyList_GetItem,3.2,,
      func,PyList_GetItemRef,3.13,,
      member,PyObject.ob_refcnt,3.2,,
      """;
  private static final String REPLACEMENTS =
      """
      {"entries": [
        {"name": "PyList_GetItem", "hazard": true, "replacement": "PyList_GetItemRef",
         "since": "3.13", "reason": "r1", "note": "n1"},
        {"name": "PyList_GET_ITEM", "kind": "macro", "hazard": false, "reason": "r2"}
      ],
      "steals": {"entries": {"PyList_SetItem": ["item"]}}}
      """;
  private static final String FTAPI =
      """
      {"entries": [{"name": "PyMutex_Lock", "kind": "function", "since": "3.13", "note": "n3"}]}
      """;

  private static KbGenerator.Inputs inputs(String refcounts, String replacements) {
    return new KbGenerator.Inputs(refcounts, SAFETY, ABI, replacements, FTAPI);
  }

  private static Map<String, ApiEntry> byName(KbGenerator.Result result) {
    return result.entries().stream().collect(Collectors.toMap(ApiEntry::name, Function.identity()));
  }

  @Test
  void mergesAllSourcesIntoOneSortedEntryPerName() {
    KbGenerator.Result result = KbGenerator.build(inputs(REFCOUNTS, REPLACEMENTS));
    assertEquals(List.of(), result.problems());
    assertEquals(
        List.of(
            "PyErr_NoMemory",
            "PyErr_SetRaisedException",
            "PyList_GET_ITEM",
            "PyList_GetItem",
            "PyList_GetItemRef",
            "PyList_SetItem",
            "PyMutex_Lock",
            "PyObject.ob_refcnt"),
        result.entries().stream().map(ApiEntry::name).toList());
    Map<String, ApiEntry> e = byName(result);

    ApiEntry getItem = e.get("PyList_GetItem");
    assertEquals("function", getItem.kind());
    assertEquals("borrowed", getItem.returns());
    assertEquals("compatible", getItem.threadSafety());
    assertEquals("3.2", getItem.stableAbiSince());
    assertEquals(new Replacement("PyList_GetItemRef", "3.13", "n1"), getItem.replacement());
    assertEquals("r1", getItem.note());
    assertTrue(getItem.isSharedBorrowHazard());
    assertEquals(
        List.of(
            new ApiEntry.Param("list", "PyObject*", "0", false),
            new ApiEntry.Param("index", "Py_ssize_t", null, false)),
        getItem.params());

    ApiEntry ref = e.get("PyList_GetItemRef");
    assertEquals("new", ref.returns());
    assertEquals("3.13", ref.since());
    assertFalse(ref.hazard());

    ApiEntry macro = e.get("PyList_GET_ITEM");
    assertEquals("macro", macro.kind());
    assertFalse(macro.isSharedBorrowHazard());
    assertEquals("r2", macro.note());

    assertEquals("null", e.get("PyErr_NoMemory").returns());
    assertEquals("member", e.get("PyObject.ob_refcnt").kind());
    assertEquals("3.13", e.get("PyMutex_Lock").since());
    assertEquals("atomic", e.get("PyMutex_Lock").threadSafety());
    assertEquals("n3", e.get("PyMutex_Lock").note());
  }

  @Test
  void removalsTableMarksNamesRemovedWithTheirReplacementAndRejectsIncompleteOrDuplicatedRows() {
    String replacements = REPLACEMENTS.strip().replaceAll("}$", "") + """
        , "removals": {"entries": [
          {"name": "Py_GetPath", "removed": "3.15", "replacement": "PyConfig_Get", "since": "3.14",
           "compat": true, "note": "n4", "source": "s4"}
        ]}}
        """;
    KbGenerator.Result ok = KbGenerator.build(inputs(REFCOUNTS, replacements));
    assertEquals(List.of(), ok.problems());
    ApiEntry path = byName(ok).get("Py_GetPath");
    assertEquals("3.15", path.removed());
    assertEquals("PyConfig_Get", path.replacement().name());
    assertEquals("3.14", path.replacement().since());
    assertTrue(path.replacement().compat());

    String bad = REPLACEMENTS.strip().replaceAll("}$", "") + """
        , "removals": {"entries": [
          {"name": "Py_GetPrefix", "removed": "3.15", "note": "n5"},
          {"name": "PyList_GetItem", "removed": "3.15", "note": "n6", "source": "s6"}
        ]}}
        """;
    List<String> problems = KbGenerator.build(inputs(REFCOUNTS, bad)).problems();
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains("Py_GetPrefix") && p.contains("source")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains("PyList_GetItem") && p.contains("borrowed")), problems.toString());
  }

  @Test
  void marksStolenArgumentsFromTableAndComment() {
    Map<String, ApiEntry> e = byName(KbGenerator.build(inputs(REFCOUNTS, REPLACEMENTS)));
    assertEquals(
        List.of("item"), e.get("PyList_SetItem").stolenParams().stream().map(ApiEntry.Param::name).toList());
    assertEquals(
        List.of("exc"),
        e.get("PyErr_SetRaisedException").stolenParams().stream().map(ApiEntry.Param::name).toList());
  }

  @Test
  void reportsBorrowedFunctionsWithoutADecisionAndBadTableRows() {
    String refcounts = REFCOUNTS + "\nPyFoo_Borrow:PyObject*::0:\n";
    String replacements =
        """
        {"entries": [
          {"name": "PyList_GetItem", "hazard": true, "replacement": "PyList_GetItemRef",
           "since": "3.13", "reason": "r1", "note": "n1"},
          {"name": "PyList_GET_ITEM", "reason": "r2"},
          {"name": "PyMutex_Lock", "hazard": false, "reason": "r",
           "replacement": "PyMutex_Lock", "since": "3.14", "note": "n"}
        ],
        "steals": {"entries": {"PyList_SetItem": ["value"], "PyNope": ["x"]}}}
        """;
    KbGenerator.Result result = KbGenerator.build(inputs(refcounts, replacements));
    assertEquals(
        List.of(
            "replacements.json: PyList_GET_ITEM: no \"hazard\" decision",
            "replacements.json: PyMutex_Lock: PyMutex_Lock since 3.14, but ftapi.json says 3.13",
            "replacements.json: no decision for borrowed-return function PyFoo_Borrow",
            "replacements.json: steals: PyList_SetItem has no parameter value",
            "replacements.json: steals: unknown function PyNope"),
        result.problems());
  }

  @Test
  void the315RowsAddNamesAndNeverOverrideStableAbiDat() {
    String delta = StableAbiParser.HEADER + "\nfunc,PySys_GetAttr,3.15,,\nfunc,PyList_GetItem,3.15,,\n";
    KbGenerator.Result r = KbGenerator.build(
        new KbGenerator.Inputs(REFCOUNTS, SAFETY, ABI, REPLACEMENTS, FTAPI, delta));
    assertEquals(List.of(), r.problems());
    Map<String, ApiEntry> e = byName(r);
    assertEquals("3.15", e.get("PySys_GetAttr").stableAbiSince());
    assertEquals("function", e.get("PySys_GetAttr").kind());
    assertEquals("3.2", e.get("PyList_GetItem").stableAbiSince(), "stable_abi.dat's row stands");
    KbGenerator.Result bad = KbGenerator.build(
        new KbGenerator.Inputs(REFCOUNTS, SAFETY, ABI, REPLACEMENTS, FTAPI, StableAbiParser.HEADER + "\nfunc,X\n"));
    assertTrue(bad.problems().stream().anyMatch(p -> p.startsWith(StableAbiParser.DELTA_FILE + ":")), bad.problems().toString());
  }

  @Test
  void generateRefusesInputsWithProblemsAndNamesThem(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("refcounts.dat"), REFCOUNTS + "broken line\n");
    Files.writeString(dir.resolve("threadsafety.dat"), SAFETY);
    Files.writeString(dir.resolve("stable_abi.dat"), ABI);
    Files.writeString(dir.resolve("replacements.json"), REPLACEMENTS);
    Files.writeString(dir.resolve("ftapi.json"), FTAPI);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> KbGenerator.generate(dir));
    long brokenLine = REFCOUNTS.lines().count() + 1;
    assertTrue(
        e.getMessage()
            .contains("refcounts.dat:" + brokenLine + ": expected 5 ':'-separated fields, found 1"),
        e.getMessage());
  }

  @Test
  void outputIsStableOneEntryPerLineWithoutNulls() {
    List<ApiEntry> entries = KbGenerator.build(inputs(REFCOUNTS, REPLACEMENTS)).entries();
    String json = KbJson.write(entries);
    assertEquals(json, KbJson.write(KbGenerator.build(inputs(REFCOUNTS, REPLACEMENTS)).entries()));
    String[] lines = json.split("\n");
    assertEquals(entries.size() + 5, lines.length);
    assertEquals(
        "{\"name\":\"PyMutex_Lock\",\"kind\":\"function\",\"threadSafety\":\"atomic\","
            + "\"since\":\"3.13\",\"note\":\"n3\"},",
        Arrays.stream(lines).filter(l -> l.contains("PyMutex_Lock")).findFirst().orElseThrow());
    assertFalse(json.contains("null,") || json.contains(":null"), json);
    assertTrue(json.endsWith("]\n}\n"));
  }

  @Test
  void shippedDataCoversEveryBorrowedFunction() throws Exception {
    KbGenerator.Result result =
        KbGenerator.build(KbGenerator.Inputs.read(RepoRoot.find().resolve(KbGenerator.INPUT_DIR)));
    assertEquals(List.of(), result.problems());
    Map<String, ApiEntry> e = byName(result);
    for (String name :
        List.of(
            "PyList_GetItem", "PyList_GET_ITEM", "PyDict_GetItem", "PyDict_GetItemWithError",
            "PyDict_GetItemString", "PyDict_SetDefault", "PyWeakref_GetObject",
            "PyWeakref_GET_OBJECT", "PyImport_AddModule", "PyCell_GET", "PyEval_GetGlobals",
            "PyEval_GetLocals", "PyEval_GetBuiltins", "PySys_GetObject")) {
      assertTrue(e.get(name).isSharedBorrowHazard(), name);
    }
    for (String name : List.of("PyTuple_GetItem", "PyTuple_GET_ITEM", "PyErr_Occurred")) {
      assertFalse(e.get(name).hazard(), name);
      assertNull(e.get(name).replacement(), name);
    }
    assertEquals("3.15", e.get("PySys_GetObject").replacement().since());
    assertNull(e.get("PyCell_GET").replacement().since());
    assertEquals("macro", e.get("PySequence_Fast_GET_ITEM").kind());
  }
}
