package dev.ftls.core.rules;

/** One check. Implementations live in {@code rules.builtin}, one class per flagged pattern. */
public interface Rule {
  RuleMeta meta();

  /** Reports findings through {@link RuleContext#report}. Must not keep state between files. */
  void check(RuleContext ctx);

  /** Whether this rule concerns a C API name (for hover's "rules that concern it"). */
  default boolean concerns(String apiName, dev.ftls.core.kb.KnowledgeBase kb) {
    return false;
  }
}
