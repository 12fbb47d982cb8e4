package dev.ftls.core.rules;

import dev.ftls.core.source.SourceText;
import java.util.List;

/**
 * The outcome of analyzing one file. Every file handed to the analyzer gets one, so that nothing
 * is lost silently:
 *
 * <ul>
 *   <li>{@code findings}: sorted by position;
 *   <li>{@code includeSource}: which source (compile_commands, settings, python3-config, prelude)
 *       supplied its headers;
 *   <li>{@code errors}: parts of the analysis that failed (a rule that threw, a budget exceeded in
 *       one rule); the other rules' findings are still there, but the file is {@link
 *       Status#INCOMPLETE};
 *   <li>{@code notes}: what was skipped on purpose and the user should know (an include that is
 *       not a regular file, a header over the size limit); they do not make the file incomplete;
 *   <li>{@code notAnalyzed}: why the file got no analysis at all (unreadable, binary, too large,
 *       the parser gave up, a budget ran out), or null when it was analyzed;
 *   <li>{@code skipped}: with {@code notAnalyzed}, the file was left out on purpose (a vendored
 *       compatibility header), not because something failed;
 *   <li>{@code summary}: the file's project-index summary, made on request ({@link
 *       Analyzer#summaryOf}), when it was asked for; else null.
 * </ul>
 */
public record FileResult(
    SourceText source,
    List<Finding> findings,
    String includeSource,
    List<String> errors,
    List<String> notes,
    String notAnalyzed,
    boolean skipped,
    PendingSummary summary) {

  /** How much of a file was analyzed. */
  public enum Status {
    /** Every enabled rule ran on the whole file. */
    ANALYZED("analyzed"),
    /** Some rules or parts failed ({@link #errors()}); the rest ran. */
    INCOMPLETE("incomplete"),
    /** Nothing ran ({@link #notAnalyzed()} says why). */
    NOT_ANALYZED("not-analyzed"),
    /** Left out on purpose ({@link #notAnalyzed()} says why); not a failure. */
    SKIPPED("skipped");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    /** The word used in every output format. */
    public String label() {
      return label;
    }
  }

  public FileResult {
    findings = List.copyOf(findings);
    errors = List.copyOf(errors);
    notes = List.copyOf(notes);
    if (skipped && notAnalyzed == null) {
      throw new IllegalArgumentException("a skipped file needs the reason");
    }
  }

  public FileResult(SourceText source, List<Finding> findings, String includeSource, List<String> errors,
      List<String> notes, String notAnalyzed, boolean skipped) {
    this(source, findings, includeSource, errors, notes, notAnalyzed, skipped, null);
  }

  public FileResult(SourceText source, List<Finding> findings, String includeSource, List<String> errors) {
    this(source, findings, includeSource, errors, List.of(), null, false);
  }

  public FileResult(SourceText source, List<Finding> findings, String includeSource) {
    this(source, findings, includeSource, List.of(), List.of(), null, false);
  }

  /** A file that got no analysis, with the reason in the user's words ("it looks binary", ...). */
  public static FileResult notAnalyzed(SourceText source, String reason) {
    return new FileResult(source, List.of(), "not analyzed", List.of(), List.of(), reason, false);
  }

  /** A file left out on purpose, with the reason. */
  public static FileResult skipped(SourceText source, String reason) {
    return new FileResult(source, List.of(), "not analyzed", List.of(), List.of(), reason, true);
  }

  public Status status() {
    if (notAnalyzed != null) {
      return skipped ? Status.SKIPPED : Status.NOT_ANALYZED;
    }
    return errors.isEmpty() ? Status.ANALYZED : Status.INCOMPLETE;
  }

  /** The same result with these findings instead (the rest of what a baseline leaves). */
  public FileResult withFindings(List<Finding> kept) {
    return new FileResult(source, kept, includeSource, errors, notes, notAnalyzed, skipped, summary);
  }

  /** The same result with more notes (what was skipped on purpose). */
  public FileResult withNotes(List<String> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<String> all = new java.util.ArrayList<>(notes);
    all.addAll(more);
    return new FileResult(source, findings, includeSource, errors, all, notAnalyzed, skipped, summary);
  }

  /**
   * The same result for a report kept until the end of a run: the file's path and line index (what
   * turns the findings' offsets into lines and columns) without its text ({@link SourceText#positionsOnly}).
   */
  public FileResult forReport() {
    return new FileResult(source.positionsOnly(), findings, includeSource, errors, notes, notAnalyzed, skipped, summary);
  }

  /** The same result for {@code same}, the same text as this result's (read again, say). */
  public FileResult withSource(SourceText same) {
    return new FileResult(same, findings, includeSource, errors, notes, notAnalyzed, skipped, summary);
  }

  /** The same result with the file's project-index summary. */
  public FileResult withSummary(PendingSummary s) {
    return new FileResult(source, findings, includeSource, errors, notes, notAnalyzed, skipped, s);
  }
}
