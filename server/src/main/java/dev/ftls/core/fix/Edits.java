package dev.ftls.core.fix;

import dev.ftls.core.semantic.FileModel;

import dev.ftls.core.source.LineBreaks;

/** Small text helpers for building fixes that match the surrounding code's layout. */
public final class Edits {
  private Edits() {}

  /** The line break the file uses for lines a fix adds ("\r\n", "\r" or "\n"; see {@link LineBreaks#of}). */
  public static String newline(String text) {
    return LineBreaks.of(text);
  }

  /** Offset of the start of the line that contains {@code offset}. */
  public static int lineStart(String text, int offset) {
    return LineBreaks.lineStart(text, offset);
  }

  /** Offset just past the line break of the line that contains {@code offset} (or text end). */
  public static int nextLineStart(String text, int offset) {
    return LineBreaks.nextLineStart(text, offset);
  }

  /** Whether a text (a line, or the new text of an edit) ends with a line break of any kind. */
  public static boolean endsWithLineBreak(String text) {
    return LineBreaks.endsWithBreak(text);
  }

  /** The spaces and tabs that start the line containing {@code offset}. */
  public static String indentOf(String text, int offset) {
    int s = lineStart(text, offset);
    int e = s;
    while (e < text.length() && (text.charAt(e) == ' ' || text.charAt(e) == '\t')) {
      e++;
    }
    return text.substring(s, e);
  }

  /** Whether only white space stands between the line start and {@code offset}. */
  public static boolean onlySpaceBefore(String text, int offset) {
    for (int i = lineStart(text, offset); i < offset; i++) {
      if (text.charAt(i) != ' ' && text.charAt(i) != '\t') {
        return false;
      }
    }
    return true;
  }

  /** Whether only white space (or a line comment) follows {@code offset} on its line. */
  public static boolean onlySpaceAfter(String text, int offset) {
    for (int i = offset; i < text.length() && !LineBreaks.startsAt(text, i); i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t') {
        continue;
      }
      return text.startsWith("//", i);
    }
    return true;
  }

  /** Strips redundant outer parentheses, casts to PyObject*, and a leading '&' from an argument. */
  public static String baseName(String arg) {
    String s = arg == null ? "" : arg.strip();
    boolean changed = true;
    while (changed) {
      changed = false;
      if (s.startsWith("&")) {
        s = s.substring(1).strip();
        changed = true;
      }
      if (s.startsWith("(") && s.endsWith(")") && balanced(s.substring(1, s.length() - 1))) {
        s = s.substring(1, s.length() - 1).strip();
        changed = true;
      }
      if (s.startsWith("(PyObject *)") || s.startsWith("(PyObject*)")) {
        s = s.substring(s.indexOf(')') + 1).strip();
        changed = true;
      }
    }
    return s;
  }

  /** Whether the parentheses of a text are balanced (no {@code )} before its {@code (}). */
  public static boolean balanced(String s) {
    int d = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(') {
        d++;
      } else if (c == ')' && --d < 0) {
        return false;
      }
    }
    return d == 0;
  }

  /** Whether a string is a plain C identifier. */
  public static boolean isIdentifier(String s) {
    return s != null && s.matches("[A-Za-z_][A-Za-z0-9_]*");
  }

  /**
   * The same fix, made to compile on Pythons older than {@code since} (the version that added the
   * API the fix introduces): each changed line is kept for older versions behind
   * {@code #if PY_VERSION_HEX >= ...} / {@code #else} / {@code #endif}, inserted lines go inside
   * {@code #if PY_VERSION_HEX >= ...}, deleted lines stay for older versions. Preprocessor lines may
   * stand between any two lines of C, so this is always valid. Null when an edit spans lines in a
   * way that cannot be guarded line by line. Only for an API that older Pythons cannot be given
   * with the same behaviour (FT303's PyMutex); others get one definition per file ({@link CompatShims}).
   */
  public static Fix guardForOlderPythons(String text, Fix fix, String since) {
    String nl = newline(text);
    String ifNew = FileModel.versionCheck(since);
    String ifOld = ifNew.replace(">=", "<");
    java.util.Map<Integer, java.util.List<TextEdit>> byLine = new java.util.TreeMap<>();
    java.util.List<TextEdit> out = new java.util.ArrayList<>();
    for (TextEdit e : fix.edits()) {
      int ls = lineStart(text, e.start());
      boolean wholeLineInsert = e.start() == e.end() && e.start() == ls && endsWithLineBreak(e.newText());
      boolean wholeLineDelete = e.newText().isEmpty() && e.start() == ls && e.end() == nextLineStart(text, e.end() - 1);
      if (wholeLineInsert) {
        out.add(new TextEdit(e.start(), e.end(), ifNew + nl + e.newText() + "#endif" + nl));
      } else if (wholeLineDelete) {
        out.add(new TextEdit(e.start(), e.start(), ifOld + nl));
        out.add(new TextEdit(e.end(), e.end(), "#endif" + nl));
      } else if (lineStart(text, e.end()) == ls || e.end() == nextLineStart(text, ls)) {
        byLine.computeIfAbsent(ls, k -> new java.util.ArrayList<>()).add(e);
      } else {
        return null;
      }
    }
    for (java.util.Map.Entry<Integer, java.util.List<TextEdit>> line : byLine.entrySet()) {
      int ls = line.getKey();
      int le = nextLineStart(text, ls);
      String old = text.substring(ls, le);
      StringBuilder changed = new StringBuilder(old);
      java.util.List<TextEdit> edits = new java.util.ArrayList<>(line.getValue());
      edits.sort((a, b) -> Integer.compare(b.start(), a.start()));
      for (TextEdit e : edits) {
        changed.replace(e.start() - ls, Math.min(e.end(), le) - ls, e.newText());
      }
      String oldLine = endsWithLineBreak(old) ? old : old + nl;
      String newLine = endsWithLineBreak(changed.toString()) ? changed.toString() : changed + nl;
      out.add(new TextEdit(ls, le, ifNew + nl + newLine + "#else" + nl + oldLine + "#endif" + nl));
    }
    return new Fix(fix.title() + " (guarded for Pythons before " + since + ")", fix.safe(), out);
  }

  /** {@code base}, or base with a number appended, whichever {@code text} does not use yet. */
  public static String freshName(String text, String base) {
    Words w = words;
    if (w == null || w.text != text) {
      w = new Words(text, identifiers(text));
      words = w;
    }
    String name = base;
    for (int i = 2; w.names.contains(name); i++) {
      name = base + i;
    }
    return name;
  }

  /** The identifiers of the text last asked about (the same String object), found in one pass. */
  private record Words(String text, java.util.Set<String> names) {}

  private static volatile Words words;

  private static java.util.Set<String> identifiers(String t) {
    java.util.Set<String> out = new java.util.HashSet<>();
    int n = t.length();
    int i = 0;
    while (i < n) {
      if (Character.isJavaIdentifierStart(t.charAt(i)) && (i == 0 || !Character.isJavaIdentifierPart(t.charAt(i - 1)))) {
        int s0 = i;
        while (i < n && Character.isJavaIdentifierPart(t.charAt(i))) {
          i++;
        }
        out.add(t.substring(s0, i));
      } else {
        i++;
      }
    }
    return out;
  }
}
