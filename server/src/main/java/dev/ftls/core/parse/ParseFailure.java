package dev.ftls.core.parse;

/**
 * The parser gave up on a file, with the reason in the user's words (it reads after
 * "not analyzed: "): the time budget ran out, its macros expand past the token budget, ...
 */
public final class ParseFailure extends RuntimeException {
  public ParseFailure(String reason) {
    super(reason, null, false, false);
  }

  /** The reason, e.g. "it took longer than the time budget of 30 s per file". */
  public String reason() {
    return getMessage();
  }
}
