package dev.ftls.core.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FreshObjectsTest {
  @Test
  void everyEntryIsANewReferenceInTheDataOrAPrivateNameTheDataDoesNotHave() {
    KnowledgeBase kb = KnowledgeBase.builtin();
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, String> e : FreshObjects.ALWAYS_NEW.entrySet()) {
      String name = e.getKey();
      boolean agrees = kb.get(name).map(a -> "new".equals(a.returns()))
          .orElse(name.startsWith("_"));
      if (!agrees || e.getValue().isBlank()) {
        wrong.add(name);
      }
    }
    assertEquals(List.of(), wrong, "entries the data contradicts, or without a reason");
  }

  @Test
  void newReferencesToObjectsThatAlreadyExistAreNotFresh() {
    KnowledgeBase kb = KnowledgeBase.builtin();
    // new references all, but to their argument, an item of a container, or a shared module
    for (String name : List.of("PySequence_Fast", "PyList_GetItemRef", "PyImport_ImportModule")) {
      assertTrue(kb.get(name).map(a -> "new".equals(a.returns())).orElse(false), name);
      assertFalse(FreshObjects.alwaysNew(name), name);
    }
  }

  @Test
  void aSingleObjectFormatReturnsTheArgument() {
    assertTrue(FreshObjects.buildsOnlyArgument("\"O\""));
    assertTrue(FreshObjects.buildsOnlyArgument(" \"N\" "));
    assertFalse(FreshObjects.buildsOnlyArgument("\"(O)\""));
    assertFalse(FreshObjects.buildsOnlyArgument("\"[OO]\""));
    assertFalse(FreshObjects.buildsOnlyArgument("\"OO\""));
    assertFalse(FreshObjects.buildsOnlyArgument("fmt"));
  }

  @Test
  void tupleMakersAreFreshToo() {
    for (String name : List.of("PyTuple_New", "PySequence_Tuple", "PyUnicode_Partition")) {
      assertTrue(FreshObjects.makesTuple(name) && FreshObjects.alwaysNew(name), name);
    }
    assertFalse(FreshObjects.makesTuple("PySequence_List"));
  }
}
