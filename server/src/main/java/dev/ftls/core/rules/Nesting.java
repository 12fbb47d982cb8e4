package dev.ftls.core.rules;

/**
 * How deeply a text's brackets nest: parentheses, square brackets and braces together, outside
 * comments and literals. CDT's parser needs stack and time that grow with the depth (the time
 * faster than linearly for parentheses), so files nested far beyond what people write are refused
 * up front with the depth, instead of running into the stack or the time budget.
 */
final class Nesting {
  /**
   * The deepest nesting analyzed: ten times what the fuzzed inputs that used to crash the parser
   * had, and far above compilers' defaults (clang stops at 256 brackets).
   */
  static final int MAX_DEPTH = 10_000;

  private Nesting() {}

  /** The maximum depth of brackets in {@code text}. */
  static int depth(String text) {
    int depth = 0;
    int max = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '(', '[', '{' -> max = Math.max(max, ++depth);
        case ')', ']', '}' -> depth = Math.max(0, depth - 1);
        case '"', '\'' -> i = endOfLiteral(text, i, c);
        case '/' -> i = endOfComment(text, i);
        default -> { }
      }
    }
    return max;
  }

  private static int endOfLiteral(String text, int start, char quote) {
    int i = start + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == quote || c == '\n') {
        return i;
      }
      i++;
    }
    return text.length();
  }

  private static int endOfComment(String text, int slash) {
    if (slash + 1 >= text.length()) {
      return slash;
    }
    char next = text.charAt(slash + 1);
    if (next == '/') {
      int end = text.indexOf('\n', slash);
      return end < 0 ? text.length() : end;
    }
    if (next == '*') {
      int end = text.indexOf("*/", slash + 2);
      return end < 0 ? text.length() : end + 1;
    }
    return slash;
  }
}
