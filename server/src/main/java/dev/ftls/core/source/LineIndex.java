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

  private LineIndex(int[] lineStarts, int length) {
    this.lineStarts = lineStarts;
    this.length = length;
  }

  /**
   * The index of {@code newText}, which is this index's text with the characters [start, end)
   * replaced by the {@code inserted} characters at {@code start}: the lines before the edit are
   * kept, those after it moved, and only the inserted text (and the character on either side of
   * it, for a CR and LF that meet) is read. An editor's keystroke costs no scan of the whole file.
   */
  public LineIndex edited(CharSequence newText, int start, int end, int inserted) {
    int delta = inserted - (end - start);
    if (start < 0 || end < start || end > length || newText.length() != length + delta) {
      return new LineIndex(newText);
    }
    int before = line(start);
    if (lineStarts[before] == start) {
      before--; // a line that starts at the edit is read again
    }
    int scanEnd = Math.min(start + inserted + 1, newText.length());
    int[] out = new int[before + 1 + (scanEnd - start + 1) + lineStarts.length];
    int n = 0;
    for (int k = 0; k <= before; k++) {
      out[n++] = lineStarts[k];
    }
    for (int i = Math.max(start, 0); i <= scanEnd; i++) {
      if (LineBreaks.lineStartsAt(newText, i)) {
        out[n++] = i;
      }
    }
    int after = Arrays.binarySearch(lineStarts, end + 2);
    for (int k = after >= 0 ? after : -after - 1; k < lineStarts.length; k++) {
      out[n++] = lineStarts[k] + delta;
    }
    return new LineIndex(Arrays.copyOf(out, n), newText.length());
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
