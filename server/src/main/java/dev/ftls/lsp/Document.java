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

  synchronized LineIndex lines() {
    if (lines == null) {
      lines = new LineIndex(text);
    }
    return lines;
  }

  /** A new document with the changes applied in order (a change without a range replaces all). */
  Document apply(int newVersion, List<TextDocumentContentChangeEvent> changes) {
    String t = text;
    for (TextDocumentContentChangeEvent c : changes) {
      if (c.getRange() == null) {
        t = c.getText();
      } else {
        LineIndex idx = new LineIndex(t);
        int s = Positions.offset(idx, c.getRange().getStart());
        int e = Positions.offset(idx, c.getRange().getEnd());
        if (e < s) {
          int tmp = s;
          s = e;
          e = tmp;
        }
        t = t.substring(0, s) + c.getText() + t.substring(e);
      }
    }
    return new Document(uri, newVersion, t);
  }

  Range range(int start, int end) {
    return new Range(Positions.position(lines(), start), Positions.position(lines(), end));
  }

  int offset(Position p) {
    return Positions.offset(lines(), p);
  }
}
