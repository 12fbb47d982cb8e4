package dev.ftls.core.parse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The preprocessor skeleton of a file: the directives that decide which headers are read
 * (#include and the conditionals around them, plus the #define/#undef lines before the last
 * #include). Edits to function bodies do not change it, so the headers' macros computed from it
 * can be reused from keystroke to keystroke, like clangd's preamble.
 */
final class Skeleton {
  private Skeleton() {}

  static String of(String text) {
    return of(text, text.length(), false);
  }

  /**
   * The directives of {@code text} before offset {@code end} (a line start) that shape what comes
   * after it: the includes, the conditionals, and every #define and #undef. A header included at
   * {@code end} is preprocessed after exactly these.
   */
  static String prefix(String text, int end) {
    return of(text, Math.min(end, text.length()), true);
  }

  /** What the directive scans ({@link #of} and {@link FeatureMacros}) read besides plain code. */
  private static boolean special(char c) {
    return c == '#' || c == '/' || c == '*' || c == '"' || c == '\'' || c == '\\' || c == '\n' || c == '\r';
  }

  /**
   * Whether {@code after} has the directives of {@code before} for {@link #of} and {@link
   * FeatureMacros}: true only when it can tell without reading them, that is when the two texts
   * differ in one stretch that, in both, holds none of the characters those scans look at ({@code
   * # / * " ' \} and line ends) and sits between two such plain characters (so that no comment,
   * string or directive begins or ends anew), on a line that has no {@code #} and does not continue
   * one before it. Typing in code is such a change; anything else is read again.
   */
  static boolean sameDirectives(String before, String after) {
    if (before.equals(after)) {
      return true;
    }
    int n = Math.min(before.length(), after.length());
    int from = 0;
    while (from < n && before.charAt(from) == after.charAt(from)) {
      from++;
    }
    int tail = 0;
    while (tail < n - from && before.charAt(before.length() - 1 - tail) == after.charAt(after.length() - 1 - tail)) {
      tail++;
    }
    // the changed stretches, and the character on each side but for a line end (no two-character
    // token, such as a comment's start or a backslash-newline, forms or breaks across the change)
    for (String t : new String[] {before, after}) {
      int to = t.length() - tail;
      for (int i = from; i < to; i++) {
        if (special(t.charAt(i))) {
          return false;
        }
      }
      for (int i : new int[] {from - 1, to}) {
        if (i >= 0 && i < t.length() && t.charAt(i) != '\n' && t.charAt(i) != '\r' && special(t.charAt(i))) {
          return false;
        }
      }
    }
    // the line the change is on: no directive in it, not the continuation of one
    int start = from;
    while (start > 0 && after.charAt(start - 1) != '\n' && after.charAt(start - 1) != '\r') {
      start--;
    }
    if (start >= 2 && (after.charAt(start - 2) == '\\'
        || start >= 3 && after.charAt(start - 2) == '\r' && after.charAt(start - 3) == '\\')) {
      return false;
    }
    for (int i = start; i < after.length() && after.charAt(i) != '\n' && after.charAt(i) != '\r'; i++) {
      if (after.charAt(i) == '#') {
        return false;
      }
    }
    return true;
  }

  /**
   * The include guard of a header: NAME when its first directive is {@code #ifndef NAME} (or
   * {@code #if !defined(NAME)}) and the next one {@code #define NAME}; else null.
   */
  static String guard(String text) {
    Matcher m = GUARD.matcher(lineFeeds(text));
    return m.lookingAt() && m.group(1) != null && m.group(1).equals(m.group(2)) ? m.group(1) : null;
  }

  private static final String BLANK = "(?:\\s|//[^\\n]*|/\\*.*?\\*/)*";
  private static final Pattern GUARD = Pattern.compile(BLANK
      + "#[ \\t]*(?:ifndef[ \\t]+|if[ \\t]+![ \\t]*defined[ \\t]*\\(?[ \\t]*)(\\w+)[^\\n]*\\n"
      + BLANK + "#[ \\t]*define[ \\t]+(\\w+)", Pattern.DOTALL);

  /**
   * The text with each lone CR (a line break of its own, as in old Mac files) made an LF: one
   * character for one, so offsets stay; a CRLF keeps its CR, which {@code strip()} drops.
   */
  private static String lineFeeds(String text) {
    if (text.indexOf('\r') < 0) {
      return text;
    }
    char[] c = text.toCharArray();
    for (int i = 0; i < c.length; i++) {
      if (c[i] == '\r' && (i + 1 == c.length || c[i + 1] != '\n')) {
        c[i] = '\n';
      }
    }
    return new String(c);
  }

  private static String of(String original, int n, boolean keepAllDefines) {
    String text = lineFeeds(original);
    StringBuilder kept = new StringBuilder();
    StringBuilder pendingDefines = new StringBuilder();
    int i = 0;
    boolean inBlockComment = false;
    while (i < n) {
      int lineEnd = text.indexOf('\n', i);
      if (lineEnd < 0 || lineEnd > n) {
        lineEnd = n;
      }
      // a directive may continue over several lines with backslashes
      int end = lineEnd;
      while (end < n && end > i && text.charAt(end - 1) == '\\') {
        int next = text.indexOf('\n', end + 1);
        end = next < 0 || next > n ? n : next;
      }
      int p = i;
      while (p < end && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
        p++;
      }
      if (!inBlockComment && p < end && text.charAt(p) == '#') {
        String directive = text.substring(p, end).replace("\\\n", " ").strip();
        String word = directiveWord(directive);
        switch (word) {
          case "include":
          case "include_next":
          case "import":
            kept.append(pendingDefines);
            pendingDefines.setLength(0);
            kept.append(directive).append('\n');
            break;
          case "if":
          case "ifdef":
          case "ifndef":
          case "elif":
          case "else":
          case "endif":
            kept.append(pendingDefines);
            pendingDefines.setLength(0);
            kept.append(stripComment(directive)).append('\n');
            break;
          case "define":
          case "undef":
            pendingDefines.append(directive).append('\n');
            break;
          default:
            break;
        }
        i = end + 1;
        continue;
      }
      inBlockComment = updateBlockComment(text, i, end, inBlockComment);
      i = end + 1;
    }
    if (keepAllDefines) {
      kept.append(pendingDefines);
    }
    return kept.toString();
  }

  private static String directiveWord(String directive) {
    int p = 1;
    while (p < directive.length() && Character.isWhitespace(directive.charAt(p))) {
      p++;
    }
    int s = p;
    while (p < directive.length() && Character.isLetter(directive.charAt(p)) || p < directive.length() && directive.charAt(p) == '_') {
      p++;
    }
    return directive.substring(s, p);
  }

  private static String stripComment(String directive) {
    int c = directive.indexOf("//");
    int b = directive.indexOf("/*");
    int cut = c < 0 ? b : (b < 0 ? c : Math.min(c, b));
    return cut < 0 ? directive : directive.substring(0, cut).strip();
  }

  private static boolean updateBlockComment(String text, int from, int to, boolean inside) {
    int i = from;
    boolean in = inside;
    while (i < to - 1) {
      char c = text.charAt(i);
      char d = text.charAt(i + 1);
      if (in) {
        if (c == '*' && d == '/') {
          in = false;
          i += 2;
          continue;
        }
      } else {
        if (c == '/' && d == '/') {
          return false;
        }
        if (c == '/' && d == '*') {
          in = true;
          i += 2;
          continue;
        }
        if (c == '"' || c == '\'') {
          int q = i + 1;
          while (q < to && text.charAt(q) != c) {
            q += text.charAt(q) == '\\' ? 2 : 1;
          }
          i = q + 1;
          continue;
        }
      }
      i++;
    }
    return in;
  }
}
