package dev.ftls.kbgen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses CPython's stable_abi.dat: a CSV file with the header
 * {@code role,name,added,ifdef_note,struct_abi_kind}. Rows that do not fit are skipped and reported.
 */
public final class StableAbiParser {
  public static final String FILE = "stable_abi.dat";
  /** Rows of a 3.15-era stable_abi.dat for names the main copy does not list (same format). */
  public static final String DELTA_FILE = "stable_abi-3.15-delta.csv";
  public static final String HEADER = "role,name,added,ifdef_note,struct_abi_kind";
  private static final Set<String> ROLES = Set.of("func", "macro", "data", "type", "member");
  private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+");

  /** One row: role (func, macro, data, type, member), the version that added it, the ifdef note. */
  public record Row(String role, String name, String added, String ifdefNote) {}

  private StableAbiParser() {}

  public static Parsed<Map<String, Row>> parse(String text) {
    return parse(text, FILE);
  }

  /** The rows of a file in stable_abi.dat's format; problems name {@code file}. */
  public static Parsed<Map<String, Row>> parse(String text, String file) {
    Map<String, Row> rows = new LinkedHashMap<>();
    List<DatProblem> problems = new ArrayList<>();
    boolean first = true;
    for (DatLines.Line line : DatLines.of(text)) {
      if (first) {
        first = false;
        if (line.text().equals(HEADER)) {
          continue;
        }
        problems.add(new DatProblem(file, line.number(), "missing header '" + HEADER + "'"));
      }
      String[] f = line.text().split(",", -1);
      if (f.length != 5) {
        problems.add(
            new DatProblem(file, line.number(), "expected 5 ','-separated fields, found " + f.length));
        continue;
      }
      Row row = new Row(f[0].strip(), f[1].strip(), f[2].strip(), f[3].strip());
      if (!ROLES.contains(row.role())) {
        problems.add(new DatProblem(file, line.number(), "unknown role '" + row.role() + "'"));
      } else if (row.name().isEmpty()) {
        problems.add(new DatProblem(file, line.number(), "empty name"));
      } else if (!VERSION.matcher(row.added()).matches()) {
        problems.add(new DatProblem(file, line.number(), "bad version '" + row.added() + "'"));
      } else if (rows.putIfAbsent(row.name(), row) != null) {
        problems.add(new DatProblem(file, line.number(), "repeated entry for " + row.name()));
      }
    }
    return new Parsed<>(rows, problems);
  }
}
