package dev.ftls.cli.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.ftls.cli.report.ReportModel.Item;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.RuleRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --statistics}: how many findings each rule produced, most first, instead of the findings.
 * Text, one rule a line: count, id, fix mark ({@code [*]} some have a safe fix, {@code [-]} only
 * unsafe ones), name. JSON: an array of {@code {code, name, count, fixable, unsafeFixable}}.
 */
final class StatisticsReporter implements Reporter {
  private final boolean json;

  StatisticsReporter(boolean json) {
    this.json = json;
  }

  /** The counts of one rule. */
  record Row(String code, String name, int count, int fixable, int unsafeFixable) {}

  static List<Row> rows(RunResults run, Path root) {
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (Item i : ReportModel.items(run.files(), root)) {
      int[] c = counts.computeIfAbsent(i.finding().ruleId(), k -> new int[3]);
      c[0]++;
      if (ReportModel.hasSafeFix(i.finding())) {
        c[1]++;
      } else if (ReportModel.hasOnlyUnsafeFix(i.finding())) {
        c[2]++;
      }
    }
    List<Row> rows = new ArrayList<>();
    counts.forEach((code, c) -> rows.add(new Row(code,
        RuleRegistry.byId(code).map(r -> r.meta().name()).orElse(""), c[0], c[1], c[2])));
    rows.sort(Comparator.comparingInt(Row::count).reversed().thenComparing(Row::code));
    return rows;
  }

  @Override
  public void report(RunResults run, List<RuleMeta> rules, Path root, PrintStream out) {
    List<Row> rows = rows(run, root);
    if (json) {
      JsonArray a = new JsonArray();
      for (Row r : rows) {
        JsonObject o = new JsonObject();
        o.addProperty("code", r.code());
        o.addProperty("name", r.name());
        o.addProperty("count", r.count());
        o.addProperty("fixable", r.fixable());
        o.addProperty("unsafeFixable", r.unsafeFixable());
        a.add(o);
      }
      ReportModel.printJson(a, out);
      return;
    }
    int width = rows.stream().mapToInt(r -> String.valueOf(r.count()).length()).max().orElse(1);
    StringBuilder sb = new StringBuilder();
    for (Row r : rows) {
      String mark = r.fixable() > 0 ? TextReporter.FIXABLE_MARK
          : r.unsafeFixable() > 0 ? TextReporter.UNSAFE_MARK : "   ";
      sb.append(String.format("%" + width + "d", r.count())).append('\t').append(r.code()).append('\t')
          .append(mark).append(' ').append(r.name()).append('\n');
    }
    out.print(sb);
    out.flush();
  }
}
