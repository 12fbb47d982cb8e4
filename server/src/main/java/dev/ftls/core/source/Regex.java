package dev.ftls.core.source;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Compiled regular expressions shared by every analysis of the process. {@link String#matches},
 * {@link String#replaceAll} and {@link String#split} compile their expression again at every call,
 * and a pattern made from a name ({@code local\s*=}) is compiled again for each function: on an
 * edit of a 16,000-line file that was thousands of compilations. A pattern is immutable and safe
 * to share between threads; at most {@link #MAX} are kept (all are dropped when a new one would
 * exceed it), so patterns made from the names of many files cannot grow without bound.
 */
public final class Regex {
  private Regex() {}

  static final int MAX = 4096;

  private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

  /** The compiled form of {@code regex}, as {@link Pattern#compile(String)} makes it. */
  public static Pattern of(String regex) {
    Pattern p = COMPILED.get(regex);
    if (p == null) {
      if (COMPILED.size() >= MAX) {
        COMPILED.clear();
      }
      p = Pattern.compile(regex);
      COMPILED.put(regex, p);
    }
    return p;
  }

  /** {@code text.matches(regex)}, with the compiled pattern kept. */
  public static boolean matches(String regex, CharSequence text) {
    return of(regex).matcher(text).matches();
  }

  /** {@code text.replaceAll(regex, replacement)}, with the compiled pattern kept. */
  public static String replaceAll(String text, String regex, String replacement) {
    return of(regex).matcher(text).replaceAll(replacement);
  }
}
