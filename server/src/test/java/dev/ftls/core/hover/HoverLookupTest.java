package dev.ftls.core.hover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.core.kb.ApiEntry;
import dev.ftls.core.kb.KnowledgeBase;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HoverLookupTest {
  private static final KnowledgeBase KB = KnowledgeBase.builtin();

  /** The entry for the first occurrence of {@code word} in {@code text}. */
  private static Optional<ApiEntry> at(String text, String word) {
    int start = text.indexOf(word);
    return HoverLookup.entry(KB, text, start, start + word.length());
  }

  @Test
  void aMemberAfterArrowOrDotIsTheStructMember() {
    assertEquals("PyObject.ob_refcnt", at("n = op->ob_refcnt;", "ob_refcnt").orElseThrow().name());
    assertEquals("PyObject.ob_type", at("t = obj.ob_type;", "ob_type").orElseThrow().name());
    assertEquals("PyVarObject.ob_size", at("n = v -> \n  ob_size;", "ob_size").orElseThrow().name());
  }

  @Test
  void aMemberNameAloneOrAnUnknownMemberIsNothing() {
    assertFalse(at("Py_ssize_t ob_refcnt;", "ob_refcnt").isPresent());
    assertFalse(at("x = self->registry;", "registry").isPresent());
  }

  @Test
  void otherNamesAreLookedUpAsWritten() {
    assertEquals("PyList_GetItem", at("PyList_GetItem(l, 0)", "PyList_GetItem").orElseThrow().name());
    assertFalse(at("my_helper(l, 0)", "my_helper").isPresent());
  }

  @Test
  void memberAccessNeedsADotOrAnArrow() {
    assertTrue(HoverLookup.isMemberAccess("a->b", 3));
    assertTrue(HoverLookup.isMemberAccess("a. b", 3));
    assertFalse(HoverLookup.isMemberAccess("a > b", 4));
    assertFalse(HoverLookup.isMemberAccess("b", 0));
  }
}
