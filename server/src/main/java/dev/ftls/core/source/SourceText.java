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

  public Path path() {
    return path;
  }

  public String text() {
    return text;
  }

  public synchronized LineIndex lines() {
    if (lines == null) {
      lines = new LineIndex(text);
    }
    return lines;
  }

  /** Whether the file is C++ judging by its extension. */
  public boolean isCpp() {
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
