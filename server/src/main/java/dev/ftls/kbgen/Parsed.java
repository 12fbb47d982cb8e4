package dev.ftls.kbgen;

import java.util.List;

/** What a data file parser made of a file: the usable content and the lines it skipped. */
public record Parsed<T>(T value, List<DatProblem> problems) {
  public Parsed {
    problems = List.copyOf(problems);
  }
}
