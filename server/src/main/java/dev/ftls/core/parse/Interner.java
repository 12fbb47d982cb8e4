package dev.ftls.core.parse;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One copy of equal strings for what the process keeps of its header reads ({@link HeaderFacts},
 * whose strings the {@link Preamble preambles} keep): {@link String#intern}'s job without its
 * native table, which each call entered through the VM (preambles interned every macro of every
 * file: a twentieth of {@code ftls check}'s CPU on CPython's modules). Bounded: past {@link #MAX}
 * strings it starts again, which costs sharing, never correctness.
 */
final class Interner {
  private Interner() {}

  /** Strings kept at most. */
  static final int MAX = 200_000;

  private static final ConcurrentHashMap<String, String> KEPT = new ConcurrentHashMap<>();

  /** The kept string equal to {@code s}: {@code s} itself when none was kept before. */
  static String of(String s) {
    String kept = KEPT.get(s);
    if (kept != null) {
      return kept;
    }
    if (KEPT.size() >= MAX) {
      KEPT.clear();
    }
    kept = KEPT.putIfAbsent(s, s);
    return kept != null ? kept : s;
  }

  /** How many strings are kept (for tests). */
  static int size() {
    return KEPT.size();
  }
}
