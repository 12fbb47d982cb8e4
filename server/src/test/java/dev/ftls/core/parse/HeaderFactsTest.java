package dev.ftls.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a read of the headers after a layer predefines ({@link HeaderFacts#under}). */
class HeaderFactsTest {
  private static HeaderFacts layer(Map<String, String> macros, Set<String> undefined) {
    return HeaderFacts.stored(macros, undefined, Set.of(), Set.of(), Set.of(), List.of(), List.of(), true, Set.of(),
        Set.of());
  }

  @Test
  void underHasTheMacrosOverHasForEveryBase() {
    Map<String, String> macros = new LinkedHashMap<>();
    macros.put("Py_INCREF(op)", "_Py_INCREF(op)");
    macros.put("SIZEOF_LONG", "8");
    macros.put("REDEFINED", "2");
    macros.put("NOW_FUNCTION(x)", "(x)");
    HeaderFacts layer = layer(macros, Set.of("GONE", "NDEBUG"));
    List<Map<String, String>> bases = List.of(
        Map.of(),
        new LinkedHashMap<>(Map.of("__GNUC__", "12", "REDEFINED", "1", "GONE", "1", "NOW_FUNCTION", "3")),
        new LinkedHashMap<>(Map.of("__GNUC__", "12", "NDEBUG", "1", "HAVE_FEATURE", "1")),
        new LinkedHashMap<>(Map.of("Py_INCREF", "nothing", "OTHER(a)", "a")));
    for (int round = 0; round < 2; round++) { // the second round uses the layer's frozen macros
      for (Map<String, String> base : bases) {
        assertEquals(layer.over(base), new LinkedHashMap<>(layer.under(base)), base.toString());
      }
    }
  }

  @Test
  void theRestAfterALayerHasTheLayersFactsThenItsOwn() {
    Map<String, String> layerMacros = new LinkedHashMap<>();
    layerMacros.put("A", "1");
    layerMacros.put("F(x)", "x");
    layerMacros.put("GONE_LATER", "1");
    HeaderFacts layer = HeaderFacts.stored(layerMacros, Set.of("U"), new java.util.LinkedHashSet<>(List.of("A", "F", "U")),
        Set.of("HAVE_X"), new java.util.LinkedHashSet<>(List.of("PyObject", "Py_ssize_t")), List.of(), List.of(), true,
        Set.of("A"), Set.of("Python.h"));
    Map<String, String> restMacros = new LinkedHashMap<>();
    restMacros.put("F", "2"); // object-like now
    restMacros.put("B(y)", "y");
    HeaderFacts rest = HeaderFacts.stored(restMacros, Set.of("GONE_LATER"), new java.util.LinkedHashSet<>(List.of("F", "B", "A")),
        Set.of(), new java.util.LinkedHashSet<>(List.of("Py_ssize_t", "own_t")), List.of(), List.of(), false, Set.of(),
        Set.of("own.h"));
    HeaderFacts after = rest.after(layer);
    assertEquals(List.of("A", "F", "B(y)"), List.copyOf(after.macros.keySet()));
    assertEquals("2", after.macros.get("F"));
    assertEquals(List.of("A", "F", "U", "B"), List.copyOf(after.named));
    assertEquals(List.of("PyObject", "Py_ssize_t", "own_t"), List.copyOf(after.declared));
    assertEquals(3, after.declared.size());
    assertEquals(true, after.declared.contains("own_t") && after.declared.contains("PyObject"));
    assertEquals(false, after.declared.contains("B"));
    assertEquals(Set.of("Python.h", "own.h"), Set.copyOf(after.lookedUp));
    assertEquals(Set.of("HAVE_X"), after.tested);
    // the reads it combines: the layer's, then the rest's, whose names together are its names
    assertEquals(List.of(layer, rest), after.reads);
    Set<String> names = new java.util.HashSet<>();
    after.reads.forEach(r -> names.addAll(r.named));
    assertEquals(Set.copyOf(after.named), names);
    assertEquals(List.of(layer), layer.reads);
  }
}
