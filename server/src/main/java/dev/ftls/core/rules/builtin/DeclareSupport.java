package dev.ftls.core.rules.builtin;

/**
 * The one wording of the fixes that declare a module free-threading safe (FT001, FT003). Such a
 * fix is never safe: it is a claim about the whole module, and it changes behaviour on a
 * free-threaded interpreter (the GIL stays off), so its title says what must hold first.
 */
final class DeclareSupport {
  private DeclareSupport() {}

  /** "Declare that this module runs without the GIL (only once its shared state is protected): add ...". */
  static String title(String how) {
    return "Declare that this module runs without the GIL (only once its shared state is protected): " + how;
  }
}
