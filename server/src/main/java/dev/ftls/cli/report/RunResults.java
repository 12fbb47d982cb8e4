package dev.ftls.cli.report;

import dev.ftls.core.rules.FileResult;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What one check run has to report: a result for every file it was given or found (analyzed,
 * incomplete, not analyzed or skipped, see {@link FileResult#status()}), and the configuration
 * problems it ignored (each naming its source, key and expected type; each once).
 */
public record RunResults(List<FileResult> files, List<String> configurationProblems) {

  public RunResults {
    files = List.copyOf(files);
    configurationProblems = List.copyOf(new LinkedHashSet<>(configurationProblems));
  }

  /** A run without configuration problems. */
  public static RunResults of(List<FileResult> files) {
    return new RunResults(files, List.of());
  }

  /** Whether every file was analyzed in full or left out on purpose. */
  public boolean complete() {
    for (FileResult f : files) {
      FileResult.Status s = f.status();
      if (s == FileResult.Status.NOT_ANALYZED || s == FileResult.Status.INCOMPLETE) {
        return false;
      }
    }
    return true;
  }

  public boolean hasFindings() {
    return files.stream().anyMatch(f -> !f.findings().isEmpty());
  }
}
