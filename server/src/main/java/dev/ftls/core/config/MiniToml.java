package dev.ftls.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small TOML reader, enough for pyproject.toml: tables, dotted and quoted keys, strings (basic,
 * literal, multi-line), numbers, booleans, arrays and inline tables. Dates are kept as text;
 * arrays of tables are skipped. Errors name the line.
 */
public final class MiniToml {
  private final String s;
  private int i;
  private int line = 1;
  /** How deep arrays and inline tables are nested where the reader is. */
  private int depth;
  /** Deeper nesting is refused (no pyproject.toml needs it; it would exhaust the stack). */
  private static final int MAX_DEPTH = 64;

  private MiniToml(String s) {
    this.s = s;
  }

  /** Parses a document into nested maps; throws IllegalArgumentException("line N: ...") on errors. */
  public static Map<String, Object> parse(String text) {
    return new MiniToml(text).document();
  }

  private Map<String, Object> document() {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> current = root;
    while (true) {
      skipBlankAndComments();
      if (i >= s.length()) {
        return root;
      }
      char c = s.charAt(i);
      if (c == '[') {
        boolean arrayOfTables = i + 1 < s.length() && s.charAt(i + 1) == '[';
        i += arrayOfTables ? 2 : 1;
        List<String> path = keyPath(']');
        expect(']');
        if (arrayOfTables) {
          expect(']');
          current = new LinkedHashMap<>(); // not needed by ftls: parsed, then dropped
        } else {
          current = table(root, path);
        }
        endOfLine();
      } else {
        List<String> path = keyPath('=');
        expect('=');
        skipSpaces();
        Object v = value();
        put(current, path, v);
        endOfLine();
      }
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> table(Map<String, Object> root, List<String> path) {
    Map<String, Object> t = root;
    for (String k : path) {
      Object next = t.computeIfAbsent(k, x -> new LinkedHashMap<String, Object>());
      if (!(next instanceof Map)) {
        throw error("'" + k + "' is already a value, not a table");
      }
      t = (Map<String, Object>) next;
    }
    return t;
  }

  @SuppressWarnings("unchecked")
  private void put(Map<String, Object> t, List<String> path, Object v) {
    Map<String, Object> m = t;
    for (int k = 0; k < path.size() - 1; k++) {
      Object next = m.computeIfAbsent(path.get(k), x -> new LinkedHashMap<String, Object>());
      if (!(next instanceof Map)) {
        throw error("'" + path.get(k) + "' is already a value, not a table");
      }
      m = (Map<String, Object>) next;
    }
    m.put(path.get(path.size() - 1), v);
  }

  private List<String> keyPath(char terminator) {
    List<String> path = new ArrayList<>();
    while (true) {
      skipSpaces();
      if (i >= s.length()) {
        throw error("unexpected end of file in a key");
      }
      char c = s.charAt(i);
      if (c == '"' || c == '\'') {
        path.add(string());
      } else {
        int st = i;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '-')) {
          i++;
        }
        if (st == i) {
          throw error("expected a key, found '" + c + "'");
        }
        path.add(s.substring(st, i));
      }
      skipSpaces();
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
        continue;
      }
      if (i < s.length() && s.charAt(i) == terminator) {
        return path;
      }
      throw error("expected '" + terminator + "' after the key");
    }
  }

  private Object value() {
    if (depth >= MAX_DEPTH) {
      throw error("arrays or tables nested more than " + MAX_DEPTH + " deep");
    }
    depth++;
    try {
      return scalarOrNested();
    } finally {
      depth--;
    }
  }

  private Object scalarOrNested() {
    if (i >= s.length()) {
      throw error("missing value");
    }
    char c = s.charAt(i);
    if (c == '"' || c == '\'') {
      return string();
    }
    if (c == '[') {
      i++;
      List<Object> out = new ArrayList<>();
      while (true) {
        skipBlankAndComments();
        if (i < s.length() && s.charAt(i) == ']') {
          i++;
          return out;
        }
        out.add(value());
        skipBlankAndComments();
        if (i < s.length() && s.charAt(i) == ',') {
          i++;
        } else if (i < s.length() && s.charAt(i) == ']') {
          i++;
          return out;
        } else {
          throw error("expected ',' or ']' in an array");
        }
      }
    }
    if (c == '{') {
      i++;
      Map<String, Object> t = new LinkedHashMap<>();
      skipSpaces();
      if (i < s.length() && s.charAt(i) == '}') {
        i++;
        return t;
      }
      while (true) {
        List<String> path = keyPath('=');
        expect('=');
        skipSpaces();
        put(t, path, value());
        skipSpaces();
        if (i < s.length() && s.charAt(i) == ',') {
          i++;
        } else if (i < s.length() && s.charAt(i) == '}') {
          i++;
          return t;
        } else {
          throw error("expected ',' or '}' in an inline table");
        }
      }
    }
    int st = i;
    while (i < s.length() && ",]}#\n\r \t".indexOf(s.charAt(i)) < 0) {
      i++;
    }
    // an offset date-time may hold one space between date and time
    if (i + 1 < s.length() && s.charAt(i) == ' ' && s.substring(st, i).matches("\\d{4}-\\d{2}-\\d{2}")
        && Character.isDigit(s.charAt(i + 1))) {
      i++;
      while (i < s.length() && ",]}#\n\r \t".indexOf(s.charAt(i)) < 0) {
        i++;
      }
    }
    String word = s.substring(st, i).strip();
    if (word.equals("true") || word.equals("false")) {
      return Boolean.valueOf(word);
    }
    if (word.isEmpty()) {
      throw error("missing value");
    }
    try {
      String num = word.replace("_", "");
      if (num.matches("[+-]?\\d+")) {
        return Long.parseLong(num);
      }
      if (num.matches("[+-]?(\\d+\\.?\\d*([eE][+-]?\\d+)?|inf|nan)")) {
        return Double.parseDouble(num.replace("inf", "Infinity").replace("nan", "NaN"));
      }
    } catch (NumberFormatException e) {
      // fall through: dates and other scalars stay text
    }
    return word;
  }

  private String string() {
    char q = s.charAt(i);
    boolean multi = s.startsWith(String.valueOf(q).repeat(3), i);
    i += multi ? 3 : 1;
    if (multi && i < s.length() && s.charAt(i) == '\n') {
      i++;
      line++;
    }
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (i >= s.length()) {
        throw error("unterminated string");
      }
      char c = s.charAt(i);
      if (multi ? s.startsWith(String.valueOf(q).repeat(3), i) : c == q) {
        i += multi ? 3 : 1;
        return sb.toString();
      }
      if (c == '\n') {
        if (!multi) {
          throw error("newline in a string");
        }
        line++;
      }
      if (c == '\\' && q == '"' && i + 1 < s.length()) {
        char e = s.charAt(++i);
        switch (e) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'r' -> sb.append('\r');
          case '"' -> sb.append('"');
          case '\\' -> sb.append('\\');
          case 'u', 'U' -> {
            int len = e == 'u' ? 4 : 8;
            if (i + len >= s.length()) {
              throw error("bad unicode escape");
            }
            sb.appendCodePoint(Integer.parseInt(s.substring(i + 1, i + 1 + len), 16));
            i += len;
          }
          case '\n' -> {
            line++;
            while (i + 1 < s.length() && Character.isWhitespace(s.charAt(i + 1))) {
              if (s.charAt(++i) == '\n') {
                line++;
              }
            }
          }
          default -> sb.append(e);
        }
        i++;
        continue;
      }
      sb.append(c);
      i++;
    }
  }

  private void skipSpaces() {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
  }

  private void skipBlankAndComments() {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\n') {
        line++;
        i++;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        i++;
      } else if (c == '#') {
        while (i < s.length() && s.charAt(i) != '\n') {
          i++;
        }
      } else {
        return;
      }
    }
  }

  private void endOfLine() {
    skipSpaces();
    if (i < s.length() && s.charAt(i) == '#') {
      while (i < s.length() && s.charAt(i) != '\n') {
        i++;
      }
    }
    if (i < s.length() && s.charAt(i) == '\r') {
      i++;
    }
    if (i < s.length() && s.charAt(i) != '\n') {
      throw error("unexpected text after a value");
    }
  }

  private void expect(char c) {
    skipSpaces();
    if (i >= s.length() || s.charAt(i) != c) {
      throw error("expected '" + c + "'");
    }
    i++;
  }

  private IllegalArgumentException error(String message) {
    return new IllegalArgumentException("line " + line + ": " + message);
  }
}
