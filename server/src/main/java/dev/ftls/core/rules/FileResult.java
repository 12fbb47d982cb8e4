package dev.ftls.core.rules;

import dev.ftls.core.source.SourceText;
import java.util.List;

/**
 * The outcome of analyzing one file: its findings (sorted by position), which include source
 * (compile_commands, settings, python3-config, prelude) supplied its headers, and internal errors
 * (a rule that failed on this file; the other rules' findings are still there).
 */
public record FileResult(
    SourceText source, List<Finding> findings, String includeSource, List<String> errors) {
  public FileResult {
    findings = List.copyOf(findings);
    errors = List.copyOf(errors);
  }

  public FileResult(SourceText source, List<Finding> findings, String includeSource) {
    this(source, findings, includeSource, List.of());
  }
}
