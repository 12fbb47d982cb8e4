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
    this(start, functionKeys(start));
  }

  /** {@code start}'s macros, whose function-like keys by bare name are {@code functionKeys} ({@link #functionKeys}). */
  MacroTable(Map<String, String> start, Map<String, String> functionKeys) {
    macros = new LinkedHashMap<>(start);
    this.functionKeys.putAll(functionKeys);
  }

  /** The keys of the function-like macros among {@code macros}, by bare name. */
  static Map<String, String> functionKeys(Map<String, String> macros) {
    Map<String, String> out = new HashMap<>();
    for (String k : macros.keySet()) {
      if (k.indexOf('(') > 0) {
        out.put(FeatureMacros.bareName(k), k);
      }
    }
    return out;
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
