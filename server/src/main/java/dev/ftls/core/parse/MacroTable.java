package dev.ftls.core.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Macros as the preprocessor keeps them while it reads: one definition per name, whether
 * object-like ({@code NAME}) or function-like ({@code NAME(a,b)}); a definition replaces every
 * earlier form of its name and an {@code #undef} removes them all.
 */
final class MacroTable {
  private final Map<String, String> macros;
  /** Bare name to the keys it has in {@link #macros}. */
  private final Map<String, List<String>> forms = new HashMap<>();

  MacroTable(Map<String, String> start) {
    macros = new LinkedHashMap<>(start);
    for (String k : macros.keySet()) {
      forms.computeIfAbsent(FeatureMacros.bareName(k), x -> new ArrayList<>(1)).add(k);
    }
  }

  void define(String key, String value) {
    List<String> old = forms.put(FeatureMacros.bareName(key), new ArrayList<>(List.of(key)));
    if (old != null) {
      for (String k : old) {
        if (!k.equals(key)) {
          macros.remove(k);
        }
      }
    }
    macros.put(key, value);
  }

  void undefine(String name) {
    List<String> old = forms.remove(name);
    if (old != null) {
      macros.keySet().removeAll(old);
    }
  }

  /** The macros, in the order they were first defined. */
  Map<String, String> toMap() {
    return macros;
  }
}
