package dev.ftls.core.source;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Searches of a whole file for a name, and for a pattern whose every match contains the name at the
 * start of a word: Java's regular expressions try a match at every character of the text (a file
 * of 600,000 characters takes a tenth of a second with a {@code \b} in front), where
 * {@link String#indexOf} finds a name's few places at once. A pattern is tried only around the
 * places where the name starts a word: from {@link #REACH} characters before the first of a run of
 * places to {@code REACH} characters after the last, with the rest of the text visible to its
 * look-arounds, {@code \b} and {@code ^}; a match found there is then taken as the whole text
 * would give it at that start. A match that reaches farther than {@code REACH} characters from the
 * name on either side is not found: the patterns here match a few C tokens.
 */
public final class WordSearch {
  private WordSearch() {}

  /** How far a match may reach before or after the name it contains (characters). */
  public static final int REACH = 512;

  /** Whether {@code word} occurs in {@code text} as a whole word (as {@code \bword\b} would find it). */
  public static boolean containsWord(String text, String word) {
    for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      if (!wordChar(text, at - 1) && !wordChar(text, at + word.length())) {
        return true;
      }
    }
    return false;
  }

  /** A word character of regular expressions' {@code \b} (letters, digits, underscore). */
  private static boolean wordChar(String text, int at) {
    if (at < 0 || at >= text.length()) {
      return false;
    }
    char c = text.charAt(at);
    return c == '_' || Character.isLetterOrDigit(c);
  }

  /**
   * The first match of {@code pattern} in {@code text}, whose every match contains {@code name} at
   * the start of a word (null when there is none): {@code pattern.matcher(text).find()} for matches within
   * {@link #REACH} of the name.
   */
  public static MatchResult first(Pattern pattern, String text, String name) {
    Matcher m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    return next(m, text, name, 0);
  }

  /** Whether {@code pattern}, whose every match contains {@code name}, matches in {@code text} ({@link #first}). */
  public static boolean finds(Pattern pattern, String text, String name) {
    return first(pattern, text, name) != null;
  }

  /** Every match of {@code pattern} in {@code text} in order, as {@code while (m.find())} gives them ({@link #first}). */
  public static List<MatchResult> all(Pattern pattern, String text, String name) {
    List<MatchResult> out = new ArrayList<>();
    Matcher m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    int from = 0;
    MatchResult r;
    while (from <= text.length() && (r = next(m, text, name, from)) != null) {
      out.add(r);
      from = r.end() > r.start() ? r.end() : r.end() + 1;
    }
    return out;
  }

  /**
   * Every match of {@code pattern} in {@code text} in order, as {@link #all} gives them, for a
   * pattern whose every match starts at one of the characters {@code starts} that only blanks
   * ({@code \s}) separate from a place of {@code name} ({@code [;{}]\s*self\s*=...}): the pattern
   * is tried at those characters alone, not at every character around the name's places.
   */
  public static List<MatchResult> allAfter(Pattern pattern, String text, String name, String starts) {
    if (name.isEmpty()) {
      return all(pattern, text, name); // no places to start from
    }
    List<MatchResult> out = new ArrayList<>();
    Matcher m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    int from = 0;
    for (int at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      int s = at - 1;
      while (s >= 0 && " \t\n\u000B\f\r".indexOf(text.charAt(s)) >= 0) { // the blanks of \s
        s--;
      }
      if (s < from || starts.indexOf(text.charAt(s)) < 0) {
        continue;
      }
      m.region(s, text.length());
      if (m.lookingAt()) {
        out.add(m.toMatchResult());
        from = m.end();
      }
    }
    return out;
  }

  /** The first place at or after {@code from} where {@code name} starts a word, or -1. */
  private static int place(String text, String name, int from) {
    int at = text.indexOf(name, from);
    while (at >= 0 && wordChar(text, at - 1)) {
      at = text.indexOf(name, at + 1);
    }
    return at;
  }

  /** The first match starting at or after {@code from}, or null. */
  private static MatchResult next(Matcher m, String text, String name, int from) {
    if (name.isEmpty()) {
      m.region(from, text.length());
      return m.find() ? m.toMatchResult() : null;
    }
    int at = place(text, name, from);
    while (at >= 0) {
      int start = Math.max(from, at - REACH);
      int end = Math.min(text.length(), at + name.length() + REACH);
      int later = place(text, name, at + 1);
      while (later >= 0 && later <= end) { // one run of places: one search
        end = Math.min(text.length(), later + name.length() + REACH);
        later = place(text, name, later + 1);
      }
      m.region(start, end);
      if (m.find()) {
        int s = m.start();
        m.region(s, text.length()); // as the whole text matches from there
        if (m.lookingAt()) {
          return m.toMatchResult();
        }
      }
      at = later;
    }
    return null;
  }
}
