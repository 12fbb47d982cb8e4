package dev.ftls.core.rules;

import dev.ftls.core.fix.Fix;
import java.util.List;

/** One diagnostic produced by a rule, on the character range [start, end) of a source text. */
public record Finding(
    String ruleId, Severity severity, String message, int start, int end, List<Fix> fixes) {
  public Finding {
    fixes = List.copyOf(fixes);
  }

  public Finding withSeverity(Severity s) {
    return new Finding(ruleId, s, message, start, end, fixes);
  }
}
