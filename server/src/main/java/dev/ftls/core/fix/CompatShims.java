package dev.ftls.core.fix;

import dev.ftls.core.semantic.FileModel;
import dev.ftls.core.source.WordSearch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorIncludeStatement;

/**
 * How a fix that introduces a newer C API still compiles on the project's older Pythons: the plain
 * new API at every site, and once per file a small definition of it for Pythons that lack it,
 * placed after the file's includes. No definition when the project's oldest Python has the API,
 * when the file includes {@code pythoncapi_compat.h} (itself or through a header ftls resolves), or
 * when the file already defines the name.
 * The definitions are our own, built from the older API with the same behaviour.
 *
 * <p>A fix carries its definition as an insert whose text {@link #isShim} recognizes;
 * {@link FixApplier} keeps one copy of identical inserts and joins different ones at the same place,
 * so applying many fixes at once yields one definition per API.
 */
public final class CompatShims {
  private CompatShims() {}

  /** A definition of {@code name} for Pythons before {@code since}, as lines of C without the guard. */
  private record Shim(String name, String since, List<String> lines) {}

  private static final Map<String, Shim> SHIMS = new LinkedHashMap<>();

  private static void add(String name, String since, String... lines) {
    SHIMS.put(name, new Shim(name, since, List.of(lines)));
  }

  static {
    add("PyList_GetItemRef", "3.13",
        "static inline PyObject *",
        "PyList_GetItemRef(PyObject *list, Py_ssize_t index)",
        "{",
        "    PyObject *item = PyList_GetItem(list, index);",
        "    Py_XINCREF(item);",
        "    return item;",
        "}");
    add("PyImport_AddModuleRef", "3.13",
        "static inline PyObject *",
        "PyImport_AddModuleRef(const char *name)",
        "{",
        "    PyObject *module = PyImport_AddModule(name);",
        "    Py_XINCREF(module);",
        "    return module;",
        "}");
    add("PyDict_GetItemRef", "3.13",
        "static inline int",
        "PyDict_GetItemRef(PyObject *dict, PyObject *key, PyObject **result)",
        "{",
        "    PyObject *value = PyDict_GetItemWithError(dict, key);",
        "    Py_XINCREF(value);",
        "    *result = value;",
        "    if (value != NULL) {",
        "        return 1;",
        "    }",
        "    return PyErr_Occurred() ? -1 : 0;",
        "}");
    add("PyDict_GetItemStringRef", "3.13",
        "static inline int",
        "PyDict_GetItemStringRef(PyObject *dict, const char *key, PyObject **result)",
        "{",
        "    PyObject *value;",
        "    PyObject *key_obj = PyUnicode_FromString(key);",
        "    if (key_obj == NULL) {",
        "        *result = NULL;",
        "        return -1;",
        "    }",
        "    value = PyDict_GetItemWithError(dict, key_obj);",
        "    Py_DECREF(key_obj);",
        "    Py_XINCREF(value);",
        "    *result = value;",
        "    if (value != NULL) {",
        "        return 1;",
        "    }",
        "    return PyErr_Occurred() ? -1 : 0;",
        "}");
    // the documented contract: 1 and the value already there, 0 and the value given after storing
    // it, -1 and NULL on error; the reference in *result is strong, and result may be NULL
    add("PyDict_SetDefaultRef", "3.13",
        "static inline int",
        "PyDict_SetDefaultRef(PyObject *dict, PyObject *key, PyObject *default_value,",
        "                     PyObject **result)",
        "{",
        "    PyObject *value = PyDict_GetItemWithError(dict, key);",
        "    int status = 1;",
        "    if (value == NULL) {",
        "        if (PyErr_Occurred() || PyDict_SetItem(dict, key, default_value) < 0) {",
        "            if (result != NULL) {",
        "                *result = NULL;",
        "            }",
        "            return -1;",
        "        }",
        "        value = default_value;",
        "        status = 0;",
        "    }",
        "    if (result != NULL) {",
        "        Py_INCREF(value);",
        "        *result = value;",
        "    }",
        "    return status;",
        "}");
    // with the GIL a critical section has nothing to add: the default build defines them as braces
    add("Py_BEGIN_CRITICAL_SECTION", "3.13",
        "#  define Py_BEGIN_CRITICAL_SECTION(op) {",
        "#  define Py_END_CRITICAL_SECTION() }");
    add("Py_BEGIN_CRITICAL_SECTION2", "3.13",
        "#  define Py_BEGIN_CRITICAL_SECTION2(a, b) {",
        "#  define Py_END_CRITICAL_SECTION2() }");
    // the free-threaded 3.13 needs 3.14's own test: a count of one can be another thread's
    // reference in the shared count, or one about to be taken through a weak reference; the
    // object must be owned by this thread with one local reference and a shared field of zero
    add("PyUnstable_Object_IsUniquelyReferenced", "3.14",
        "#  ifdef Py_GIL_DISABLED",
        "#    define PyUnstable_Object_IsUniquelyReferenced(op) \\",
        "        (_Py_IsOwnedByCurrentThread(op) \\",
        "         && _Py_atomic_load_uint32_relaxed(&(op)->ob_ref_local) == 1 \\",
        "         && _Py_atomic_load_ssize_relaxed(&(op)->ob_ref_shared) == 0)",
        "#  else",
        "#    define PyUnstable_Object_IsUniquelyReferenced(op) (Py_REFCNT(op) == 1)",
        "#  endif");
    add("Py_SET_TYPE", "3.9",
        "#  define Py_SET_TYPE(ob, type) ((void)(Py_TYPE(ob) = (type)))");
    add("Py_SET_SIZE", "3.9",
        "#  define Py_SET_SIZE(ob, size) ((void)(Py_SIZE(ob) = (size)))");
  }

  /** Whether ftls can define {@code api} for Pythons that lack it. */
  public static boolean has(String api) {
    return SHIMS.containsKey(api);
  }

  /**
   * {@code fix} (which introduces {@code api}, new in {@code since}), made to compile on every
   * Python the project supports: unchanged when no definition is needed, with the definition's
   * insert added when one is, null when one is needed and ftls has none or cannot place it (the
   * file has no {@code #include} before its first function).
   */
  public static Fix adapt(FileModel m, Fix fix, String api, String since) {
    if (fix == null || !needed(m, api, since)) {
      return fix;
    }
    TextEdit insert = insert(m, api);
    if (insert == null) {
      return null;
    }
    List<TextEdit> edits = new ArrayList<>(fix.edits());
    edits.add(insert);
    return new Fix(fix.title() + " (with a definition of " + api + " for Pythons before " + since + ")",
        fix.safe(), edits);
  }

  /** Whether a fix that introduces {@code api} needs a definition of it in this file. */
  public static boolean needed(FileModel m, String api, String since) {
    return m.needsVersionGuard(since) && inFile(m).needs(api);
  }

  /**
   * What a file says about definitions, read once per file and shared by all its fixes: whether it
   * includes pythoncapi_compat.h, which names it defines itself, and where definitions go. (Read
   * per fix, these whole-file scans made a file with hundreds of fixes quadratic.)
   */
  private static final class InFile {
    private final FileModel m;
    private final boolean compat;
    private final Map<String, Boolean> defined = new java.util.HashMap<>();
    private final Map<String, TextEdit> inserts = new java.util.HashMap<>();
    private Integer place;

    InFile(FileModel m) {
      this.m = m;
      this.compat = includesCompat(m);
    }

    boolean needs(String api) {
      return !compat && !defined.computeIfAbsent(api, a -> defines(m.text(), a));
    }

    TextEdit insert(String api) {
      if (place == null) {
        place = place(m);
      }
      return inserts.computeIfAbsent(api, a -> insertAt(m.text(), place, a));
    }
  }

  private static InFile inFile(FileModel m) {
    return m.shared(InFile.class, InFile::new);
  }

  /** Whether the file includes pythoncapi_compat.h, itself or through one of its headers. */
  static boolean includesCompat(FileModel m) {
    if (m.includesHeader(COMPAT_HEADER)) {
      return true;
    }
    // through a header: its include guard is among the macros the headers define, or (when ftls
    // could not resolve it) a header of the file's own names it
    if (m.headerMacros() != null && m.headerMacros().macros().containsKey(COMPAT_GUARD)) {
      return true;
    }
    java.nio.file.Path file = m.source().path();
    java.nio.file.Path dir = file == null ? null : file.toAbsolutePath().getParent();
    for (IASTPreprocessorIncludeStatement inc : m.includes()) {
      java.nio.file.Path header = inc.isResolved() && !inc.getPath().isEmpty() ? java.nio.file.Path.of(inc.getPath())
          : !inc.isSystemInclude() && dir != null ? dir.resolve(inc.getName().toString()) : null;
      if (header != null && namesCompat(header)) {
        return true;
      }
    }
    return false;
  }

  private static final Pattern COMPAT_INCLUDE =
      Pattern.compile("#[ \\t]*include[ \\t]*[<\"](?:[^<>\"]*/)?pythoncapi_compat\\.h[>\"]");

  /** Whether a header (read as text, if small) includes pythoncapi_compat.h. */
  private static boolean namesCompat(java.nio.file.Path header) {
    try {
      return java.nio.file.Files.isRegularFile(header) && java.nio.file.Files.size(header) < 1_000_000
          && COMPAT_INCLUDE.matcher(java.nio.file.Files.readString(header, java.nio.charset.StandardCharsets.ISO_8859_1)).find();
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }

  /** The include guard of pythoncapi_compat.h. */
  private static final String COMPAT_GUARD = "PYTHONCAPI_COMPAT";

  private static final String COMPAT_HEADER = "pythoncapi_compat.h";

  /** Whether the text defines the name itself (a macro, or a function with a body). */
  static boolean defines(String text, String name) {
    String q = Pattern.quote(name);
    return WordSearch.finds(Pattern.compile("#\\s*define\\s+" + q + "\\b"), text, name)
        || WordSearch.finds(Pattern.compile("\\b" + q + "\\s*\\([^()]*\\)\\s*\\{"), text, name);
  }

  /** The insert that defines {@code api} for older Pythons, or null when it has no place. */
  static TextEdit insert(FileModel m, String api) {
    return inFile(m).insert(api);
  }

  private static TextEdit insertAt(String text, int at, String api) {
    Shim s = SHIMS.get(api);
    if (s == null || at < 0) {
      return null;
    }
    String nl = Edits.newline(text);
    StringBuilder b = new StringBuilder();
    if (at == text.length() && !text.isEmpty() && !Edits.endsWithLineBreak(text)) {
      b.append(nl);
    }
    b.append(nl).append(FileModel.versionCheck(s.since()).replace(">=", "<")).append(nl);
    b.append("/* ").append(s.name()).append(" is new in Python ").append(s.since())
        .append("; older versions get this definition. */").append(nl);
    for (String line : s.lines()) {
      b.append(line).append(nl);
    }
    b.append("#endif").append(nl);
    return new TextEdit(at, at, b.toString());
  }

  private static final Pattern INCLUDE = Pattern.compile("(?m)^[ \\t]*#[ \\t]*include\\b");

  private static final Pattern SHIM_TEXT =
      Pattern.compile("^(\\r\\n|\\r|\\n)*#if PY_VERSION_HEX < 0x[0-9A-F]{8}(\\r\\n|\\r|\\n)/\\* \\w+ is new in Python ");

  /** Whether an edit is the insert of such a definition. */
  public static boolean isShim(TextEdit e) {
    return e.start() == e.end() && SHIM_TEXT.matcher(e.newText()).find();
  }

  /**
   * Where definitions go: after the line of the last {@code #include} before the file's first
   * function (after the {@code #endif} when that include sits in a conditional block that closes
   * before the function; an include guard around the whole file stays around the definition).
   * -1 when no include comes before the first function.
   */
  static int place(FileModel m) {
    String text = m.text();
    int firstFunction = m.functions().isEmpty() ? text.length() : m.start(m.functions().get(0));
    int lastInclude = -1;
    Matcher inc = INCLUDE.matcher(text);
    while (inc.find() && inc.start() < firstFunction) {
      lastInclude = inc.start();
    }
    if (lastInclude < 0) {
      return -1;
    }
    int after = Edits.nextLineStart(text, lastInclude);
    int depth = depthAt(text, lastInclude);
    if (depth == 0) {
      return after;
    }
    // leave the conditional blocks around the include when they close before the first function
    int i = after;
    while (i < firstFunction && i < text.length()) {
      String line = text.substring(i, Edits.nextLineStart(text, i)).strip();
      int next = Edits.nextLineStart(text, i);
      if (line.matches("#\\s*if.*")) {
        depth++;
      } else if (line.matches("#\\s*endif.*")) {
        depth--;
        if (depth == 0) {
          return next;
        }
      }
      if (next <= i) {
        break;
      }
      i = next;
    }
    return after;
  }

  /** How many conditional blocks ({@code #if} ... {@code #endif}) are open at {@code offset}. */
  private static int depthAt(String text, int offset) {
    int depth = 0;
    int i = 0;
    while (i < offset) {
      int next = Edits.nextLineStart(text, i);
      String line = text.substring(i, next).strip();
      if (line.matches("#\\s*if.*")) {
        depth++;
      } else if (line.matches("#\\s*endif.*")) {
        depth = Math.max(0, depth - 1);
      }
      if (next <= i) {
        break;
      }
      i = next;
    }
    return depth;
  }

  /**
   * The edits with each definition once: an insert equal to an earlier one is dropped, and the
   * different definitions inserted at one place become one insert, in the order given.
   */
  public static List<TextEdit> merge(List<TextEdit> edits) {
    Map<Integer, StringBuilder> shims = new LinkedHashMap<>();
    List<String> seen = new ArrayList<>();
    List<TextEdit> out = new ArrayList<>();
    for (TextEdit e : edits) {
      if (!isShim(e)) {
        out.add(e);
      } else if (!seen.contains(e.newText())) {
        seen.add(e.newText());
        shims.computeIfAbsent(e.start(), k -> new StringBuilder()).append(e.newText());
      }
    }
    for (Map.Entry<Integer, StringBuilder> s : shims.entrySet()) {
      out.add(new TextEdit(s.getKey(), s.getKey(), s.getValue().toString()));
    }
    return out;
  }
}
