package dev.ftls.lsp;

import dev.ftls.core.source.LineIndex;
import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

/** An open document: its text and version, with incremental edits applied in UTF-16 positions. */
final class Document {
  final String uri;
  final int version;
  final String text;
  private LineIndex lines;

  Document(String uri, int version, String text) {
    this.uri = uri;
    this.version = version;
    this.text = text;
  }

  private Document(String uri, int version, String text, LineIndex lines) {
    this(uri, version, text);
    this.lines = lines;
  }

  synchronized LineIndex lines() {
    if (lines == null) {
      lines = new LineIndex(text);
    }
    return lines;
  }

  /** A content change the server cannot apply; the document keeps its last good text. */
  static final class InvalidChange extends RuntimeException {
    InvalidChange(String reason) {
      super(reason);
    }
  }

  /**
   * A new document with the changes applied in order (a change without a range replaces all).
   * Throws {@link InvalidChange} when any change is unusable (no text, a range with a missing or
   * negative position, or a line more than one past the last); then none of them is applied. A column past the
   * end of its line means the line's end, as the protocol says.
   */
  Document apply(int newVersion, List<TextDocumentContentChangeEvent> changes) {
    if (changes == null) {
      throw new InvalidChange("a change without contentChanges");
    }
    String t = text;
    LineIndex idx = lines(); // kept up to date edit by edit, never rebuilt from the whole text
    for (TextDocumentContentChangeEvent c : changes) {
      if (c == null || c.getText() == null) {
        throw new InvalidChange("a content change without text");
      }
      if (c.getRange() == null) {
        t = c.getText();
        idx = null;
      } else {
        if (idx == null) {
          idx = new LineIndex(t);
        }
        int s = offsetIn(idx, c.getRange().getStart());
        int e = offsetIn(idx, c.getRange().getEnd());
        if (e < s) {
          int tmp = s;
          s = e;
          e = tmp;
        }
        t = t.substring(0, s) + c.getText() + t.substring(e);
        idx = idx.edited(t, s, e, c.getText().length());
      }
    }
    return new Document(uri, newVersion, t, idx);
  }

  private static int offsetIn(LineIndex idx, Position p) {
    if (p == null) {
      throw new InvalidChange("a content change whose range lacks a start or an end");
    }
    if (p.getLine() < 0 || p.getCharacter() < 0) {
      throw new InvalidChange("a content change at a negative position (" + p.getLine() + ":" + p.getCharacter() + ")");
    }
    // the line just past the last one is its end (some clients end a whole-text range there)
    if (p.getLine() > idx.lineCount()) {
      throw new InvalidChange("a content change at line " + (p.getLine() + 1) + " of a document with "
          + idx.lineCount() + " lines");
    }
    return Positions.offset(idx, p);
  }

  Range range(int start, int end) {
    return new Range(Positions.position(lines(), start), Positions.position(lines(), end));
  }

  int offset(Position p) {
    return Positions.offset(lines(), p);
  }
}
