package dev.ftls.core.index;

import java.util.List;

/**
 * The project facts of one source file: its function summaries, the function names it uses as
 * values (method tables, callbacks: those functions can be called from anywhere), and the module
 * definitions it hands to multi-phase initialization.
 *
 * @param format the layout version of this record (a stored summary of another layout is ignored)
 * @param path the file's absolute path
 * @param stamp what the summary was computed from (file content and compile settings, hashed)
 */
public record FileSummary(
    int format,
    String path,
    String stamp,
    List<FunctionSummary> functions,
    List<String> valueUses,
    List<String> multiPhaseDefs) {

  /** The current layout; bump it when a field's meaning changes. */
  public static final int FORMAT = 1;
}
