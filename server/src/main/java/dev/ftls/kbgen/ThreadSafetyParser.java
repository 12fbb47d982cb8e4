package dev.ftls.kbgen;

import dev.ftls.core.kb.ThreadSafetyLevel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses CPython's threadsafety.dat: {@code name:level:} lines. Unknown levels, empty names and
 * repeated names are skipped and reported.
 */
public final class ThreadSafetyParser {
  public static final String FILE = "threadsafety.dat";

  private ThreadSafetyParser() {}

  public static Parsed<Map<String, String>> parse(String text) {
    Map<String, String> levels = new LinkedHashMap<>();
    List<DatProblem> problems = new ArrayList<>();
    for (DatLines.Line line : DatLines.of(text)) {
      String[] f = line.text().split(":", -1);
      if (f.length < 2) {
        problems.add(new DatProblem(FILE, line.number(), "expected 'name:level:'"));
        continue;
      }
      String name = f[0].strip();
      String level = f[1].strip();
      if (name.isEmpty()) {
        problems.add(new DatProblem(FILE, line.number(), "empty function name"));
      } else if (ThreadSafetyLevel.parse(level) == null) {
        problems.add(
            new DatProblem(FILE, line.number(), "unknown thread-safety level '" + level + "'"));
      } else if (levels.putIfAbsent(name, level) != null) {
        problems.add(new DatProblem(FILE, line.number(), "repeated entry for " + name));
      }
    }
    return new Parsed<>(levels, problems);
  }
}
