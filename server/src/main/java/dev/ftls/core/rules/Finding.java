package dev.ftls.core.rules;

import dev.ftls.core.fix.Fix;
import java.util.List;

/**
 * One diagnostic produced by a rule, on the character range [start, end) of a source text, with
 * the places elsewhere in the same text that explain it (a variable's declaration, say).
 */
public record Finding(
    String ruleId, Severity severity, String message, int start, int end, List<Fix> fixes,
    List<Related> related) {
  /** A place in the same source text that a finding refers to, with what it is. */
  public record Related(String message, int start, int end) {}

  public Finding {
    fixes = List.copyOf(fixes);
    related = List.copyOf(related);
  }

  public Finding(String ruleId, Severity severity, String message, int start, int end, List<Fix> fixes) {
    this(ruleId, severity, message, start, end, fixes, List.of());
  }

  public Finding withSeverity(Severity s) {
    return new Finding(ruleId, s, message, start, end, fixes, related);
  }
}
