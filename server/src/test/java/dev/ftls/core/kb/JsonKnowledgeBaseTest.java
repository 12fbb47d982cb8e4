package dev.ftls.core.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.kbgen.KbJson;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonKnowledgeBaseTest {
  @Test
  void builtinIsLoadedOnceAndHoldsTheGeneratedFacts() {
    KnowledgeBase kb = KnowledgeBase.builtin();
    assertSame(kb, JsonKnowledgeBase.builtin());
    assertTrue(kb.all().size() > 1000, "entries: " + kb.all().size());

    ApiEntry getItem = kb.get("PyList_GetItem").orElseThrow();
    assertEquals("function", getItem.kind());
    assertTrue(getItem.returnsBorrowed());
    assertEquals("compatible", getItem.threadSafety());
    assertEquals("3.2", getItem.stableAbiSince());
    assertEquals("PyList_GetItemRef", getItem.replacement().name());
    assertEquals("3.13", getItem.replacement().since());
    assertTrue(getItem.isSharedBorrowHazard());
    assertEquals("list", getItem.params().get(0).name());

    ApiEntry tuple = kb.get("PyTuple_GetItem").orElseThrow();
    assertTrue(tuple.returnsBorrowed());
    assertFalse(tuple.isSharedBorrowHazard());

    assertTrue(kb.get("Py_BEGIN_CRITICAL_SECTION").isPresent());
    assertTrue(kb.get("NoSuchName").isEmpty());
    assertTrue(kb.get(null).isEmpty());
  }

  @Test
  void loadingTheResourceIsFast() throws Exception {
    long best = Long.MAX_VALUE;
    long first = -1;
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      try (Reader r =
          new InputStreamReader(
              JsonKnowledgeBase.class.getResourceAsStream(JsonKnowledgeBase.RESOURCE),
              StandardCharsets.UTF_8)) {
        JsonKnowledgeBase.read(r);
      }
      long took = System.nanoTime() - start;
      first = first < 0 ? took : first;
      best = Math.min(best, took);
    }
    long millis = best / 1_000_000;
    System.out.println(
        "capi.json load: first " + first / 1_000_000 + " ms, best of 5 " + millis + " ms");
    assertTrue(millis < 500, "loading capi.json took " + millis + " ms");
  }

  @Test
  void readsBackWhatTheGeneratorWrites() {
    List<ApiEntry> entries =
        List.of(
            new ApiEntry(
                "PyFoo_Get",
                "function",
                "borrowed",
                "shared",
                "3.2",
                new Replacement("PyFoo_GetRef", "3.13", "use it"),
                List.of(new ApiEntry.Param("o", "PyObject*", "0", true)),
                null,
                true,
                "why"),
            new ApiEntry("PyFoo_GetRef", "function", "new", null, null, null, List.of()));
    JsonKnowledgeBase kb = JsonKnowledgeBase.read(new StringReader(KbJson.write(entries)));
    assertEquals(entries, List.copyOf(kb.all()));
  }

  @Test
  void rejectsMalformedInputWithAMessage() {
    IllegalArgumentException broken =
        assertThrows(
            IllegalArgumentException.class,
            () -> JsonKnowledgeBase.read(new StringReader("{\"entries\": [ {\"name\": ")));
    assertTrue(broken.getMessage().startsWith("malformed knowledge base JSON"), broken.getMessage());
    IllegalArgumentException empty =
        assertThrows(
            IllegalArgumentException.class,
            () -> JsonKnowledgeBase.read(new StringReader("{\"format\": 1}")));
    assertEquals("knowledge base JSON has no \"entries\" array", empty.getMessage());
    IllegalArgumentException twice =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                JsonKnowledgeBase.read(
                    new StringReader("{\"entries\": [{\"name\": \"A\"}, {\"name\": \"A\"}]}")));
    assertEquals("duplicate knowledge base entry A", twice.getMessage());
  }
}
