package dev.ftls.core.semantic;

import java.nio.file.Path;
import java.util.List;

/**
 * What the rest of the project says about functions and variables a file cannot see by itself:
 * the per-function facts of the project index (callers in other files, lock wrappers, module
 * creation in helpers, blocking calls, writes of globals). Semantic facts ask it only about names
 * a file does not define, or about callers outside the file; a file's own code is always judged
 * from the file itself. {@link #NONE} knows nothing, and every fact then falls back to what the
 * file alone shows.
 */
public interface ProjectView {
  /** A call of a function from another function of the project. */
  record Caller(Path file, String function, boolean lockHeld, String initOnlyReason) {}

  /** A global variable a file defines for the others: what its writes need to know. */
  record Global(Path file, boolean objectPointer, String exemption) {}

  /** Whether this view knows the project at all (false for {@link #NONE}). */
  boolean indexed();

  /**
   * The calls of {@code function} (defined, not static, in {@code file}) from other files, or
   * null when the index cannot say (no index, or the function's name is taken as a value
   * somewhere: a method table, a callback).
   */
  List<Caller> callersElsewhere(Path file, String function);

  /**
   * Why a function defined elsewhere only ever runs during module set-up ("module
   * initialization"), or null.
   */
  String initOnlyReason(Path from, String function);

  /** +1 when calling the function, defined elsewhere, leaves a lock held; -1 when it releases one; else 0. */
  int lockEffect(Path from, String function);

  /** Whether the function, defined elsewhere, can block (itself or through what it calls). */
  boolean canBlock(Path from, String function);

  /**
   * Where a function defined elsewhere creates a single-phase module (itself or through what it
   * calls, "module.c: make_module"), or null when it does not.
   */
  String createsModule(Path from, String function);

  /** Whether the function, defined elsewhere, declares the module's GIL use (PyUnstable_Module_SetGIL). */
  boolean declaresGil(Path from, String function);

  /** Whether some function of the project declares its module's GIL use (PyUnstable_Module_SetGIL). */
  boolean someFunctionDeclaresGil();

  /**
   * Whether the project has module init functions ({@code PyInit_*}) and every one of them declares
   * (itself or through what it calls) that its module runs without the GIL.
   */
  boolean everyModuleDeclaresGil();

  /**
   * Whether the function, defined elsewhere, returns a new object it created and nothing else
   * holds (the caller owns the only reference; see {@link FreshResults}).
   */
  boolean returnsNewObject(Path from, String function);

  /** Whether a PyModuleDef of this name is handed to multi-phase initialization in some file. */
  boolean usedForMultiPhaseInit(String moduleDef);

  /**
   * The global variable of this name that another file defines (not static), or null: the
   * variable a write in {@code from} reaches through a header's {@code extern} declaration.
   */
  Global globalDefinedElsewhere(Path from, String variable);

  /** The functions in other files that write a global variable ("a.c: set_up"), in no fixed order. */
  List<String> writersElsewhere(Path file, String variable);

  ProjectView NONE = new ProjectView() {
    @Override
    public boolean indexed() {
      return false;
    }

    @Override
    public List<Caller> callersElsewhere(Path file, String function) {
      return null;
    }

    @Override
    public String initOnlyReason(Path from, String function) {
      return null;
    }

    @Override
    public int lockEffect(Path from, String function) {
      return 0;
    }

    @Override
    public boolean canBlock(Path from, String function) {
      return false;
    }

    @Override
    public String createsModule(Path from, String function) {
      return null;
    }

    @Override
    public boolean declaresGil(Path from, String function) {
      return false;
    }

    @Override
    public boolean someFunctionDeclaresGil() {
      return false;
    }

    @Override
    public boolean everyModuleDeclaresGil() {
      return false;
    }

    @Override
    public boolean returnsNewObject(Path from, String function) {
      return false;
    }

    @Override
    public boolean usedForMultiPhaseInit(String moduleDef) {
      return false;
    }

    @Override
    public Global globalDefinedElsewhere(Path from, String variable) {
      return null;
    }

    @Override
    public List<String> writersElsewhere(Path file, String variable) {
      return List.of();
    }
  };
}
