package dev.ftls.core.parse;

import java.util.HashSet;
import java.util.Set;

/**
 * The words of a header's conditionals, of its macros' replacements and of its computed includes
 * ({@code #include MACRO}), and the header names its {@code __has_include} tests ask for, read off
 * its text once (a read of the headers collects them
 * for {@link HeaderFacts#mentioned} and {@link HeaderFacts#lookedUp}). Read from the text, not
 * from what CDT recorded of one read: the same header read after thirty beginnings was asked for
 * the text of each of its conditionals thirty times, and CDT finds each one's place in its files
 * to answer. A directive the preprocessor skipped (in a branch not taken) counts as well: a word
 * too many only makes a layer or a preamble be kept for fewer build features. Comments, string and
 * character literals are not read for directives (a {@code #} in them starts none); a directive's
 * comments do not count.
 */
final class DirectiveWords {
  private DirectiveWords() {}

  /** The words and the header names asked for. */
  record Words(Set<String> words, Set<String> asked) {}

  static Words of(char[] text) {
    Set<String> words = new HashSet<>();
    Set<String> asked = new HashSet<>();
    StringBuilder directive = new StringBuilder();
    int n = text.length;
    boolean lineStart = true; // only space and comments since the line began
    boolean inComment = false;
    int i = 0;
    while (i < n) {
      char c = text[i];
      if (inComment) {
        if (c == '*' && i + 1 < n && text[i + 1] == '/') {
          inComment = false;
          i += 2;
        } else {
          i++;
        }
      } else if (c == '\n') {
        lineStart = true;
        i++;
      } else if (c == '/' && i + 1 < n && text[i + 1] == '*') {
        inComment = true;
        i += 2;
      } else if (c == '/' && i + 1 < n && text[i + 1] == '/') {
        i = lineEnd(text, i); // a line comment, continued by backslash-newlines
      } else if (c == '"' || c == '\'') {
        i = literalEnd(text, i);
        lineStart = false;
      } else if (c == '#' && lineStart) {
        directive.setLength(0);
        i = directive(text, i + 1, directive);
        take(directive, words, asked);
        lineStart = true;
      } else if (c == '\\' && i + 1 < n && (text[i + 1] == '\n' || text[i + 1] == '\r')) {
        i += text[i + 1] == '\r' && i + 2 < n && text[i + 2] == '\n' ? 3 : 2; // a line continued
      } else {
        if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != 0x0b) {
          lineStart = false;
        }
        i++;
      }
    }
    return new Words(Set.copyOf(words), Set.copyOf(asked));
  }

  /** Where a line comment starting at {@code from} ends: at its line end (not counting continued lines). */
  private static int lineEnd(char[] text, int from) {
    int i = from;
    while (i < text.length && text[i] != '\n') {
      if (text[i] == '\\' && i + 1 < text.length && (text[i + 1] == '\n' || text[i + 1] == '\r')) {
        i += text[i + 1] == '\r' && i + 2 < text.length && text[i + 2] == '\n' ? 3 : 2;
      } else {
        i++;
      }
    }
    return i;
  }

  /** Just after the literal opening at {@code from} (at its line end when it is not closed). */
  private static int literalEnd(char[] text, int from) {
    char quote = text[from];
    int i = from + 1;
    while (i < text.length && text[i] != quote && text[i] != '\n') {
      i += text[i] == '\\' && i + 1 < text.length ? 2 : 1;
    }
    return i < text.length && text[i] == quote ? i + 1 : i;
  }

  /**
   * Appends a directive's text after its {@code #} to {@code out}, continued lines joined and
   * comments as one space; returns where its line ends.
   */
  private static int directive(char[] text, int from, StringBuilder out) {
    int n = text.length;
    int i = from;
    while (i < n && text[i] != '\n') {
      char c = text[i];
      if (c == '\\' && i + 1 < n && (text[i + 1] == '\n' || text[i + 1] == '\r')) {
        i += text[i + 1] == '\r' && i + 2 < n && text[i + 2] == '\n' ? 3 : 2;
      } else if (c == '/' && i + 1 < n && text[i + 1] == '*') {
        int close = i + 2;
        while (close < n && !(text[close] == '*' && close + 1 < n && text[close + 1] == '/')) {
          close++;
        }
        out.append(' ');
        i = Math.min(n, close + 2); // a comment in a directive may span lines: the directive goes on after it
      } else if (c == '/' && i + 1 < n && text[i + 1] == '/') {
        return lineEnd(text, i);
      } else if (c == '"' || c == '\'') {
        int end = literalEnd(text, i);
        out.append(text, i, end - i);
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return i;
  }

  /** Adds the words of a conditional's condition or of a definition's replacement. */
  private static void take(CharSequence directive, Set<String> words, Set<String> asked) {
    int nameStart = skipSpace(directive, 0);
    int nameEnd = wordEnd(directive, nameStart);
    String name = directive.subSequence(nameStart, nameEnd).toString();
    int from;
    if (name.startsWith("if") || name.startsWith("elif")) {
      from = nameEnd;
    } else if (name.equals("define")) {
      from = wordEnd(directive, skipSpace(directive, nameEnd));
      if (from < directive.length() && directive.charAt(from) == '(') {
        int close = from;
        while (close < directive.length() && directive.charAt(close) != ')') {
          close++;
        }
        from = Math.min(directive.length(), close + 1); // the parameters
      }
    } else if (name.equals("include") || name.equals("include_next") || name.equals("import")) {
      from = skipSpace(directive, nameEnd);
      if (from >= directive.length() || directive.charAt(from) == '<' || directive.charAt(from) == '"') {
        return;
      }
      // a computed include: the header it reads depends on the macros it names
    } else {
      return;
    }
    String rest = directive.subSequence(from, directive.length()).toString();
    MacroReach.words(rest, words);
    HeaderFacts.asksFor(rest, asked);
  }

  private static int skipSpace(CharSequence s, int from) {
    int i = from;
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\r' || s.charAt(i) == '\f'
        || s.charAt(i) == 0x0b)) {
      i++;
    }
    return i;
  }

  private static int wordEnd(CharSequence s, int from) {
    int i = from;
    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$')) {
      i++;
    }
    return i;
  }
}
