package dev.ftls.cli;

import java.util.TreeMap;

/**
 * The name of the function whose body holds an offset of a C text, read from the text alone
 * (braces, comments, strings, preprocessor lines): for a baseline, which must match a finding
 * again after the lines above it moved, without the parse. Outside any function body the name
 * is empty. A body is a top-level brace block whose header has a parenthesis; the name is the
 * identifier before the header's parameter list.
 */
final class FunctionNames {
  /** Start offset of each top-level function body to its name ("" after the body ends). */
  private final TreeMap<Integer, String> spans = new TreeMap<>();

  FunctionNames(String text) {
    int depth = 0;
    int headerStart = 0;
    int n = text.length();
    boolean lineStart = true;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (lineStart && c == '#') {
        i = endOfDirective(text, i) - 1; // the newline is read next
        headerStart = depth == 0 ? i + 1 : headerStart;
        continue;
      }
      if (c == '\n') {
        lineStart = true;
        continue;
      }
      if (!Character.isWhitespace(c)) {
        lineStart = false;
      }
      if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
        i = lineEnd(text, i) - 1;
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int close = text.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 1;
      } else if (c == '"' || c == '\'') {
        i = endOfLiteral(text, i, c);
      } else if (c == '{') {
        if (depth == 0) {
          spans.put(i, nameOf(text.substring(headerStart, i)));
        }
        depth++;
      } else if (c == '}') {
        depth = Math.max(0, depth - 1);
        if (depth == 0) {
          spans.put(i + 1, "");
          headerStart = i + 1;
        }
      } else if (c == ';' && depth == 0) {
        headerStart = i + 1;
      }
    }
  }

  /** The function around {@code offset}, or "" outside every function body. */
  String at(int offset) {
    var e = spans.floorEntry(offset);
    return e == null ? "" : e.getValue();
  }

  /**
   * The identifier before the header's last top-level parenthesised group (the parameters, also
   * after a macro such as {@code Py_LOCAL_INLINE(int) name(...)}); "" when there is none.
   */
  private static String nameOf(String header) {
    String h = header.replaceAll("(?s)/\\*.*?\\*/|//[^\n]*", " ");
    int close = h.lastIndexOf(')');
    if (close < 0) {
      return "";
    }
    int depth = 0;
    int open = -1;
    for (int j = close; j >= 0; j--) {
      char c = h.charAt(j);
      if (c == ')') {
        depth++;
      } else if (c == '(' && --depth == 0) {
        open = j;
        break;
      }
    }
    int end = open;
    while (end > 0 && Character.isWhitespace(h.charAt(end - 1))) {
      end--;
    }
    int start = end;
    while (start > 0 && (Character.isLetterOrDigit(h.charAt(start - 1)) || h.charAt(start - 1) == '_')) {
      start--;
    }
    return end <= 0 ? "" : h.substring(start, end);
  }

  private static int lineEnd(String text, int i) {
    int nl = text.indexOf('\n', i);
    return nl < 0 ? text.length() : nl;
  }

  /** The end of a preprocessor line, following backslash continuations (the offset of its newline). */
  private static int endOfDirective(String text, int i) {
    int end = lineEnd(text, i);
    while (end < text.length() && end > 0 && (text.charAt(end - 1) == '\\'
        || (text.charAt(end - 1) == '\r' && end > 1 && text.charAt(end - 2) == '\\'))) {
      end = lineEnd(text, end + 1);
    }
    return end;
  }

  private static int endOfLiteral(String text, int i, char quote) {
    for (int j = i + 1; j < text.length(); j++) {
      char c = text.charAt(j);
      if (c == '\\') {
        j++;
      } else if (c == quote || c == '\n') {
        return j;
      }
    }
    return text.length();
  }
}
