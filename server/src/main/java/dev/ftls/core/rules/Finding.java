package dev.ftls.core.rules;

import dev.ftls.core.fix.Fix;
import java.util.List;

/**
 * One diagnostic produced by a rule, on the character range [start, end) of a source text, with
 * the places elsewhere in the same text that explain it (a variable's declaration, say).
 *
 * <p>{@code message} is the short line users see first (the editor's Problems panel, the CLI's text
 * and GitHub output): the hazard first and the remedy's name last, under about 80 characters.
 * {@code detail} is the full explanation (why it is a hazard, where the other half is, what to do),
 * shown by hover and carried by the JSON and SARIF reports. A finding made without a detail uses its
 * message as the detail.
 */
public record Finding(
    String ruleId, Severity severity, String message, String detail, int start, int end, List<Fix> fixes,
    List<Related> related) {
  /** A place in the same source text that a finding refers to, with what it is. */
  public record Related(String message, int start, int end) {}

  public Finding {
    detail = detail == null || detail.isEmpty() ? message : detail;
    fixes = List.copyOf(fixes);
    related = List.copyOf(related);
  }

  /** A finding with a short message and its long detail. */
  public Finding(String ruleId, Severity severity, String message, String detail, int start, int end, List<Fix> fixes) {
    this(ruleId, severity, message, detail, start, end, fixes, List.of());
  }

  /** A finding whose message is all there is to say (the detail repeats it). */
  public Finding(String ruleId, Severity severity, String message, int start, int end, List<Fix> fixes,
      List<Related> related) {
    this(ruleId, severity, message, message, start, end, fixes, related);
  }

  /** A finding whose message is all there is to say (the detail repeats it). */
  public Finding(String ruleId, Severity severity, String message, int start, int end, List<Fix> fixes) {
    this(ruleId, severity, message, message, start, end, fixes, List.of());
  }

  public Finding withSeverity(Severity s) {
    return new Finding(ruleId, s, message, detail, start, end, fixes, related);
  }
}
