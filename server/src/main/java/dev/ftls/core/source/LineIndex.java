package dev.ftls.core.source;

import java.util.Arrays;

/**
 * Converts between character offsets and (line, column) positions. Columns count UTF-16 code
 * units, which is what Java chars are and what LSP editors count, so a non-ASCII comment does not
 * shift later positions. Lines end as {@link LineBreaks} says (LF, CRLF or a lone CR, as the LSP
 * specification counts them). All positions are zero-based.
 */
public final class LineIndex {
  private final int[] lineStarts;
  private final int length;

  public LineIndex(CharSequence text) {
    int[] starts = new int[16];
    int n = 0;
    starts[n++] = 0;
    for (int i = 1; i <= text.length(); i++) {
      if (LineBreaks.lineStartsAt(text, i)) {
        if (n == starts.length) {
          starts = Arrays.copyOf(starts, n * 2);
        }
        starts[n++] = i;
      }
    }
    this.lineStarts = Arrays.copyOf(starts, n);
    this.length = text.length();
  }

  public int lineCount() {
    return lineStarts.length;
  }

  /** Zero-based line of an offset (clamped to the text). */
  public int line(int offset) {
    int off = Math.max(0, Math.min(offset, length));
    int idx = Arrays.binarySearch(lineStarts, off);
    return idx >= 0 ? idx : -idx - 2;
  }

  /** Zero-based UTF-16 column of an offset. */
  public int column(int offset) {
    int off = Math.max(0, Math.min(offset, length));
    return off - lineStarts[line(off)];
  }

  public int lineStart(int line) {
    return lineStarts[Math.max(0, Math.min(line, lineStarts.length - 1))];
  }

  /** Offset of a (line, column) position, clamped to the text and to the line. */
  public int offset(int line, int column) {
    if (line < 0) {
      return 0;
    }
    if (line >= lineStarts.length) {
      return length;
    }
    int start = lineStarts[line];
    int end = line + 1 < lineStarts.length ? lineStarts[line + 1] : length;
    return Math.max(start, Math.min(start + Math.max(0, column), end));
  }
}
