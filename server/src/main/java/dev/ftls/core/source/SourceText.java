package dev.ftls.core.source;

import java.nio.file.Path;

/** The text of one C or C++ file as the analyzer sees it, with its path and line index. */
public final class SourceText {
  private final Path path;
  private final String text;
  private LineIndex lines;

  public SourceText(Path path, String text) {
    this.path = path;
    this.text = text;
  }

  /** With the line index of the text, when the caller has it already (an editor's document). */
  public SourceText(Path path, String text, LineIndex lines) {
    this(path, text);
    this.lines = lines;
  }

  public Path path() {
    return path;
  }

  public String text() {
    if (text == null) {
      throw new IllegalStateException("the text of " + path + " was let go: only its positions were kept");
    }
    return text;
  }

  /**
   * The same path and line index without the text, for what only turns offsets into lines and
   * columns (a report held until a run ends: the texts of a large tree are tens of megabytes);
   * {@link #text()} then fails.
   */
  public SourceText positionsOnly() {
    return text == null ? this : new SourceText(path, null, lines());
  }

  public synchronized LineIndex lines() {
    if (lines == null) {
      lines = new LineIndex(text);
    }
    return lines;
  }

  // [ \t]*, not \s*, after ^: with \s* a run of blank lines is rescanned from each of its line
  // starts, quadratic (64 KB of newlines took minutes); the matches are the same
  private static final java.util.regex.Pattern CPP_HEADER = java.util.regex.Pattern.compile(
      "(?m)^[ \\t]*(?:namespace\\s+\\w+\\s*\\{|template\\s*<|class\\s+\\w+[^;]*\\{|using\\s+namespace\\b"
          + "|#\\s*include\\s*<(?:c[a-z]+|iostream|vector|string|memory|map|algorithm|utility|mutex|atomic|thread)>)");

  /**
   * Whether the file is C++: by its extension, and for a {@code .h} header by what it contains
   * (namespaces, templates, classes, C++ standard headers), since C++ projects use .h too.
   */
  public boolean isCpp() {
    String n = path.getFileName() == null ? "" : path.getFileName().toString();
    if (n.endsWith(".h")) {
      String text = text();
      return CPP_HEADER.matcher(text.length() > 65536 ? text.substring(0, 65536) : text).find();
    }
    return isCppByExtension();
  }

  private boolean isCppByExtension() {
    String name = path.getFileName() == null ? "" : path.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1);
    switch (ext) {
      case "cc":
      case "cpp":
      case "cxx":
      case "c++":
      case "hpp":
      case "hh":
      case "hxx":
        return true;
      default:
        return false;
    }
  }
}
