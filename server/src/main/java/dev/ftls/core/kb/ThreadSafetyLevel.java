package dev.ftls.core.kb;

import java.util.Locale;

/**
 * The thread-safety levels CPython documents for the free-threaded build (threadsafety.dat), each
 * with a one-line meaning in ftls' words.
 */
public enum ThreadSafetyLevel {
  INCOMPATIBLE("unsafe without the GIL, even when the caller adds its own locking"),
  COMPATIBLE("safe only when the caller serializes every access to the object with its own lock"),
  DISTINCT("safe from many threads at once on different objects; the same object needs a lock"),
  SHARED("safe from many threads at once, even on the same object"),
  ATOMIC("happens as one indivisible step; safe from any thread at any time");

  private final String meaning;

  ThreadSafetyLevel(String meaning) {
    this.meaning = meaning;
  }

  /** The level as written in threadsafety.dat ("compatible"). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String meaning() {
    return meaning;
  }

  /** The level for a threadsafety.dat word, null when it is not one. */
  public static ThreadSafetyLevel parse(String label) {
    if (label == null) {
      return null;
    }
    for (ThreadSafetyLevel level : values()) {
      if (level.label().equals(label)) {
        return level;
      }
    }
    return null;
  }
}
