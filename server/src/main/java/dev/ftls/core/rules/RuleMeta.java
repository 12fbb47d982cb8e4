package dev.ftls.core.rules;

import java.util.List;

/**
 * What a rule is: its stable id, kebab-case name, default severity, one-line summary, and user
 * docs (Markdown with the fixed headings). Everything users read about a rule is derived from this.
 */
public record RuleMeta(
    String id,
    String name,
    Severity defaultSeverity,
    String summary,
    String docs,
    boolean hasFix) {

  /** Where the rule's docs live on the web (diagnostic codeDescription, SARIF helpUri). */
  public static final String DOCS_BASE = "https://github.com/ftls-dev/ftls/blob/main/docs/rules/";

  public String docsUrl() {
    return DOCS_BASE + id + ".md";
  }

  public static List<String> requiredDocHeadings() {
    return List.of(
        "## What it flags",
        "## Why it matters without the GIL",
        "## Example",
        "## Use instead",
        "## Fix",
        "## What it does not flag",
        "## References");
  }
}
