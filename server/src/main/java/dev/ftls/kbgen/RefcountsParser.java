package dev.ftls.kbgen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses CPython's refcounts.dat: blocks of {@code function:type:param:refcount:comment} lines,
 * where the first line of a block (empty param) describes the return value. Lines that do not fit
 * are skipped and reported, never thrown.
 */
public final class RefcountsParser {
  public static final String FILE = "refcounts.dat";
  private static final Set<String> REFCOUNTS = Set.of("", "0", "+1", "-1", "null");

  /** A parameter line: its name, C type, refcount field (null when empty) and comment. */
  public record Param(String name, String type, String refcount, String comment) {}

  /** A function block: the return type and refcount (null when empty), then the parameters. */
  public record Function(
      String name, String returnType, String returnRefcount, String comment, List<Param> params) {}

  private RefcountsParser() {}

  public static Parsed<Map<String, Function>> parse(String text) {
    Map<String, Function> functions = new LinkedHashMap<>();
    List<DatProblem> problems = new ArrayList<>();
    for (DatLines.Line line : DatLines.of(text)) {
      String[] f = line.text().split(":", 5);
      if (f.length < 5) {
        problems.add(problem(line, "expected 5 ':'-separated fields, found " + f.length));
        continue;
      }
      String name = f[0].strip();
      String type = f[1].strip();
      String param = f[2].strip();
      String refcount = f[3].strip();
      String comment = f[4].strip();
      if (name.isEmpty()) {
        problems.add(problem(line, "empty function name"));
        continue;
      }
      if (!REFCOUNTS.contains(refcount)) {
        problems.add(problem(line, "unknown refcount effect '" + refcount + "'"));
        continue;
      }
      Function existing = functions.get(name);
      if (param.isEmpty()) {
        if (existing != null) {
          problems.add(problem(line, "second return-value line for " + name));
          continue;
        }
        functions.put(
            name,
            new Function(name, type, emptyToNull(refcount), emptyToNull(comment), new ArrayList<>()));
      } else if (existing == null) {
        problems.add(problem(line, "parameter line before the return-value line of " + name));
      } else {
        existing.params().add(new Param(param, type, emptyToNull(refcount), emptyToNull(comment)));
      }
    }
    Map<String, Function> frozen = new LinkedHashMap<>();
    functions.forEach(
        (name, fn) ->
            frozen.put(
                name,
                new Function(
                    name, fn.returnType(), fn.returnRefcount(), fn.comment(), List.copyOf(fn.params()))));
    return new Parsed<>(frozen, problems);
  }

  private static DatProblem problem(DatLines.Line line, String reason) {
    return new DatProblem(FILE, line.number(), reason);
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }
}
