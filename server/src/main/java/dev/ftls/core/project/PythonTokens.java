package dev.ftls.core.project;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Python source text (and meson.build, whose tokens are a subset) into the tokens a reader
 * of literal values needs: names, numbers, strings (every prefix, triple quotes, escapes decoded),
 * operators, and the ends of logical lines. Comments and backslash line continuations are dropped;
 * newlines inside brackets do not end a line. Nothing is ever run.
 */
final class PythonTokens {
  enum Kind { NAME, NUMBER, STRING, OP, NEWLINE, END }

  /**
   * One token.
   *
   * @param text the token as written
   * @param value for a string, its decoded value; null for an f-string (not a literal)
   * @param line its line, counting from 1
   */
  record Token(Kind kind, String text, String value, int line) {
    boolean is(String op) {
      return (kind == Kind.OP || kind == Kind.NAME) && text.equals(op);
    }
  }

  private static final String[] OPS = {
    "**=", "//=", ">>=", "<<=", "...", "**", "//", "==", "!=", "<=", ">=", "->", "+=", "-=", "*=",
    "/=", "%=", "&=", "|=", "^=", "@=", ":=", "<<", ">>"};

  private final String s;
  private int i;
  private int line = 1;
  private int depth;
  private final List<Token> out = new ArrayList<>();

  private PythonTokens(String s) {
    this.s = s;
  }

  static List<Token> of(String text) {
    PythonTokens t = new PythonTokens(text);
    t.run();
    return t.out;
  }

  private void run() {
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\n') {
        if (depth == 0 && !out.isEmpty() && out.get(out.size() - 1).kind != Kind.NEWLINE) {
          out.add(new Token(Kind.NEWLINE, "\n", null, line));
        }
        line++;
        i++;
      } else if (c == '\\' && i + 1 < n && (s.charAt(i + 1) == '\n' || s.charAt(i + 1) == '\r')) {
        i++; // a continuation: the newline that follows does not end the line
        if (s.charAt(i) == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') {
          i++;
        }
        line++;
        i++;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '#') {
        while (i < n && s.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '"' || c == '\'') {
        string(i, "");
      } else if (Character.isJavaIdentifierStart(c)) {
        int start = i;
        while (i < n && Character.isJavaIdentifierPart(s.charAt(i))) {
          i++;
        }
        String word = s.substring(start, i);
        if (i < n && (s.charAt(i) == '"' || s.charAt(i) == '\'') && isStringPrefix(word)) {
          string(start, word.toLowerCase(java.util.Locale.ROOT));
        } else {
          out.add(new Token(Kind.NAME, word, null, line));
        }
      } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1))) {
        number();
      } else {
        op();
      }
    }
    out.add(new Token(Kind.END, "", null, line));
  }

  private static boolean isStringPrefix(String w) {
    return w.length() <= 2 && w.toLowerCase(java.util.Locale.ROOT).matches("[rbuf]|rb|br|fr|rf");
  }

  /** A string literal whose prefix starts at {@code start}; {@link #i} is at its opening quote. */
  private void string(int start, String prefix) {
    int firstLine = line;
    char q = s.charAt(i);
    boolean triple = s.startsWith(String.valueOf(q).repeat(3), i);
    boolean raw = prefix.contains("r");
    i += triple ? 3 : 1;
    StringBuilder value = new StringBuilder();
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (triple ? s.startsWith(String.valueOf(q).repeat(3), i) : c == q) {
        i += triple ? 3 : 1;
        break;
      }
      if (c == '\n') {
        line++;
        if (!triple) {
          break; // an unterminated string ends at the line's end
        }
      }
      if (c == '\\' && i + 1 < n) {
        char d = s.charAt(i + 1);
        i += 2;
        if (d == '\n') {
          line++;
          if (raw) {
            value.append('\\').append(d);
          }
        } else if (raw) {
          value.append('\\').append(d);
        } else {
          value.append(switch (d) {
            case 'n' -> "\n";
            case 't' -> "\t";
            case 'r' -> "\r";
            case '0' -> "\0";
            case '\\', '\'', '"' -> String.valueOf(d);
            default -> "\\" + d;
          });
        }
        continue;
      }
      value.append(c);
      i++;
    }
    String text = s.substring(start, Math.min(i, n));
    out.add(new Token(Kind.STRING, text, prefix.contains("f") ? null : value.toString(), firstLine));
  }

  private void number() {
    int start = i;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      boolean exponentSign = (c == '+' || c == '-') && i > start
          && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E') && !s.substring(start, i).toLowerCase().startsWith("0x");
      if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || exponentSign) {
        i++;
      } else {
        break;
      }
    }
    out.add(new Token(Kind.NUMBER, s.substring(start, i), null, line));
  }

  private void op() {
    for (String op : OPS) {
      if (s.startsWith(op, i)) {
        out.add(new Token(Kind.OP, op, null, line));
        i += op.length();
        return;
      }
    }
    char c = s.charAt(i);
    if (c == '(' || c == '[' || c == '{') {
      depth++;
    } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
      depth--;
    }
    out.add(new Token(Kind.OP, String.valueOf(c), null, line));
    i++;
  }
}
