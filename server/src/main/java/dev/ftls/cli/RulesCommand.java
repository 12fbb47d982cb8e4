package dev.ftls.cli;

import dev.ftls.core.kb.ApiEntry;
import dev.ftls.core.kb.JsonKnowledgeBase;
import dev.ftls.core.kb.KnowledgeBase;
import dev.ftls.core.rules.Rule;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.RuleRegistry;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@code ftls explain RULE} and {@code ftls rules}: rule docs and the rule table. */
public final class RulesCommand {
  private RulesCommand() {}

  public static int explain(List<String> args, PrintStream out, PrintStream err) {
    if (args.size() != 1) {
      err.println("usage: ftls explain RULE   (e.g. ftls explain FT101)");
      return 2;
    }
    Optional<Rule> rule = RuleRegistry.byId(args.get(0));
    if (rule.isEmpty()) {
      err.println("ftls explain: no rule '" + args.get(0) + "'; 'ftls rules' lists them");
      return 2;
    }
    out.print(fullDocs(rule.get()));
    return 0;
  }

  /**
   * A rule's documentation as users read it (ftls explain, docs/rules/): its own text, plus the
   * C API names it covers when those come from the knowledge base.
   */
  public static String fullDocs(Rule rule) {
    KnowledgeBase kb = JsonKnowledgeBase.builtin();
    List<ApiEntry> covered = new ArrayList<>();
    for (ApiEntry e : kb.all()) {
      if (rule.concerns(e.name(), kb) && e.replacement() != null) {
        covered.add(e);
      }
    }
    if (covered.isEmpty()) {
      return rule.meta().docs();
    }
    covered.sort(Comparator.comparing(ApiEntry::name));
    StringBuilder sb = new StringBuilder(rule.meta().docs());
    sb.append("\n## C API names it covers (from the knowledge base)\n");
    for (ApiEntry e : covered) {
      sb.append("- `").append(e.name()).append("` → `").append(e.replacement().name()).append('`');
      if (e.replacement().since() != null) {
        sb.append(" (").append(e.replacement().since()).append(')');
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  public static int table(List<String> args, PrintStream out) {
    out.print(markdownTable());
    return 0;
  }

  /** The rule table as Markdown; the README embeds exactly this text. */
  public static String markdownTable() {
    StringBuilder sb = new StringBuilder();
    sb.append("| id | name | default severity | fix | what it flags |\n");
    sb.append("|---|---|---|---|---|\n");
    for (RuleMeta m : RuleRegistry.metas()) {
      sb.append("| [").append(m.id()).append("](docs/rules/").append(m.id()).append(".md) | `")
          .append(m.name()).append("` | ").append(m.defaultSeverity().label()).append(" | ")
          .append(m.hasFix() ? "yes" : "no").append(" | ").append(m.summary()).append(" |\n");
    }
    return sb.toString();
  }
}
