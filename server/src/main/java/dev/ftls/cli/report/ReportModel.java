package dev.ftls.cli.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import dev.ftls.core.fix.Fix;
import dev.ftls.core.rules.FileResult;
import dev.ftls.core.rules.FileResult.Status;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.source.LineIndex;
import dev.ftls.core.source.SourceText;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What every reporter needs: display paths, 1-based positions, a stable order and counts. */
final class ReportModel {
  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

  private ReportModel() {}

  /** Writes a JSON document pretty-printed, without HTML escaping, ending with a newline. */
  static void printJson(JsonElement json, PrintStream out) {
    out.print(GSON.toJson(json));
    out.print('\n');
    out.flush();
  }

  /** A 1-based line and 1-based UTF-16 column. */
  record Pos(int line, int column) {}

  /** A 1-based range; {@code end} is the position just after the last character. */
  record Range(Pos start, Pos end) {
    static Range of(SourceText source, int start, int end) {
      return new Range(pos(source, start), pos(source, end));
    }
  }

  /** One finding with everything a reporter prints about it. */
  record Item(String path, FileResult file, Finding finding, Range range) {
    SourceText source() {
      return file.source();
    }
  }

  /**
   * How many findings of each kind a run produced, and how many of its files were not analyzed or
   * only in part. {@code filesChecked} counts every file the run was given or found.
   */
  record Summary(
      int findings,
      int files,
      int filesChecked,
      Map<Severity, Integer> bySeverity,
      int fixable,
      int unsafeFixable,
      int filesNotAnalyzed,
      int filesIncomplete) {
    int count(Severity s) {
      return bySeverity.getOrDefault(s, 0);
    }
  }

  /** One file of the run with its display path and how much of it was analyzed. */
  record FileEntry(String path, FileResult result) {
    Status status() {
      return result.status();
    }

    /** Why it was not analyzed or skipped, or which parts failed; empty for an analyzed file. */
    List<String> reasons() {
      return result.notAnalyzed() != null ? List.of(result.notAnalyzed()) : result.errors();
    }

    List<String> notes() {
      return result.notes();
    }

    /**
     * The status in a sentence for formats that show one message per file (SARIF, GitHub), or
     * null for an analyzed file.
     */
    String sentence() {
      String why = String.join("; ", reasons());
      switch (status()) {
        case NOT_ANALYZED:
          return "ftls did not analyze this file: " + why;
        case INCOMPLETE:
          return "ftls analyzed only part of this file: " + why;
        case SKIPPED:
          return "ftls skipped this file on purpose: " + why;
        default:
          return null;
      }
    }
  }

  /** Every file of the run, sorted by display path. */
  static List<FileEntry> files(List<FileResult> results, Path root) {
    List<FileEntry> files = new ArrayList<>();
    for (FileResult r : results) {
      files.add(new FileEntry(displayPath(r.source().path(), root), r));
    }
    files.sort(Comparator.comparing(FileEntry::path));
    return files;
  }

  /** The status as words in running text: "not analyzed" rather than the label's "not-analyzed". */
  static String words(Status s) {
    return s.label().replace('-', ' ');
  }

  static Pos pos(SourceText source, int offset) {
    LineIndex lines = source.lines();
    return new Pos(lines.line(offset) + 1, lines.column(offset) + 1);
  }

  /**
   * The path of {@code file} relative to {@code root} with '/' separators when the file is under
   * root, else its absolute path.
   */
  static String displayPath(Path file, Path root) {
    Path abs = file.toAbsolutePath().normalize();
    if (isUnder(file, root)) {
      Path rel = root.toAbsolutePath().normalize().relativize(abs);
      List<String> parts = new ArrayList<>();
      for (Path part : rel) {
        parts.add(part.toString());
      }
      return String.join("/", parts);
    }
    return abs.toString();
  }

  /** Whether {@code file} lies inside the directory {@code root}. */
  static boolean isUnder(Path file, Path root) {
    Path abs = file.toAbsolutePath().normalize();
    Path base = root.toAbsolutePath().normalize();
    return abs.startsWith(base) && !abs.equals(base);
  }

  /** All findings sorted by path, then start, end, rule id and message. */
  static List<Item> items(List<FileResult> results, Path root) {
    List<Item> items = new ArrayList<>();
    for (FileResult file : results) {
      String path = displayPath(file.source().path(), root);
      for (Finding f : file.findings()) {
        items.add(new Item(path, file, f, Range.of(file.source(), f.start(), f.end())));
      }
    }
    items.sort(
        Comparator.comparing(Item::path)
            .thenComparingInt((Item i) -> i.finding().start())
            .thenComparingInt(i -> i.finding().end())
            .thenComparing(i -> i.finding().ruleId())
            .thenComparing(i -> i.finding().message()));
    return items;
  }

  static Summary summary(List<FileResult> results, List<Item> items) {
    int notAnalyzed = 0;
    int incomplete = 0;
    for (FileResult r : results) {
      if (r.status() == Status.NOT_ANALYZED) {
        notAnalyzed++;
      } else if (r.status() == Status.INCOMPLETE) {
        incomplete++;
      }
    }
    Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
    int fixable = 0;
    int unsafeFixable = 0;
    for (Item i : items) {
      bySeverity.merge(i.finding().severity(), 1, Integer::sum);
      if (hasSafeFix(i.finding())) {
        fixable++;
      } else if (hasOnlyUnsafeFix(i.finding())) {
        unsafeFixable++;
      }
    }
    long files = items.stream().map(Item::path).distinct().count();
    return new Summary(
        items.size(), (int) files, results.size(), bySeverity, fixable, unsafeFixable, notAnalyzed, incomplete);
  }

  /**
   * The word both SARIF and GitHub use for errors and warnings ("error", "warning"), and {@code
   * lesser} for information and hints, which neither format tells apart.
   */
  static String levelWord(Severity s, String lesser) {
    switch (s) {
      case ERROR:
      case WARNING:
        return s.label();
      default:
        return lesser;
    }
  }

  static boolean hasSafeFix(Finding f) {
    return f.fixes().stream().anyMatch(Fix::safe);
  }

  /** Whether every fix of the finding is unsafe (and it has one). */
  static boolean hasOnlyUnsafeFix(Finding f) {
    return !f.fixes().isEmpty() && !hasSafeFix(f);
  }

  static Map<String, RuleMeta> rulesById(List<RuleMeta> rules) {
    Map<String, RuleMeta> byId = new LinkedHashMap<>();
    for (RuleMeta r : rules) {
      byId.putIfAbsent(r.id(), r);
    }
    return byId;
  }
}
