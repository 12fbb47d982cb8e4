package dev.ftls.cli.report;

import dev.ftls.cli.report.ReportModel.FileEntry;
import dev.ftls.cli.report.ReportModel.Item;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * GitHub Actions workflow commands, which GitHub shows as annotations on the pull request:
 *
 * <pre>
 * ::warning file=src/spam.c,line=10,col=22,endLine=10,endColumn=36,title=FT101 (borrowed-ref)::message
 * </pre>
 *
 * Errors become {@code ::error}, warnings {@code ::warning}, information and hints {@code
 * ::notice}. Paths are relative to the root, which should be the repository checkout.
 *
 * <p>After the findings, a file that was not analyzed is an {@code ::error}, one analyzed only in
 * part a {@code ::warning}, each note a {@code ::notice}, each on the file; each configuration
 * problem is a {@code ::warning} without a file. A file skipped on purpose gets no annotation, as
 * an analyzed file without findings gets none: annotations are for what needs a look.
 */
public final class GithubReporter implements Reporter {

  @Override
  public void report(RunResults run, List<RuleMeta> rules, Path root, PrintStream out) {
    Map<String, RuleMeta> byId = ReportModel.rulesById(rules);
    StringBuilder sb = new StringBuilder();
    for (Item i : ReportModel.items(run.files(), root)) {
      RuleMeta rule = byId.get(i.finding().ruleId());
      String title =
          i.finding().ruleId() + (rule == null ? "" : " (" + rule.name() + ")");
      sb.append("::")
          .append(command(i.finding().severity()))
          .append(" file=")
          .append(escapeProperty(i.path()))
          .append(",line=")
          .append(i.range().start().line())
          .append(",col=")
          .append(i.range().start().column())
          .append(",endLine=")
          .append(i.range().end().line())
          .append(",endColumn=")
          .append(i.range().end().column())
          .append(",title=")
          .append(escapeProperty(title))
          .append("::")
          .append(escapeData(i.finding().message()))
          .append('\n');
    }
    for (FileEntry f : ReportModel.files(run.files(), root)) {
      switch (f.status()) {
        case NOT_ANALYZED -> annotate(sb, "error", f.path(), f.sentence());
        case INCOMPLETE -> annotate(sb, "warning", f.path(), f.sentence());
        default -> { }
      }
      for (String note : f.notes()) {
        annotate(sb, "notice", f.path(), note);
      }
    }
    for (String p : run.configurationProblems()) {
      sb.append("::warning::").append(escapeData(p)).append('\n');
    }
    out.print(sb);
    out.flush();
  }

  private static void annotate(StringBuilder sb, String command, String path, String message) {
    sb.append("::").append(command).append(" file=").append(escapeProperty(path))
        .append("::").append(escapeData(message)).append('\n');
  }

  static String command(Severity s) {
    return ReportModel.levelWord(s, "notice");
  }

  /** Escapes a command's message as the Actions runner expects: %, CR and LF. */
  static String escapeData(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** Escapes a command property value: as data, plus ':' and ','. */
  static String escapeProperty(String s) {
    return escapeData(s).replace(":", "%3A").replace(",", "%2C");
  }
}
