package dev.ftls.core.parse;

import org.eclipse.cdt.core.parser.IParserSettings2;
import org.eclipse.cdt.core.parser.NullLogService;
import org.eclipse.cdt.internal.core.util.ICancelable;
import org.eclipse.cdt.internal.core.util.ICanceler;

/**
 * What CDT offers to stop a parse, in one object handed to it: as the log service it receives the
 * scanner's and parser's cancel hook (CDT checks the flag at every token), and as the parser
 * settings it caps the number of tokens the preprocessor may create (the limit in force for the
 * parse's turn, {@link TokenTurns}), which bounds a macro
 * expansion while it is being built (CDT counts every token, copies of macro arguments included).
 */
final class ParseControl extends NullLogService implements ICanceler, IParserSettings2 {
  private final int maxTokens;
  private ICancelable cancelable;
  private boolean canceled;

  ParseControl(int maxTokens) {
    this.maxTokens = maxTokens;
  }

  /** Stops the parse at its next token (or at its start, if it has not started). */
  void cancel() {
    setCanceled(true);
  }

  @Override
  public synchronized void setCancelable(ICancelable c) {
    cancelable = c;
    if (canceled && c != null) {
      c.cancel();
    }
  }

  @Override
  public synchronized void setCanceled(boolean value) {
    canceled = value;
    if (value && cancelable != null) {
      cancelable.cancel();
    }
  }

  @Override
  public synchronized boolean isCanceled() {
    return canceled;
  }

  @Override
  public boolean shouldLimitTokensPerTranslationUnit() {
    return true;
  }

  @Override
  public int getMaximumTokensPerTranslationUnit() {
    return maxTokens;
  }

  @Override
  public int getMaximumTrivialExpressionsInAggregateInitializers() {
    return -1; // CDT's default: no limit
  }
}
