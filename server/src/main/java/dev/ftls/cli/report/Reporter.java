package dev.ftls.cli.report;

import dev.ftls.core.rules.FileResult;
import dev.ftls.core.rules.RuleMeta;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the findings of a CLI run in one output format. Implementations are stateless and
 * deterministic: the same input always gives the same bytes (no timestamps, stable order).
 */
public interface Reporter {

  /**
   * Writes {@code results} to {@code out}.
   *
   * @param results one entry per analyzed file, including files without findings
   * @param rules every rule that was enabled for the run (SARIF lists them all)
   * @param root the directory printed paths are relative to; files outside it are printed with
   *     their absolute path
   * @param out where the report goes; lines end with '\n' on every platform
   */
  void report(List<FileResult> results, List<RuleMeta> rules, Path root, PrintStream out);
}
