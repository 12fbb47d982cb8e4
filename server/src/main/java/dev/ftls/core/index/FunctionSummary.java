package dev.ftls.core.index;

import java.util.List;

/**
 * What the project needs to know about one function definition, computed from its file alone.
 *
 * @param name the function's name
 * @param isStatic whether it is {@code static} (visible only in its own file)
 * @param line its line (1-based)
 * @param calls the calls it makes of functions and macros that are not C API names, in order
 * @param lockEffect +1 when its own lock calls leave a lock held at its end, -1 when they release
 *     one it did not take, else 0 (wrappers of wrappers are the index's business)
 * @param blocks whether it calls a blocking function itself
 * @param createsModule whether it creates a single-phase module itself (PyModule_Create)
 * @param declaresGil whether it calls PyUnstable_Module_SetGIL itself
 * @param rootReason why it only runs while no other thread uses the module ("module
 *     initialization", "module teardown", "a once-callback"), or null
 * @param returnsNew whether it returns a new object it created and nothing else holds (see
 *     {@code FreshResults}): the caller's own
 * @param globalWrites the shared variables it writes outside any lock (whoever its callers are)
 */
public record FunctionSummary(
    String name,
    boolean isStatic,
    int line,
    List<Call> calls,
    int lockEffect,
    boolean blocks,
    boolean createsModule,
    boolean declaresGil,
    String rootReason,
    boolean returnsNew,
    List<String> globalWrites) {

  /** One call: the callee's name and whether the caller holds a lock there. */
  public record Call(String name, boolean lockHeld) {}
}
