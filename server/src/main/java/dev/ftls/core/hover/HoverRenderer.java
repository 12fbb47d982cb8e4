package dev.ftls.core.hover;

import dev.ftls.core.kb.ApiEntry;
import dev.ftls.core.kb.Replacement;
import dev.ftls.core.kb.ThreadSafetyLevel;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Hover text for a C API name or a rule id, as Markdown or plain text. The wording is ftls' own;
 * the facts come from the knowledge base and the rule metadata, and each hover links to the
 * official documentation.
 */
public final class HoverRenderer {
  private HoverRenderer() {}

  /**
   * Hover for a C API name: kind, reference ownership, free-threaded thread safety, limited API
   * membership, the replacement, the given rules that concern it, and the docs link.
   */
  public static String render(ApiEntry entry, List<RuleMeta> rules, boolean markdown) {
    Text t = new Text(markdown);
    List<String> facts = new ArrayList<>();
    String returns = returnsLine(entry, t);
    if (returns != null) {
      facts.add(returns);
    }
    List<ApiEntry.Param> stolen = entry.stolenParams();
    if (!stolen.isEmpty()) {
      facts.add(
          "Steals the reference passed as "
              + stolen.stream().map(p -> t.code(p.name())).collect(Collectors.joining(", "))
              + ": do not release it after the call.");
    }
    String safety = threadSafetyLine(entry, t);
    if (safety != null) {
      facts.add(safety);
    }
    if (entry.since() != null) {
      facts.add("Added in CPython " + entry.since() + ".");
    }
    if (entry.removed() != null) {
      facts.add(t.bold("Removed in CPython " + entry.removed() + "."));
    }
    facts.add(limitedApiLine(entry));
    String note = noteLine(entry, t);
    if (note != null) {
      facts.add(note);
    }
    Replacement r = entry.replacement();
    if (r != null) {
      facts.add(
          (entry.hazard() ? "Use instead: " : "Strong-reference alternative: ")
              + t.code(r.name())
              + " ("
              + r.sinceLabel()
              + ")."
              + (r.note() == null ? "" : " " + t.prose(r.note())));
    }

    StringBuilder out = new StringBuilder();
    out.append(t.bold(entry.name())).append(" (").append(entry.kind()).append(")\n\n");
    t.bullets(out, facts);
    if (!rules.isEmpty()) {
      out.append("\nftls rules:\n");
      t.bullets(
          out,
          rules.stream().map(rule -> t.code(rule.id()) + ": " + rule.summary()).toList());
    }
    out.append('\n').append(t.link(entry.name() + " on docs.python.org", entry.docsUrl()));
    return out.append('\n').toString();
  }

  /**
   * What hover shows for a finding at the hovered place, before the entry: the rule's id, name and
   * documentation link, then the finding's detail (the full explanation). Not the diagnostic's short
   * message: editors show it next to the hover already (VS Code puts it at the top of the same
   * hover). A finding whose detail is only its message adds nothing after the first line.
   */
  public static String renderFinding(RuleMeta rule, Finding finding, boolean markdown) {
    Text t = new Text(markdown);
    String line = t.bold(rule.id()) + " " + t.code(rule.name()) + ": " + t.link("rule documentation", rule.docsUrl());
    return finding.detail().equals(finding.message()) ? line : line + "\n\n" + t.prose(finding.detail());
  }

  /** Hover for a rule id: id, name, severity, summary, the first docs section and the link. */
  public static String renderRule(RuleMeta rule, boolean markdown) {
    Text t = new Text(markdown);
    StringBuilder out = new StringBuilder();
    out.append(t.bold(rule.id()))
        .append(' ')
        .append(t.code(rule.name()))
        .append(" (")
        .append(rule.defaultSeverity().label())
        .append(rule.hasFix() ? ", quick fix available" : "")
        .append(")\n\n")
        .append(rule.summary())
        .append('\n');
    String section = firstSection(rule.docs());
    if (!section.isEmpty()) {
      out.append('\n').append(section).append('\n');
    }
    out.append('\n').append(t.link("Rule documentation", rule.docsUrl()));
    return out.append('\n').toString();
  }

  /**
   * Limited API membership as CPython's stable_abi.dat gives it. That list names the functions and
   * data the stable ABI exports but only some macros and types, and a function-like macro that
   * expands to a listed function (PyModule_Create) is usable without being listed; so the line says
   * what the list says rather than "no".
   */
  private static String limitedApiLine(ApiEntry entry) {
    if (entry.stableAbiSince() != null) {
      return "Limited API: yes, since " + entry.stableAbiSince() + ".";
    }
    if (entry.kind().equals("macro") || entry.kind().equals("type")) {
      return "Limited API: not in CPython's list, which leaves out many macros and types.";
    }
    return "Limited API: not in CPython's list.";
  }

  private static String returnsLine(ApiEntry entry, Text t) {
    if (entry.returns() == null) {
      return null;
    }
    switch (entry.returns()) {
      case "new":
        return "Returns a " + t.bold("new") + " (strong) reference; the caller must release it.";
      case "borrowed":
        return "Returns a "
            + t.bold("borrowed")
            + " reference; the caller does not own it and it stays valid only while its owner"
            + " keeps it.";
      case "null":
        return "Always returns NULL, with an exception set.";
      default:
        return null;
    }
  }

  /**
   * The documented level and its meaning; for a function without one, that there is none; nothing
   * for other names without one (constants, types, data, struct members and macros such as the
   * critical-section ones, for which a level says nothing).
   */
  /** Where a documented level comes from (server/kb-data/PROVENANCE.md says which copy). */
  static final String LEVEL_SOURCE = "(source: CPython's threadsafety.dat, 3.15 development docs)";
  /** A function without an entry: its thread safety is unknown, which is not the same as safe. */
  static final String NO_LEVEL = "Free-threaded build: thread safety unknown: CPython's threadsafety.dat "
      + "has no entry for it (which does not make it safe).";

  private static String threadSafetyLine(ApiEntry entry, Text t) {
    ThreadSafetyLevel level = ThreadSafetyLevel.parse(entry.threadSafety());
    if (level == null) {
      return entry.kind().equals("function") ? NO_LEVEL : null;
    }
    return "Free-threaded build: " + t.bold(level.label()) + ": " + level.meaning() + " " + LEVEL_SOURCE + ".";
  }

  private static String noteLine(ApiEntry entry, Text t) {
    if (entry.note() == null) {
      return null;
    }
    if (entry.hazard()) {
      return t.bold("Free-threading hazard:") + " " + t.prose(entry.note());
    }
    if (entry.returnsBorrowed()) {
      return "Not a free-threading hazard: " + t.prose(entry.note());
    }
    return t.prose(entry.note());
  }

  /** The body of the first "## " section of rule docs, trimmed; empty when there is none. */
  static String firstSection(String docs) {
    if (docs == null) {
      return "";
    }
    List<String> body = new ArrayList<>();
    boolean inside = false;
    for (String line : docs.split("\r?\n", -1)) {
      if (line.startsWith("## ")) {
        if (inside) {
          break;
        }
        inside = true;
      } else if (inside) {
        body.add(line);
      }
    }
    return String.join("\n", body).strip();
  }

  /** The few formatting choices that differ between Markdown and plain text. */
  private static final class Text {
    /** A C API name with an underscore (PyList_GetItem), and its call arguments if any. */
    private static final Pattern C_NAME =
        Pattern.compile("\\b_?Py[A-Za-z0-9]*_\\w*(?:\\([^()]*\\))?");

    private static final Pattern MARKDOWN_SPECIAL = Pattern.compile("[\\\\`*_\\[\\]<>#|]");

    private final boolean markdown;

    Text(boolean markdown) {
      this.markdown = markdown;
    }

    String bold(String s) {
      return markdown ? "**" + s + "**" : s;
    }

    String code(String s) {
      return markdown ? "`" + s + "`" : s;
    }

    /**
     * KB prose: in Markdown, C API names (with their call arguments) become code spans and other
     * Markdown characters are escaped, so "__name__" stays literal.
     */
    String prose(String s) {
      if (!markdown) {
        return s;
      }
      StringBuilder out = new StringBuilder();
      Matcher m = C_NAME.matcher(s);
      int last = 0;
      while (m.find()) {
        out.append(escape(s.substring(last, m.start()))).append(code(m.group()));
        last = m.end();
      }
      return out.append(escape(s.substring(last))).toString();
    }

    private static String escape(String s) {
      return MARKDOWN_SPECIAL.matcher(s).replaceAll("\\\\$0");
    }

    String link(String label, String url) {
      return markdown ? "[" + label + "](" + url + ")" : label + ": " + url;
    }

    void bullets(StringBuilder out, List<String> items) {
      for (String item : items) {
        out.append("- ").append(item).append('\n');
      }
    }
  }
}
