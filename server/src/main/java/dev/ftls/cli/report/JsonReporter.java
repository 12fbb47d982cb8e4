package dev.ftls.cli.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.ftls.cli.report.ReportModel.FileEntry;
import dev.ftls.cli.report.ReportModel.Item;
import dev.ftls.cli.report.ReportModel.Range;
import dev.ftls.cli.report.ReportModel.Summary;
import dev.ftls.core.fix.Fix;
import dev.ftls.core.fix.TextEdit;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.source.SourceText;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** ftls's own machine-readable format, documented field by field in docs/json-format.md. */
public final class JsonReporter implements Reporter {
  /** The value of the top-level "version" field; bumped on an incompatible change. */
  public static final String FORMAT_VERSION = "1";

  private final String toolVersion;

  public JsonReporter(String toolVersion) {
    this.toolVersion = toolVersion;
  }

  public JsonReporter() {
    this(Reporters.toolVersion());
  }

  @Override
  public void report(RunResults run, List<RuleMeta> rules, Path root, PrintStream out) {
    Map<String, RuleMeta> byId = ReportModel.rulesById(rules);
    List<Item> items = ReportModel.items(run.files(), root);

    JsonObject doc = new JsonObject();
    doc.addProperty("version", FORMAT_VERSION);
    JsonObject tool = new JsonObject();
    tool.addProperty("name", Reporters.TOOL_NAME);
    tool.addProperty("version", toolVersion);
    doc.add("tool", tool);

    JsonArray findings = new JsonArray();
    for (Item i : items) {
      JsonObject f = new JsonObject();
      f.addProperty("file", i.path());
      f.addProperty("ruleId", i.finding().ruleId());
      RuleMeta rule = byId.get(i.finding().ruleId());
      if (rule == null) {
        f.add("ruleName", JsonNull.INSTANCE);
      } else {
        f.addProperty("ruleName", rule.name());
      }
      f.addProperty("severity", i.finding().severity().label());
      f.addProperty("message", i.finding().message());
      f.addProperty("detail", i.finding().detail());
      f.add("range", range(i.range()));
      JsonArray fixes = new JsonArray();
      for (Fix fix : i.finding().fixes()) {
        fixes.add(fix(fix, i.source()));
      }
      f.add("fixes", fixes);
      if (!i.finding().related().isEmpty()) {
        JsonArray related = new JsonArray();
        for (Finding.Related r : i.finding().related()) {
          JsonObject o = new JsonObject();
          o.addProperty("message", r.message());
          o.add("range", range(Range.of(i.source(), r.start(), r.end())));
          related.add(o);
        }
        f.add("related", related);
      }
      findings.add(f);
    }
    doc.add("findings", findings);
    JsonArray files = new JsonArray();
    for (FileEntry f : ReportModel.files(run.files(), root)) {
      JsonObject o = new JsonObject();
      o.addProperty("file", f.path());
      o.addProperty("status", f.status().label());
      o.add("reasons", strings(f.reasons()));
      o.add("notes", strings(f.notes()));
      files.add(o);
    }
    doc.add("files", files);
    doc.add("configurationProblems", strings(run.configurationProblems()));
    doc.add("summary", summary(ReportModel.summary(run.files(), items)));
    ReportModel.printJson(doc, out);
  }

  private static JsonArray strings(List<String> list) {
    JsonArray a = new JsonArray();
    list.forEach(a::add);
    return a;
  }

  private static JsonObject fix(Fix fix, SourceText source) {
    JsonObject o = new JsonObject();
    o.addProperty("title", fix.title());
    o.addProperty("safe", fix.safe());
    JsonArray edits = new JsonArray();
    for (TextEdit e : fix.edits()) {
      JsonObject edit = new JsonObject();
      edit.add("range", range(Range.of(source, e.start(), e.end())));
      edit.addProperty("newText", e.newText());
      edits.add(edit);
    }
    o.add("edits", edits);
    return o;
  }

  private static JsonObject range(Range r) {
    JsonObject o = new JsonObject();
    o.add("start", position(r.start()));
    o.add("end", position(r.end()));
    return o;
  }

  private static JsonObject position(ReportModel.Pos p) {
    JsonObject o = new JsonObject();
    o.addProperty("line", p.line());
    o.addProperty("column", p.column());
    return o;
  }

  private static JsonObject summary(Summary s) {
    JsonObject o = new JsonObject();
    o.addProperty("findings", s.findings());
    o.addProperty("filesWithFindings", s.files());
    o.addProperty("filesChecked", s.filesChecked());
    o.addProperty("filesNotAnalyzed", s.filesNotAnalyzed());
    o.addProperty("filesIncomplete", s.filesIncomplete());
    o.addProperty("errors", s.count(Severity.ERROR));
    o.addProperty("warnings", s.count(Severity.WARNING));
    o.addProperty("information", s.count(Severity.INFORMATION));
    o.addProperty("hints", s.count(Severity.HINT));
    o.addProperty("fixable", s.fixable());
    return o;
  }
}
