package dev.ftls.core.parse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The include guard that encloses a whole header: NAME when, comments and blank lines aside, the
 * header's first directive is {@code #ifndef NAME} (or {@code #if !defined(NAME)}), no
 * {@code #else} or {@code #elif} belongs to it, and its {@code #endif} ends the file. With NAME
 * defined such a header yields nothing, so a read that already has NAME defined may skip it. When
 * anything is unclear (text outside the guard, unbalanced conditionals, an unterminated comment)
 * there is none.
 */
final class WholeFileGuard {
  private WholeFileGuard() {}

  private static final Pattern FIRST = Pattern.compile(
      "#\\s*(?:ifndef\\s+(\\w+)|if\\s*!\\s*defined\\s*(?:\\(\\s*(\\w+)\\s*\\)|\\s(\\w+)))\\s*");
  private static final Pattern DIRECTIVE = Pattern.compile("#\\s*(\\w+).*", Pattern.DOTALL);

  /** The guard's name, or null. */
  static String of(char[] text) {
    String guard = null;
    int depth = 0;
    boolean closed = false;
    boolean inComment = false;
    int i = 0;
    int n = text.length;
    StringBuilder line = new StringBuilder(); // reused for every line: most are code, read once
    StringBuilder code = new StringBuilder();
    while (i < n) {
      // one logical line: backslash-newlines join physical lines
      line.setLength(0);
      while (i < n) {
        char c = text[i];
        if (c == '\\' && i + 1 < n && text[i + 1] == '\n') {
          i += 2;
        } else if (c == '\\' && i + 2 < n && text[i + 1] == '\r' && text[i + 2] == '\n') {
          i += 3;
        } else if (c == '\n') {
          i++;
          break;
        } else {
          line.append(c);
          i++;
        }
      }
      code.setLength(0);
      inComment = stripComments(line, inComment, code);
      int first = 0;
      int last = code.length() - 1;
      while (first <= last && Character.isWhitespace(code.charAt(first))) {
        first++;
      }
      if (first > last) {
        continue;
      }
      if (closed) {
        return null; // something after the guard's #endif
      }
      if (code.charAt(first) != '#') {
        if (guard == null) {
          return null; // code before any directive
        }
        continue; // code or text inside the guard
      }
      while (Character.isWhitespace(code.charAt(last))) {
        last--;
      }
      String s = code.substring(first, last + 1);
      if (guard == null) {
        Matcher m = FIRST.matcher(s);
        if (!m.matches()) {
          return null;
        }
        guard = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
        depth = 1;
        continue;
      }
      Matcher d = DIRECTIVE.matcher(s);
      if (!d.matches()) {
        continue; // not a directive after all ('#' alone)
      }
      String word = d.group(1);
      if (word.startsWith("if")) {
        depth++;
      } else if (word.equals("endif")) {
        depth--;
        closed = depth == 0;
      } else if ((word.startsWith("el")) && depth == 1) {
        return null; // an #else or #elif of the guard itself: something is read when NAME is defined
      }
    }
    return closed && !inComment ? guard : null;
  }

  /**
   * Appends the line without its comments to {@code out} (a comment counts as a space); string and
   * character literals are kept whole. Returns whether a block comment is still open at its end.
   */
  private static boolean stripComments(CharSequence line, boolean inComment, StringBuilder out) {
    int n = line.length();
    int i = 0;
    while (i < n) {
      char c = line.charAt(i);
      if (inComment) {
        if (c == '*' && i + 1 < n && line.charAt(i + 1) == '/') {
          inComment = false;
          out.append(' ');
          i += 2;
        } else {
          i++;
        }
      } else if (c == '/' && i + 1 < n && line.charAt(i + 1) == '*') {
        inComment = true;
        i += 2;
      } else if (c == '/' && i + 1 < n && line.charAt(i + 1) == '/') {
        break;
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < n && line.charAt(j) != c) {
          j += line.charAt(j) == '\\' ? 2 : 1;
        }
        out.append(line, i, Math.min(j + 1, n));
        i = j + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return inComment;
  }
}
