package dev.ftls.core.semantic;

/**
 * Thrown into a rule when its file's time budget has passed ({@link FileModel#checkDeadline()}):
 * the analyzer stops that rule, keeps what it reported, and says the file is incomplete.
 */
public final class TimeBudgetExceeded extends RuntimeException {
  public TimeBudgetExceeded(String reason) {
    super(reason, null, false, false); // no stack trace: this is flow, not a failure
  }
}
