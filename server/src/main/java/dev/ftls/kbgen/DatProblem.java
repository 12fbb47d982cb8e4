package dev.ftls.kbgen;

/** A line of a data file that could not be used, and why. Line numbers start at 1. */
public record DatProblem(String file, int line, String reason) {
  @Override
  public String toString() {
    return file + ":" + line + ": " + reason;
  }
}
