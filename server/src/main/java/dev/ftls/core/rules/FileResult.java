package dev.ftls.core.rules;

import dev.ftls.core.source.SourceText;
import java.util.List;

/**
 * The outcome of analyzing one file: its findings (sorted by position) and which include source
 * (compile_commands, settings, python3-config, prelude) supplied its headers.
 */
public record FileResult(SourceText source, List<Finding> findings, String includeSource) {
  public FileResult {
    findings = List.copyOf(findings);
  }
}
