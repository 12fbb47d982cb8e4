package dev.ftls.core.index;

import java.util.List;

/**
 * The project facts of one source file: its function summaries, the function names it uses as
 * values (method tables, callbacks: those functions can be called from anywhere), and the module
 * definitions it hands to multi-phase initialization, and the global variables it defines for the
 * other files.
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
    List<String> multiPhaseDefs,
    List<Global> globals) {

  /** The current layout; bump it when a field's meaning changes. */
  public static final int FORMAT = 2;

  /**
   * A file-scope variable other files can see (neither static nor extern).
   *
   * @param exemption why writes to it are safe by its declaration ("atomic", "thread-local",
   *     "const"), or null
   */
  public record Global(String name, boolean objectPointer, String exemption) {}
}
