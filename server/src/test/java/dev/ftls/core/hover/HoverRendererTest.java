package dev.ftls.core.hover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.core.kb.ApiEntry;
import dev.ftls.core.kb.KnowledgeBase;
import dev.ftls.core.kb.Replacement;
import java.util.List;
import org.junit.jupiter.api.Test;

class HoverRendererTest {
  @Test
  void markdownTurnsApiNamesInNotesIntoCodeAndEscapesTheRest() {
    ApiEntry entry =
        new ApiEntry(
            "PyFoo_Get", "function", "borrowed", null, null, null, List.of(), null, false,
            "Use PyObject_GetAttrString(f, \"__doc__\") when *shared*.");
    String md = HoverRenderer.render(entry, List.of(), true);
    assertTrue(
        md.contains(
            "Not a free-threading hazard: Use `PyObject_GetAttrString(f, \"__doc__\")` when"
                + " \\*shared\\*."),
        md);
    String plain = HoverRenderer.render(entry, List.of(), false);
    assertTrue(plain.contains("Use PyObject_GetAttrString(f, \"__doc__\") when *shared*."), plain);
  }

  @Test
  void replacementWithoutVersionSaysItIsAlwaysThere() {
    ApiEntry cell = KnowledgeBase.builtin().get("PyCell_GET").orElseThrow();
    String md = HoverRenderer.render(cell, List.of(), true);
    assertTrue(md.startsWith("**PyCell_GET** (macro)\n"), md);
    assertTrue(md.contains("Use instead: `PyCell_Get` (all supported versions)."), md);
  }

  @Test
  void nonHazardAlternativeIsOfferedButNotAsAFix() {
    ApiEntry entry =
        new ApiEntry(
            "PyFoo_Frame", "function", "borrowed", null, null,
            new Replacement("PyFoo_FrameRef", "3.9", null), List.of(), null, false, "own frame");
    String plain = HoverRenderer.render(entry, List.of(), false);
    assertTrue(plain.contains("- Strong-reference alternative: PyFoo_FrameRef (3.9+).\n"), plain);
    assertFalse(plain.contains("Use instead"), plain);
  }

  @Test
  void removedApiSaysInWhichVersion() {
    ApiEntry weak = KnowledgeBase.builtin().get("PyWeakref_GetObject").orElseThrow();
    String md = HoverRenderer.render(weak, List.of(), true);
    assertTrue(md.contains("- **Removed in CPython " + weak.removed() + ".**\n"), md);
    assertTrue(md.contains("Use instead: `PyWeakref_GetRef` (3.13+)."), md);
  }

  @Test
  void onlyFunctionsSayTheyHaveNoDocumentedThreadSafetyLevel() {
    KnowledgeBase kb = KnowledgeBase.builtin();
    for (String name : List.of("PyObject", "PyList_Type", "PyObject.ob_type", "Py_GIL_DISABLED")) {
      String plain = HoverRenderer.render(kb.get(name).orElseThrow(), List.of(), false);
      assertFalse(plain.contains("Free-threaded build"), plain);
    }
    String fn = HoverRenderer.render(kb.get("PyLong_FromLong").orElseThrow(), List.of(), false);
    assertTrue(fn.contains("- " + HoverRenderer.NO_LEVEL + "\n"), fn);
  }

  @Test
  void aFindingIsItsRuleLinkAndDetailNotTheShortMessageTheEditorShowsAlready() {
    dev.ftls.core.rules.RuleMeta ft603 = dev.ftls.core.rules.RuleRegistry.byId("FT603").orElseThrow().meta();
    dev.ftls.core.rules.Finding onlyMessage = new dev.ftls.core.rules.Finding("FT603",
        dev.ftls.core.rules.Severity.WARNING, "short", 0, 1, List.of());
    assertEquals("**FT603** `" + ft603.name() + "`: [rule documentation](" + ft603.docsUrl() + ")",
        HoverRenderer.renderFinding(ft603, onlyMessage, true));
    assertEquals("FT603 " + ft603.name() + ": rule documentation: " + ft603.docsUrl(),
        HoverRenderer.renderFinding(ft603, onlyMessage, false));
    dev.ftls.core.rules.Finding withDetail = new dev.ftls.core.rules.Finding("FT603",
        dev.ftls.core.rules.Severity.WARNING, "PyDict_Next unlocked; wrap it",
        "PyDict_Next iterates 'd' without a lock", 0, 1, List.of());
    String md = HoverRenderer.renderFinding(ft603, withDetail, true);
    assertEquals("**FT603** `" + ft603.name() + "`: [rule documentation](" + ft603.docsUrl() + ")\n\n"
        + "`PyDict_Next` iterates 'd' without a lock", md);
    assertFalse(md.contains("wrap it"), md);
    assertEquals("FT603 " + ft603.name() + ": rule documentation: " + ft603.docsUrl() + "\n\n"
        + "PyDict_Next iterates 'd' without a lock", HoverRenderer.renderFinding(ft603, withDetail, false));
  }

  @Test
  void limitedApiAbsenceIsCertainOnlyForFunctionsAndData() {
    KnowledgeBase kb = KnowledgeBase.builtin();
    String lock = HoverRenderer.render(kb.get("PyThread_type_lock").orElseThrow(), List.of(), false);
    assertTrue(lock.contains("- Limited API: not in CPython's list, which leaves out many macros and types.\n"), lock);
    String mutex = HoverRenderer.render(kb.get("PyMutex_Lock").orElseThrow(), List.of(), false);
    assertTrue(mutex.contains("- Limited API: not in CPython's list.\n"), mutex);
  }

  @Test
  void firstSectionStopsAtTheNextHeading() {
    assertEquals(
        "one\ntwo",
        HoverRenderer.firstSection("intro\n## What it flags\n\none\ntwo\n\n## Example\nx\n"));
    assertEquals("", HoverRenderer.firstSection("no headings here"));
    assertEquals("", HoverRenderer.firstSection(null));
  }
}
