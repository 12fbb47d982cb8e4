package dev.ftls.core.fix;

/** Replace the characters [start, end) of a source text with {@code newText}. */
public record TextEdit(int start, int end, String newText) {
  public TextEdit {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad edit range " + start + ".." + end);
    }
  }
}
