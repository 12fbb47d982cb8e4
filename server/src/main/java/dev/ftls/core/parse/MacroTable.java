package dev.ftls.core.parse;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Macros as the preprocessor keeps them while it reads: one definition per name, whether
 * object-like ({@code NAME}) or function-like ({@code NAME(a,b)}); a definition replaces every
 * earlier form of its name and an {@code #undef} removes them all.
 */
final class MacroTable {
  private final Map<String, String> macros;
  /**
   * Bare name to its function-like key in {@link #macros} (an object-like macro's key is its
   * name: only the function-like ones need looking up, a few of the thousands).
   */
  private final Map<String, String> functionKeys = new HashMap<>();

  MacroTable(Map<String, String> start) {
    macros = new LinkedHashMap<>(start);
    for (String k : macros.keySet()) {
      if (k.indexOf('(') > 0) {
        functionKeys.put(FeatureMacros.bareName(k), k);
      }
    }
  }

  void define(String key, String value) {
    String name = FeatureMacros.bareName(key);
    if (!name.equals(key)) {
      macros.remove(name);
    }
    String old = name.equals(key) ? functionKeys.remove(name) : functionKeys.put(name, key);
    if (old != null && !old.equals(key)) {
      macros.remove(old);
    }
    macros.put(key, value);
  }

  void undefine(String name) {
    macros.remove(name);
    String old = functionKeys.remove(name);
    if (old != null) {
      macros.remove(old);
    }
  }

  /** The macros, in the order they were first defined. */
  Map<String, String> toMap() {
    return macros;
  }
}
