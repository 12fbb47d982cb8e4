package dev.ftls.core.parse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The macros that a file's headers define, computed once by parsing the file's preprocessor
 * skeleton with the real headers, the names they declare, the includes not read, and the headers
 * that were read (with their modification times, so a changed header invalidates the preamble).
 */
final class Preamble {
  final Map<String, String> macros;
  final List<HeaderStamp> headers;
  final boolean pythonHeaderFound;
  /** Includes that named a file that was not read (not a regular file, too large) or none at all. */
  final List<SkippedInclude> skipped;
  /**
   * The names the headers declare (types, functions, variables): the file parse does not see
   * these declarations, and never assumes such a name to be an attribute macro ({@link Recovery}).
   * The header facts' set as it is (nobody changes it; most of it is a layer's, shared by every
   * file read after it).
   */
  final Set<String> declared;
  /** The build-feature macros assumed defined to 1 ({@link FeatureMacros}), sorted. */
  final List<String> assumed;
  final long buildNanos;
  /** The macros again, with what rules derive from them, kept as long as this preamble is. */
  final HeaderMacros headerMacros;

  record HeaderStamp(String path, long mtime) {}

  /** The names of most of the macros, sorted once for many preambles (a header layer's), or null. */
  private final MacroReach.SortedNames knownNames;

  Preamble(Map<String, String> macros, List<HeaderStamp> headers, boolean pythonHeaderFound,
      List<SkippedInclude> skipped, Set<String> declared, java.util.Collection<String> assumed, long buildNanos,
      MacroReach.SortedNames knownNames) {
    this.knownNames = knownNames;
    this.macros = Map.copyOf(macros); // its strings shared already, when the read made its facts
    this.headers = List.copyOf(headers);
    this.pythonHeaderFound = pythonHeaderFound;
    this.skipped = List.copyOf(skipped);
    this.declared = declared;
    this.assumed = List.copyOf(new java.util.TreeSet<>(assumed));
    this.buildNanos = buildNanos;
    this.headerMacros = new HeaderMacros(this.macros);
  }

  /** What {@link MacroReach} needs of the macros a file's parse predefines with this preamble. */
  private volatile MacroReach.Index reachIndex;

  /**
   * The reach index of {@code macros}, the macros a file's parse predefines with this preamble
   * (the same at every parse: the preamble's key has the flags and target), made at the first.
   */
  MacroReach.Index reachIndex(Map<String, String> macros) {
    MacroReach.Index index = reachIndex;
    if (index == null || !index.madeOf(macros)) {
      index = new MacroReach.Index(macros, knownNames);
      reachIndex = index;
    }
    return index;
  }

  /** Whether every header read is unchanged on disk. */
  boolean isFresh() {
    for (HeaderStamp h : headers) {
      if (mtime(h.path) != h.mtime) {
        return false;
      }
    }
    return true;
  }

  static long mtime(String path) {
    try {
      Path p = Paths.get(path);
      return Files.getLastModifiedTime(p).toMillis();
    } catch (Exception e) {
      return -1;
    }
  }
}
