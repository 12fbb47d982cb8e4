package dev.ftls.core.config;

import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.RuleRegistry;
import java.util.List;

/**
 * Whether a rule id or prefix names a rule ftls has: "FT101" or "FT1" do, "FT999" does not. A
 * configuration that names no rule is refused, so that a typo does not silently run nothing.
 */
public final class RuleIds {
  /** What a problem with an unknown id expects. */
  public static final String EXPECTED = "expected the id of a rule ftls has, or a prefix of one (see ftls rules)";

  private RuleIds() {}

  /** Whether {@code idOrPrefix} (upper case) is a rule id or the prefix of at least one. */
  public static boolean known(String idOrPrefix) {
    for (RuleMeta m : RuleRegistry.metas()) {
      if (m.id().startsWith(idOrPrefix)) {
        return true;
      }
    }
    return false;
  }

  /** "FT999 is not a rule of ftls", or the plural for several. */
  public static String unknownWords(List<String> ids) {
    return String.join(", ", ids) + (ids.size() == 1 ? " is not a rule of ftls" : " are not rules of ftls");
  }
}
