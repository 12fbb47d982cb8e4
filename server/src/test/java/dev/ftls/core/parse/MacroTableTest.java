package dev.ftls.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One definition per name, as the preprocessor keeps them, in the order names were first defined. */
class MacroTableTest {
  private static Map<String, String> start() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("A", "1");
    m.put("F(x)", "x");
    m.put("B", "2");
    return m;
  }

  @Test
  void aDefinitionReplacesEveryEarlierFormOfItsName() {
    MacroTable t = new MacroTable(start());
    t.define("A", "10"); // same form: keeps its place
    t.define("F", "0"); // object-like over function-like
    t.define("B(y)", "y"); // function-like over object-like
    t.define("C", "3");
    assertEquals(List.of("A", "F", "B(y)", "C"), List.copyOf(t.toMap().keySet()));
    assertEquals("10", t.toMap().get("A"));
    t.define("F(a,b)", "a b");
    t.define("B(z)", "z");
    assertEquals(Map.of("A", "10", "C", "3", "F(a,b)", "a b", "B(z)", "z"), Map.copyOf(t.toMap()));
  }

  @Test
  void anUndefRemovesTheNameInEitherForm() {
    MacroTable t = new MacroTable(start());
    t.undefine("F");
    t.undefine("B");
    t.undefine("NEVER");
    assertEquals(Map.of("A", "1"), Map.copyOf(t.toMap()));
    t.define("F", "again");
    t.undefine("F");
    t.define("F(q)", "q");
    assertEquals(List.of("A", "F(q)"), List.copyOf(t.toMap().keySet()));
  }
}
