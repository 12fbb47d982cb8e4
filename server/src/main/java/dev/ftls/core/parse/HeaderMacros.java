package dev.ftls.core.parse;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The macros a file's headers define (its cached preamble's), with a memo for what is derived
 * from them: the same object for every parse that reuses the preamble, so a fact computed from
 * thousands of header macros is computed once per preamble, not once per edit.
 */
public final class HeaderMacros {
  private final Map<String, String> macros;
  private final Map<String, Object> memo = new ConcurrentHashMap<>();

  HeaderMacros(Map<String, String> macros) {
    this.macros = Map.copyOf(macros);
  }

  /** Name to replacement text (a function-like macro's parameters are not part of the name). */
  public Map<String, String> macros() {
    return macros;
  }

  /** What {@code derive} makes of the macros, made once per preamble for each key. */
  public <T> T memo(String key, Class<T> type, Function<Map<String, String>, T> derive) {
    return type.cast(memo.computeIfAbsent(key, k -> derive.apply(macros)));
  }
}
