package dev.ftls.cli.report;

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
 * Human-readable output, one line per finding:
 *
 * <pre>
 * src/spam.c:10:22: FT101 warning: PyList_GetItem returns a borrowed reference [*]
 * Found 1 finding (1 warning) in 1 file.
 * [*] 1 finding has a safe fix.
 * </pre>
 *
 * Lines and columns are 1-based; columns count UTF-16 code units. A trailing {@code [*]} marks a
 * finding with a safe fix, as ruff does.
 */
public final class TextReporter implements Reporter {
  static final String FIXABLE_MARK = "[*]";

  @Override
  public void report(List<FileResult> results, List<RuleMeta> rules, Path root, PrintStream out) {
    List<Item> items = ReportModel.items(results, root);
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
      }
      sb.append('\n');
    }
    sb.append(summaryLine(ReportModel.summary(results, items)));
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
      line +=
          FIXABLE_MARK
              + " "
              + plural(s.fixable(), "finding", true)
              + (s.fixable() == 1 ? " has" : " have")
              + " a safe fix.\n";
    }
    return line;
  }

  private static String plural(int n, String word, boolean takesS) {
    return n + " " + word + (n == 1 || !takesS ? "" : "s");
  }

  /** Keeps one finding on one line even when a message spans several. */
  private static String oneLine(String message) {
    return message.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
  }
}
