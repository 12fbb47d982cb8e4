package dev.ftls.core.rules;

import dev.ftls.core.kb.KnowledgeBase;
import java.util.Set;

/**
 * What every built-in rule class shares: it holds the rule's {@link RuleMeta} and, when given, the
 * C API names the rule concerns (for hover's "rules that concern it"). A rule whose concern is
 * not a fixed list of names overrides {@link #concerns}.
 */
public abstract class RuleBase implements Rule {
  private final RuleMeta meta;
  private final Set<String> concernedNames;

  protected RuleBase(RuleMeta meta) {
    this(meta, Set.of());
  }

  protected RuleBase(RuleMeta meta, Set<String> concernedNames) {
    this.meta = meta;
    this.concernedNames = Set.copyOf(concernedNames);
  }

  @Override
  public final RuleMeta meta() {
    return meta;
  }

  @Override
  public boolean concerns(String apiName, KnowledgeBase kb) {
    return concernedNames.contains(apiName);
  }
}
