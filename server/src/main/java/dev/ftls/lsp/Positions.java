package dev.ftls.lsp;

import dev.ftls.core.source.LineIndex;
import org.eclipse.lsp4j.Position;

/** The one place where core offsets become LSP positions (zero-based line, UTF-16 column). */
final class Positions {
  private Positions() {}

  static Position position(LineIndex idx, int offset) {
    return new Position(idx.line(offset), idx.column(offset));
  }

  static int offset(LineIndex idx, Position p) {
    return idx.offset(p.getLine(), p.getCharacter());
  }
}
