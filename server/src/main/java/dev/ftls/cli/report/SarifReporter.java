package dev.ftls.cli.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.ftls.cli.report.ReportModel.Item;
import dev.ftls.cli.report.ReportModel.Range;
import dev.ftls.core.rules.FileResult;
import dev.ftls.core.rules.Fix;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.rules.TextEdit;
import dev.ftls.core.source.SourceText;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. One run; every rule passed in
 * is listed under tool.driver.rules; file locations are relative to {@code %SRCROOT%}, which
 * originalUriBaseIds maps to the root directory. Columns are UTF-16 code units, as
 * run.columnKind says. No timestamps, so the same input gives the same document.
 */
public final class SarifReporter implements Reporter {
  public static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
  public static final String SARIF_VERSION = "2.1.0";
  public static final String SRCROOT = "%SRCROOT%";

  private final String toolVersion;

  public SarifReporter(String toolVersion) {
    this.toolVersion = toolVersion;
  }

  public SarifReporter() {
    this(Reporters.toolVersion());
  }

  @Override
  public void report(List<FileResult> results, List<RuleMeta> rules, Path root, PrintStream out) {
    JsonObject run = new JsonObject();
    run.add("tool", tool(rules));
    JsonObject srcRoot = new JsonObject();
    srcRoot.addProperty("uri", rootUri(root));
    JsonObject baseIds = new JsonObject();
    baseIds.add(SRCROOT, srcRoot);
    run.add("originalUriBaseIds", baseIds);

    JsonArray sarifResults = new JsonArray();
    for (Item i : ReportModel.items(results, root)) {
      sarifResults.add(result(i, rules, root));
    }
    run.add("results", sarifResults);
    run.addProperty("columnKind", "utf16CodeUnits");

    JsonObject doc = new JsonObject();
    doc.addProperty("$schema", SCHEMA_URI);
    doc.addProperty("version", SARIF_VERSION);
    JsonArray runs = new JsonArray();
    runs.add(run);
    doc.add("runs", runs);
    ReportModel.printJson(doc, out);
  }

  private JsonObject tool(List<RuleMeta> rules) {
    JsonObject driver = new JsonObject();
    driver.addProperty("name", Reporters.TOOL_NAME);
    driver.addProperty("version", toolVersion);
    driver.addProperty("informationUri", Reporters.INFORMATION_URI);
    JsonArray descriptors = new JsonArray();
    for (RuleMeta r : rules) {
      JsonObject d = new JsonObject();
      d.addProperty("id", r.id());
      d.addProperty("name", r.name());
      d.add("shortDescription", text(r.summary()));
      d.add("fullDescription", text(r.docs()));
      JsonObject help = text(r.docs());
      help.addProperty("markdown", r.docs());
      d.add("help", help);
      d.addProperty("helpUri", r.docsUrl());
      JsonObject config = new JsonObject();
      config.addProperty("level", level(r.defaultSeverity()));
      d.add("defaultConfiguration", config);
      descriptors.add(d);
    }
    driver.add("rules", descriptors);
    JsonObject tool = new JsonObject();
    tool.add("driver", driver);
    return tool;
  }

  private static JsonObject result(Item i, List<RuleMeta> rules, Path root) {
    JsonObject r = new JsonObject();
    r.addProperty("ruleId", i.finding().ruleId());
    int ruleIndex = indexOf(rules, i.finding().ruleId());
    if (ruleIndex >= 0) {
      r.addProperty("ruleIndex", ruleIndex);
    }
    r.addProperty("level", level(i.finding().severity()));
    r.add("message", text(i.finding().message()));
    JsonObject physical = new JsonObject();
    physical.add("artifactLocation", artifactLocation(i.source().path(), root));
    physical.add("region", region(i.range()));
    JsonObject location = new JsonObject();
    location.add("physicalLocation", physical);
    JsonArray locations = new JsonArray();
    locations.add(location);
    r.add("locations", locations);
    if (!i.finding().fixes().isEmpty()) {
      JsonArray fixes = new JsonArray();
      for (Fix fix : i.finding().fixes()) {
        fixes.add(fix(fix, i.source(), root));
      }
      r.add("fixes", fixes);
    }
    return r;
  }

  private static JsonObject fix(Fix fix, SourceText source, Path root) {
    JsonArray replacements = new JsonArray();
    for (TextEdit e : fix.edits()) {
      JsonObject rep = new JsonObject();
      rep.add("deletedRegion", region(Range.of(source, e.start(), e.end())));
      if (!e.newText().isEmpty()) {
        JsonObject inserted = new JsonObject();
        inserted.addProperty("text", e.newText());
        rep.add("insertedContent", inserted);
      }
      replacements.add(rep);
    }
    JsonObject change = new JsonObject();
    change.add("artifactLocation", artifactLocation(source.path(), root));
    change.add("replacements", replacements);
    JsonArray changes = new JsonArray();
    changes.add(change);
    JsonObject o = new JsonObject();
    o.add("description", text(fix.title()));
    o.add("artifactChanges", changes);
    JsonObject props = new JsonObject();
    props.addProperty("safe", fix.safe());
    o.add("properties", props);
    return o;
  }

  /** SARIF result level: error and warning as such, information and hint as note. */
  static String level(Severity s) {
    return ReportModel.levelWord(s, "note");
  }

  private static int indexOf(List<RuleMeta> rules, String id) {
    for (int k = 0; k < rules.size(); k++) {
      if (rules.get(k).id().equals(id)) {
        return k;
      }
    }
    return -1;
  }

  private static JsonObject text(String s) {
    JsonObject o = new JsonObject();
    o.addProperty("text", s);
    return o;
  }

  private static JsonObject region(Range r) {
    JsonObject o = new JsonObject();
    o.addProperty("startLine", r.start().line());
    o.addProperty("startColumn", r.start().column());
    o.addProperty("endLine", r.end().line());
    o.addProperty("endColumn", r.end().column());
    return o;
  }

  /** A relative URI under %SRCROOT% for a file under root, else an absolute file: URI. */
  static JsonObject artifactLocation(Path file, Path root) {
    JsonObject o = new JsonObject();
    if (ReportModel.isUnder(file, root)) {
      o.addProperty("uri", encodePath(ReportModel.displayPath(file, root)));
      o.addProperty("uriBaseId", SRCROOT);
    } else {
      o.addProperty("uri", file.toAbsolutePath().normalize().toUri().toASCIIString());
    }
    return o;
  }

  /** The file: URI of the root directory, ending in '/' as SARIF requires of a base URI. */
  static String rootUri(Path root) {
    String uri = root.toAbsolutePath().normalize().toUri().toASCIIString();
    return uri.endsWith("/") ? uri : uri + "/";
  }

  /**
   * Percent-encodes a '/'-separated relative path as a URI reference: every UTF-8 byte outside
   * RFC 3986's unreserved set and a few harmless sub-delimiters is escaped, ':' included so the
   * first segment can never read as a scheme.
   */
  static String encodePath(String path) {
    StringBuilder sb = new StringBuilder();
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~/!$&'()*+,;=@".indexOf(c) >= 0) {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        sb.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }
}
