package dev.ftls.kbgen;

import java.util.ArrayList;
import java.util.List;

/** Splits a data file into its content lines, skipping blanks and '#' comments. */
final class DatLines {
  /** One content line and its 1-based line number. */
  record Line(int number, String text) {}

  private DatLines() {}

  static List<Line> of(String text) {
    List<Line> lines = new ArrayList<>();
    String[] raw = text.split("\r?\n", -1);
    for (int i = 0; i < raw.length; i++) {
      String line = raw[i].strip();
      if (!line.isEmpty() && !line.startsWith("#")) {
        lines.add(new Line(i + 1, line));
      }
    }
    return lines;
  }
}
