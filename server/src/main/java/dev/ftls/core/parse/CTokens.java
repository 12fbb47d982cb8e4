package dev.ftls.core.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * A rough C tokenizer for a piece of source the parser could not read: identifiers, literals and
 * punctuation, with comments and preprocessor lines left out. Enough to see the shape of a
 * declaration; not a preprocessor.
 */
final class CTokens {
  private CTokens() {}

  enum Kind { IDENT, LITERAL, PUNCT }

  record Token(Kind kind, String text) {
    boolean is(String s) {
      return text.equals(s);
    }

    boolean ident() {
      return kind == Kind.IDENT;
    }
  }

  static List<Token> of(String text) {
    List<Token> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    boolean lineStart = true;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\n') {
        lineStart = true;
        i++;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '#' && lineStart) {
        i = endOfDirective(text, i);
      } else if (text.startsWith("//", i)) {
        int e = text.indexOf('\n', i);
        i = e < 0 ? n : e;
      } else if (text.startsWith("/*", i)) {
        int e = text.indexOf("*/", i + 2);
        i = e < 0 ? n : e + 2;
      } else {
        lineStart = false;
        int s = i;
        if (Character.isJavaIdentifierStart(c) && c != '$') {
          while (i < n && Character.isJavaIdentifierPart(text.charAt(i)) && text.charAt(i) != '$') {
            i++;
          }
          out.add(new Token(Kind.IDENT, text.substring(s, i)));
        } else if (Character.isDigit(c)) {
          while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '.')) {
            i++;
          }
          out.add(new Token(Kind.LITERAL, text.substring(s, i)));
        } else if (c == '"' || c == '\'') {
          i++;
          while (i < n && text.charAt(i) != c && text.charAt(i) != '\n') {
            i += text.charAt(i) == '\\' ? 2 : 1;
          }
          i = Math.min(n, i + 1);
          out.add(new Token(Kind.LITERAL, text.substring(s, i)));
        } else if (text.startsWith("::", i) || text.startsWith("->", i)) {
          i += 2;
          out.add(new Token(Kind.PUNCT, text.substring(s, i)));
        } else {
          i++;
          out.add(new Token(Kind.PUNCT, String.valueOf(c)));
        }
      }
    }
    return out;
  }

  private static int endOfDirective(String text, int from) {
    int i = from;
    while (true) {
      int e = text.indexOf('\n', i);
      if (e < 0) {
        return text.length();
      }
      int back = e - 1;
      if (back >= 0 && text.charAt(back) == '\r') {
        back--;
      }
      if (back < 0 || text.charAt(back) != '\\') {
        return e;
      }
      i = e + 1;
    }
  }
}
