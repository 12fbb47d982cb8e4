package dev.ftls.cli.report;

import dev.ftls.cli.report.ReportModel.FileEntry;
import dev.ftls.cli.report.ReportModel.Item;
import dev.ftls.cli.report.ReportModel.Summary;
import dev.ftls.core.rules.FileResult;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Human-readable output, one line per finding, then a line for each file that was not analyzed
 * in full (or skipped, or has a note), each configuration problem, and the summary:
 *
 * <pre>
 * src/spam.c:10:22: FT102 warning: PyDict_GetItem returns a borrowed reference [*]
 * src/spam.c:12:5: FT101 warning: PyList_GetItem returns a borrowed reference [-]
 * src/blob.c: not analyzed: it looks binary (it contains NUL bytes)
 * configuration problem: pyproject.toml [tool.ftls]: defines: found a table, ...; ignored
 * Found 2 findings (2 warnings) in 1 file.
 * [*] 1 fixable with --fix.
 * [-] 1 more fixable with --fix --unsafe-fixes (unsafe: read each fix's title first).
 * 1 file not analyzed.
 * </pre>
 *
 * Lines and columns are 1-based; columns count UTF-16 code units. A trailing {@code [*]} marks a
 * finding with a safe fix, as ruff does; {@code [-]} one whose fixes are all unsafe.
 */
public final class TextReporter implements Reporter {
  static final String FIXABLE_MARK = "[*]";
  static final String UNSAFE_MARK = "[-]";

  @Override
  public void report(RunResults run, List<RuleMeta> rules, Path root, PrintStream out) {
    List<Item> items = ReportModel.items(run.files(), root);
    StringBuilder sb = new StringBuilder();
    for (Item i : items) {
      sb.append(i.path())
          .append(':')
          .append(i.range().start().line())
          .append(':')
          .append(i.range().start().column())
          .append(": ")
          .append(i.finding().ruleId())
          .append(' ')
          .append(i.finding().severity().label())
          .append(": ")
          .append(oneLine(i.finding().message()));
      if (ReportModel.hasSafeFix(i.finding())) {
        sb.append(' ').append(FIXABLE_MARK);
      } else if (ReportModel.hasOnlyUnsafeFix(i.finding())) {
        sb.append(' ').append(UNSAFE_MARK);
      }
      sb.append('\n');
    }
    for (FileEntry f : ReportModel.files(run.files(), root)) {
      if (f.status() != FileResult.Status.ANALYZED) {
        sb.append(f.path()).append(": ").append(ReportModel.words(f.status())).append(": ")
            .append(oneLine(String.join("; ", f.reasons()))).append('\n');
      }
      for (String note : f.notes()) {
        sb.append(f.path()).append(": note: ").append(oneLine(note)).append('\n');
      }
    }
    for (String p : run.configurationProblems()) {
      sb.append("configuration problem: ").append(oneLine(p)).append('\n');
    }
    Summary summary = ReportModel.summary(run.files(), items);
    sb.append(summaryLine(summary)).append(unanalyzedLine(summary));
    out.print(sb);
    out.flush();
  }

  static String summaryLine(Summary s) {
    if (s.findings() == 0) {
      return "No findings.\n";
    }
    List<String> parts = new ArrayList<>();
    for (Severity sev : Severity.values()) {
      int n = s.count(sev);
      if (n > 0) {
        parts.add(plural(n, sev.label(), sev != Severity.INFORMATION));
      }
    }
    String line =
        "Found "
            + plural(s.findings(), "finding", true)
            + " ("
            + String.join(", ", parts)
            + ") in "
            + plural(s.files(), "file", true)
            + ".\n";
    if (s.fixable() > 0) {
      line += FIXABLE_MARK + " " + s.fixable() + " fixable with --fix.\n";
    }
    if (s.unsafeFixable() > 0) {
      line += UNSAFE_MARK + " " + s.unsafeFixable() + (s.fixable() > 0 ? " more" : "")
          + " fixable with --fix --unsafe-fixes (unsafe: read each fix's title first).\n";
    }
    return line;
  }

  /** "1 file not analyzed, 2 files incomplete.", or nothing when every file was analyzed. */
  static String unanalyzedLine(Summary s) {
    List<String> parts = new ArrayList<>();
    if (s.filesNotAnalyzed() > 0) {
      parts.add(plural(s.filesNotAnalyzed(), "file", true) + " not analyzed");
    }
    if (s.filesIncomplete() > 0) {
      parts.add(plural(s.filesIncomplete(), "file", true) + " incomplete");
    }
    return parts.isEmpty() ? "" : String.join(", ", parts) + ".\n";
  }

  private static String plural(int n, String word, boolean takesS) {
    return n + " " + word + (n == 1 || !takesS ? "" : "s");
  }

  /** Keeps one finding on one line even when a message spans several. */
  private static String oneLine(String message) {
    return message.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
  }
}
