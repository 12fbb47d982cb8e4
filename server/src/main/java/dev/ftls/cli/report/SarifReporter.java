package dev.ftls.cli.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.ftls.cli.report.ReportModel.FileEntry;
import dev.ftls.cli.report.ReportModel.Item;
import dev.ftls.cli.report.ReportModel.Range;
import dev.ftls.core.fix.Fix;
import dev.ftls.core.fix.TextEdit;
import dev.ftls.core.rules.FileResult;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.source.SourceText;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. One run; every rule passed in
 * is listed under tool.driver.rules; file locations are relative to {@code %SRCROOT%}, which
 * originalUriBaseIds maps to the root directory. Columns are UTF-16 code units, as
 * run.columnKind says. No timestamps, so the same input gives the same document.
 *
 * <p>Every file gets a result: run.invocations[0] lists, as toolExecutionNotifications, each file
 * that was not analyzed (level error), analyzed only in part (warning) or skipped on purpose
 * (note), and each note on a file (note), located at the file; each configuration problem is a
 * toolConfigurationNotification (warning). Their descriptors, with ids of our own ({@code
 * ftls/not-analyzed}, ...), are listed under tool.driver.notifications. executionSuccessful is
 * false when a file was not analyzed or analyzed only in part.
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
  public void report(RunResults runResults, List<RuleMeta> rules, Path root, PrintStream out) {
    List<FileResult> results = runResults.files();
    JsonObject run = new JsonObject();
    run.add("tool", tool(rules));
    JsonArray invocations = new JsonArray();
    invocations.add(invocation(runResults, root));
    run.add("invocations", invocations);
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
    JsonArray notifications = new JsonArray();
    for (Notice n : Notice.values()) {
      JsonObject d = new JsonObject();
      d.addProperty("id", n.id);
      d.add("shortDescription", text(n.description));
      JsonObject config = new JsonObject();
      config.addProperty("level", n.level);
      d.add("defaultConfiguration", config);
      notifications.add(d);
    }
    driver.add("notifications", notifications);
    JsonObject tool = new JsonObject();
    tool.add("driver", driver);
    return tool;
  }

  /** The kinds of notification ftls writes, in the order of tool.driver.notifications. */
  enum Notice {
    NOT_ANALYZED("ftls/not-analyzed", "error", "A file ftls did not analyze, and why."),
    INCOMPLETE("ftls/incomplete", "warning", "A file ftls analyzed only in part, and what failed."),
    SKIPPED("ftls/skipped", "note", "A file ftls left out on purpose, and why."),
    NOTE("ftls/note", "note", "Something ftls left out of a file's analysis on purpose."),
    CONFIGURATION("ftls/configuration", "warning", "A setting ftls ignored, and what it expected.");

    final String id;
    final String level;
    final String description;

    Notice(String id, String level, String description) {
      this.id = id;
      this.level = level;
      this.description = description;
    }
  }

  private static JsonObject invocation(RunResults run, Path root) {
    JsonArray execution = new JsonArray();
    for (FileEntry f : ReportModel.files(run.files(), root)) {
      Notice kind = switch (f.status()) {
        case NOT_ANALYZED -> Notice.NOT_ANALYZED;
        case INCOMPLETE -> Notice.INCOMPLETE;
        case SKIPPED -> Notice.SKIPPED;
        case ANALYZED -> null;
      };
      if (kind != null) {
        execution.add(notification(kind, f.sentence(), f.result().source().path(), root));
      }
      for (String note : new LinkedHashSet<>(f.notes())) {
        execution.add(notification(Notice.NOTE, note, f.result().source().path(), root));
      }
    }
    JsonArray configuration = new JsonArray();
    for (String p : run.configurationProblems()) {
      configuration.add(notification(Notice.CONFIGURATION, p, null, root));
    }
    JsonObject o = new JsonObject();
    o.addProperty("executionSuccessful", run.complete());
    o.add("toolExecutionNotifications", execution);
    o.add("toolConfigurationNotifications", configuration);
    return o;
  }

  private static JsonObject notification(Notice kind, String message, Path file, Path root) {
    JsonObject n = new JsonObject();
    n.addProperty("level", kind.level);
    n.add("message", text(message));
    if (file != null) {
      n.add("locations", locations(file, null, root));
    }
    JsonObject descriptor = new JsonObject();
    descriptor.addProperty("id", kind.id);
    descriptor.addProperty("index", kind.ordinal());
    n.add("descriptor", descriptor);
    return n;
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
    JsonObject properties = new JsonObject();
    properties.addProperty("detail", i.finding().detail());
    r.add("properties", properties);
    r.add("locations", locations(i.source().path(), i.range(), root));
    if (!i.finding().related().isEmpty()) {
      JsonArray related = new JsonArray();
      for (Finding.Related rel : i.finding().related()) {
        JsonObject location = locations(i.source().path(), Range.of(i.source(), rel.start(), rel.end()), root)
            .get(0).getAsJsonObject();
        location.addProperty("id", related.size());
        location.add("message", text(rel.message()));
        related.add(location);
      }
      r.add("relatedLocations", related);
    }
    if (!i.finding().fixes().isEmpty()) {
      JsonArray fixes = new JsonArray();
      for (Fix fix : i.finding().fixes()) {
        fixes.add(fix(fix, i.source(), root));
      }
      r.add("fixes", fixes);
    }
    return r;
  }

  /** A one-element locations array: the file, and the range in it unless {@code range} is null. */
  private static JsonArray locations(Path file, Range range, Path root) {
    JsonObject physical = new JsonObject();
    physical.add("artifactLocation", artifactLocation(file, root));
    if (range != null) {
      physical.add("region", region(range));
    }
    JsonObject location = new JsonObject();
    location.add("physicalLocation", physical);
    JsonArray locations = new JsonArray();
    locations.add(location);
    return locations;
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
