package dev.ftls.cli.report;

import dev.ftls.core.rules.RuleMeta;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the results of a CLI run in one output format. Implementations are stateless and
 * deterministic: the same input always gives the same bytes (no timestamps, stable order).
 */
public interface Reporter {

  /**
   * Writes a run's results to {@code out}.
   *
   * @param run one result per file the run was given or found (with or without findings, analyzed
   *     or not), and the configuration problems
   * @param rules every rule that was enabled for the run (SARIF lists them all)
   * @param root the directory printed paths are relative to; files outside it are printed with
   *     their absolute path
   * @param out where the report goes; lines end with '\n' on every platform
   */
  void report(RunResults run, List<RuleMeta> rules, Path root, PrintStream out);
}
