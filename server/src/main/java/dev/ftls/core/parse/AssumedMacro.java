package dev.ftls.core.parse;

/**
 * A name the parser met where a declaration specifier, a calling convention or an attribute goes,
 * with no definition anywhere the parser saw (its header was probably generated at build time and
 * is absent). The file is parsed again as if the name were a macro that expands to nothing (or,
 * for {@code NAME(type)} standing before a declared function with no other type, to its
 * argument), so the declarations that use it are not lost.
 */
record AssumedMacro(String name, Form form) {
  enum Form {
    /** {@code NAME}: expands to nothing. */
    EMPTY,
    /** {@code NAME(...)}: expands to nothing. */
    EMPTY_FUNCTION,
    /** {@code NAME(type)}: expands to its argument (as Py_LOCAL_INLINE(type) does). */
    ARGUMENT
  }

  /** The key of the macro definition handed to the parser. */
  String key() {
    return form == Form.EMPTY ? name : name + "(...)";
  }

  /** The expansion handed to the parser. */
  String expansion() {
    return form == Form.ARGUMENT ? "__VA_ARGS__" : "";
  }

  /**
   * The note on the file's result.
   *
   * @param pythonHeaders whether Python headers were found (else a Python macro is missing from
   *     the prelude, not from a generated header)
   */
  String note(boolean pythonHeaders) {
    String what = form == Form.ARGUMENT
        ? name + "(...) assumed to stand for its argument, a type"
        : (form == Form.EMPTY ? name : name + "(...)") + " assumed to be an empty attribute macro";
    boolean python = name.startsWith("Py") || name.startsWith("_Py");
    return what + (python && !pythonHeaders
        ? " (a Python macro: no Python headers were found, and the built-in prelude does not define it)"
        : " (no definition found; was its header generated at build time?)");
  }
}
