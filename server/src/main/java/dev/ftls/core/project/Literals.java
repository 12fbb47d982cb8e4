package dev.ftls.core.project;

import dev.ftls.core.project.PythonTokens.Kind;
import dev.ftls.core.project.PythonTokens.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads literal values from Python (or meson) tokens: strings, numbers, True/False/None, lists,
 * tuples, dicts, names bound earlier to a literal, and {@code list + list}. Anything else (a call,
 * a comprehension, an attribute, an f-string) is an {@link Opaque} value that keeps its text, so
 * the caller can say what it skipped. A list keeps its literal items and marks the others opaque.
 */
final class Literals {
  /** Python's None. */
  static final Object NONE = new Object() {
    @Override
    public String toString() {
      return "None";
    }
  };

  /** A number as written. */
  record Num(String text) {}

  /** A value that is not a literal, with its source text (shortened) and line. */
  record Opaque(String text, int line) {}

  /** One argument of a call: its value and the line it starts on. */
  record Arg(Object value, int line) {}

  /**
   * The arguments of a call: positional ones, keyword ones, and {@code *x}/{@code **x} ones
   * (opaque, with their text).
   */
  record Call(int line, List<Arg> positional, Map<String, Arg> keywords, List<Opaque> unpacked) {
    Arg positional(int k) {
      return k < positional.size() ? positional.get(k) : null;
    }
  }

  private static final int MAX_DEPTH = 64;

  private final List<Token> tokens;
  /** The names bound so far to literal values by the assignments read. */
  private final Map<String, Object> names = new java.util.HashMap<>();
  int pos;
  private int depth;

  /** Reads the tokens of Python or meson source text. */
  Literals(String text) {
    this.tokens = PythonTokens.of(text);
  }

  Token peek() {
    return tokens.get(Math.min(pos, tokens.size() - 1));
  }

  Token peek(int ahead) {
    return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
  }

  Token next() {
    Token t = peek();
    if (pos < tokens.size() - 1) {
      pos++;
    }
    return t;
  }

  /**
   * One expression, up to a comma, a closing bracket or the end of the line at its own level: its
   * value, or an {@link Opaque} value for anything that is not a literal (then skipped whole).
   */
  Object expression() {
    int start = pos;
    Object v = operand();
    while (!(v instanceof Opaque) && peek().is("+")) {
      next();
      Object w = operand();
      v = v instanceof List<?> a && w instanceof List<?> b ? concat(a, b)
          : v instanceof String a && w instanceof String b ? a + b : new Opaque("", 0);
    }
    if (v instanceof Opaque || !atEnd()) {
      skipToEnd();
      return new Opaque(text(start, pos), tokens.get(start).line());
    }
    return v;
  }

  /**
   * The call whose name is the next token: reads its arguments up to the closing parenthesis.
   *
   * @param keywordSeparator "=" in Python, ":" in meson
   */
  Call call(String keywordSeparator) {
    int line = next().line();
    next(); // (
    List<Arg> positional = new ArrayList<>();
    Map<String, Arg> keywords = new LinkedHashMap<>();
    List<Opaque> unpacked = new ArrayList<>();
    while (!peek().is(")") && peek().kind() != Kind.END) {
      Token t = peek();
      if (t.is("*") || t.is("**")) {
        next();
        int from = pos;
        expression();
        unpacked.add(new Opaque(t.text() + text(from, pos), t.line()));
      } else if (t.kind() == Kind.NAME && peek(1).is(keywordSeparator)) {
        next();
        next();
        int at = peek().line();
        keywords.put(t.text(), new Arg(expression(), at));
      } else {
        positional.add(new Arg(expression(), t.line()));
      }
      if (!peek().is(")") && peek().kind() != Kind.END) {
        next(); // the comma, or a stray token
      }
    }
    next(); // )
    return new Call(line, positional, keywords, unpacked);
  }

  /**
   * When the next tokens are {@code name = value} or {@code name += value} at the start of a
   * statement (after {@code prev}): binds the name when the value is a literal, else forgets it,
   * and stays at the value's start, so the caller can look for calls inside it. Returns whether
   * there was such an assignment.
   */
  private boolean assignment(Token prev) {
    boolean statementStart = prev == null || prev.kind() == Kind.NEWLINE || prev.is(";");
    if (!statementStart || peek().kind() != Kind.NAME || !(peek(1).is("=") || peek(1).is("+="))) {
      return false;
    }
    String name = next().text();
    boolean extend = next().is("+=");
    int start = pos;
    Object v = expression();
    Object old = names.get(name);
    if (extend && old instanceof List<?> a && v instanceof List<?> b) {
      names.put(name, concat(a, b));
    } else if (!extend && !(v instanceof Opaque)) {
      names.put(name, v);
    } else {
      names.remove(name);
    }
    pos = start; // a list may hold calls the caller looks for
    return true;
  }

  /**
   * Walks the tokens to the end: binds the assignments it meets, and offers every other token (with
   * the one before it, null after a construct was read) to {@code reader}, which reads what it
   * recognises from there and returns true, or returns false to step over the token.
   */
  void walk(java.util.function.BiPredicate<Token, Token> reader) {
    Token prev = null;
    while (peek().kind() != Kind.END) {
      if (assignment(prev) || reader.test(peek(), prev)) {
        prev = null;
      } else {
        prev = next();
      }
    }
  }

  /** Whether the next token ends an expression. */
  boolean atEnd() {
    Token t = peek();
    return t.kind() == Kind.END || t.kind() == Kind.NEWLINE || t.is(",") || t.is(")") || t.is("]")
        || t.is("}") || t.is(":") || t.is("for");
  }

  /** Skips to the end of the current expression (brackets balanced). */
  void skipToEnd() {
    int level = 0;
    while (peek().kind() != Kind.END) {
      Token t = peek();
      if (level == 0 && (atEnd())) {
        return;
      }
      if (t.is("(") || t.is("[") || t.is("{")) {
        level++;
      } else if (t.is(")") || t.is("]") || t.is("}")) {
        level--;
      } else if (t.kind() == Kind.NEWLINE && level == 0) {
        return;
      }
      next();
    }
  }

  private static List<Object> concat(List<?> a, List<?> b) {
    List<Object> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private Object operand() {
    Token t = peek();
    if (t.kind() == Kind.STRING) {
      StringBuilder sb = new StringBuilder();
      boolean literal = true;
      while (peek().kind() == Kind.STRING) {
        Token s = next();
        literal &= s.value() != null;
        if (s.value() != null) {
          sb.append(s.value());
        }
      }
      return literal ? sb.toString() : new Opaque("", t.line());
    }
    if (t.kind() == Kind.NUMBER) {
      next();
      return new Num(t.text());
    }
    if (t.is("-") && peek(1).kind() == Kind.NUMBER) {
      next();
      return new Num("-" + next().text());
    }
    if (t.kind() == Kind.NAME) {
      next();
      switch (t.text()) {
        case "True", "true":
          return Boolean.TRUE;
        case "False", "false":
          return Boolean.FALSE;
        case "None":
          return NONE;
        default:
          Object bound = names.get(t.text());
          return bound != null && (atEnd() || peek().is("+")) ? bound : new Opaque("", t.line());
      }
    }
    if ((t.is("[") || t.is("(") || t.is("{")) && depth < MAX_DEPTH) {
      next();
      depth++;
      try {
        return t.is("{") ? dict() : sequence(t.is("[") ? "]" : ")");
      } finally {
        depth--;
      }
    }
    return new Opaque("", t.line());
  }

  /** A list or tuple after its opening bracket; a comprehension is opaque. */
  private Object sequence(String close) {
    List<Object> items = new ArrayList<>();
    boolean comma = false;
    while (!peek().is(close) && peek().kind() != Kind.END) {
      if (peek().is("*")) {
        Token star = next();
        Object unpacked = expression();
        if (unpacked instanceof List<?> l) {
          items.addAll(l);
        } else {
          items.add(new Opaque("*" + (unpacked instanceof Opaque o ? o.text() : String.valueOf(unpacked)), star.line()));
        }
      } else {
        items.add(expression());
      }
      if (peek().is("for")) {
        skipTo(close);
        return new Opaque("", 0);
      }
      if (peek().is(",")) {
        next();
        comma = true;
      } else if (!peek().is(close)) {
        skipTo(close);
        return new Opaque("", 0);
      }
    }
    next();
    if (close.equals(")") && !comma && items.size() == 1) {
      return items.get(0); // parentheses around one value
    }
    return items;
  }

  private Object dict() {
    Map<Object, Object> map = new LinkedHashMap<>();
    while (!peek().is("}") && peek().kind() != Kind.END) {
      Object k = expression();
      if (!peek().is(":")) {
        skipTo("}");
        return new Opaque("", 0);
      }
      next();
      Object v = expression();
      if (peek().is("for")) {
        skipTo("}");
        return new Opaque("", 0);
      }
      map.put(k, v);
      if (peek().is(",")) {
        next();
      } else if (!peek().is("}")) {
        skipTo("}");
        return new Opaque("", 0);
      }
    }
    next();
    return map;
  }

  /** Skips past the bracket that closes the current level. */
  private void skipTo(String close) {
    int level = 0;
    while (peek().kind() != Kind.END) {
      Token t = next();
      if (t.is("(") || t.is("[") || t.is("{")) {
        level++;
      } else if (t.is(")") || t.is("]") || t.is("}")) {
        if (level == 0) {
          return;
        }
        level--;
      }
    }
  }

  /** The source text of tokens [from, to), spaced as a reader would write it, shortened. */
  String text(int from, int to) {
    StringBuilder sb = new StringBuilder();
    Token prev = null;
    for (int k = from; k < to && k < tokens.size(); k++) {
      Token t = tokens.get(k);
      if (t.kind() == Kind.NEWLINE || t.kind() == Kind.END) {
        continue;
      }
      boolean glue = prev == null || prev.is("(") || prev.is("[") || prev.is("{") || prev.is(".")
          || t.is(")") || t.is("]") || t.is("}") || t.is(".") || t.is(",") || t.is("(") && prev.kind() == Kind.NAME
          || t.is(":") || t.is("[") && prev.kind() == Kind.NAME;
      if (!glue) {
        sb.append(' ');
      }
      sb.append(t.text());
      prev = t;
    }
    String s = sb.toString();
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
