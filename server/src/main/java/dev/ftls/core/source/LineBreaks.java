package dev.ftls.core.source;

/**
 * What ends a line in source text: LF, CRLF, or a CR alone (old Mac files), as C compilers and the
 * LSP specification count them. The one definition that {@link LineIndex} (positions shown to
 * editors) and the fixes' line helpers share, so a fix edits the lines the editor shows.
 */
public final class LineBreaks {
  private LineBreaks() {}

  /** Whether a line break starts at {@code i} (the CR of a CRLF, a lone CR, or an LF). */
  public static boolean startsAt(CharSequence t, int i) {
    if (i < 0 || i >= t.length()) {
      return false;
    }
    char c = t.charAt(i);
    return c == '\n' || c == '\r';
  }

  /** Length of the line break that starts at {@code i}: 2 for CRLF, 1 for CR or LF, 0 for none. */
  public static int length(CharSequence t, int i) {
    if (!startsAt(t, i)) {
      return 0;
    }
    return t.charAt(i) == '\r' && i + 1 < t.length() && t.charAt(i + 1) == '\n' ? 2 : 1;
  }

  /** Whether a line starts at {@code i}: right after a line break (never between the CR and LF of a CRLF). */
  public static boolean lineStartsAt(CharSequence t, int i) {
    if (i <= 0 || i > t.length()) {
      return i == 0;
    }
    char before = t.charAt(i - 1);
    return before == '\n' || (before == '\r' && (i == t.length() || t.charAt(i) != '\n'));
  }

  /** Offset of the first line break at or after {@code from}, or -1. */
  public static int next(CharSequence t, int from) {
    for (int i = Math.max(0, from); i < t.length(); i++) {
      if (startsAt(t, i)) {
        return i;
      }
    }
    return -1;
  }

  /** Offset of the start of the line that contains {@code offset}. */
  public static int lineStart(CharSequence t, int offset) {
    int i = Math.max(0, Math.min(offset, t.length()));
    while (i > 0 && !lineStartsAt(t, i)) {
      i--;
    }
    return i;
  }

  /** Offset just past the line break of the line that contains {@code offset} (or the text's end). */
  public static int nextLineStart(CharSequence t, int offset) {
    int i = next(t, Math.min(offset, t.length()));
    return i < 0 ? t.length() : i + length(t, i);
  }

  /** Whether the text ends with a line break. */
  public static boolean endsWithBreak(CharSequence t) {
    return t.length() > 0 && startsAt(t, t.length() - 1);
  }

  /**
   * The line break the text uses, for lines a fix inserts: CRLF when it has any, else its first
   * line break (CR or LF), else LF.
   */
  public static String of(CharSequence t) {
    Last last = lastOf;
    if (last != null && last.text == t) {
      return last.style; // rules and fixes ask again and again about the same text
    }
    String style = scan(t);
    lastOf = new Last(t, style);
    return style;
  }

  /** The text last asked about and its answer (identity: the same String object). */
  private record Last(CharSequence text, String style) {}

  private static volatile Last lastOf;

  private static String scan(CharSequence t) {
    int first = -1;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '\r' && i + 1 < t.length() && t.charAt(i + 1) == '\n') {
        return "\r\n";
      }
      if (first < 0 && (c == '\r' || c == '\n')) {
        first = i;
      }
    }
    return first >= 0 && t.charAt(first) == '\r' ? "\r" : "\n";
  }
}
