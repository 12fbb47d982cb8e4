package dev.ftls.core.rules.builtin;

import dev.ftls.core.fix.Fix;
import dev.ftls.core.fix.TextEdit;
import dev.ftls.core.kb.KnowledgeBase;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.CallSite;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** FT601: PyObject_Malloc and friends used for memory that is not a Python object. */
public final class ObjectAllocatorForRawMemory extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT601",
          "object-allocator-for-raw-memory",
          Severity.ERROR,
          "PyObject_Malloc family used for memory that is not a Python object",
          """
          # FT601 object-allocator-for-raw-memory

          ## What it flags
          `PyObject_Malloc`, `PyObject_Calloc`, `PyObject_Realloc` (and the `PyObject_MALLOC` /
          `PyObject_REALLOC` spellings) whose result is stored in, or cast to, a pointer to plain data:
          `char *`, `double *`, `Py_UCS4 *`, `size_t *`, any pointer to a pointer such as
          `PyObject **` (an array of references is not an object), and the other C scalar types.

          ## Why it matters without the GIL
          The free-threaded build requires the object allocator's memory to hold Python objects only:
          its heaps are walked by the garbage collector and shared between threads on that
          assumption. A byte buffer there can be mistaken for an object, which corrupts memory or
          crashes in ways that are hard to trace. The default build tolerated it.

          ## Example
          ```c
          char *buf = PyObject_Malloc(n);
          ...
          PyObject_Free(buf);
          ```

          ## Use instead
          ```c
          char *buf = PyMem_Malloc(n);
          ...
          PyMem_Free(buf);
          ```
          The matching free must change with the allocation.

          ## Fix
          An unsafe fix: the allocation becomes `PyMem_Malloc` / `PyMem_Calloc` / `PyMem_Realloc`, and
          the `PyObject_Free` and `PyObject_Realloc` calls on the same variable or field in this file
          change with it. It is unsafe because memory of that variable freed in another file would
          then go back to the wrong allocator: its title asks you to check every free.

          ## What it does not flag
          - allocations stored in `void *` or in pointers to struct types (they may be object
            structs; ftls cannot tell);
          - `PyObject_New`, `PyObject_GC_New` and the type's `tp_alloc`, which allocate objects.

          ## References
          - https://docs.python.org/3/howto/free-threading-extensions.html#memory-allocation-apis
          - https://docs.python.org/3/c-api/memory.html
          """,
          true);

  public ObjectAllocatorForRawMemory() {
    super(META);
  }

  private static final Map<String, String> INSTEAD = Map.of(
      "PyObject_Malloc", "PyMem_Malloc", "PyObject_Calloc", "PyMem_Calloc", "PyObject_Realloc", "PyMem_Realloc",
      "PyObject_MALLOC", "PyMem_Malloc", "PyObject_REALLOC", "PyMem_Realloc");
  private static final String RAW =
      "(?:(?:const\\s+|volatile\\s+|signed\\s+|unsigned\\s+|short\\s+|long\\s+)*"
          + "(?:char|short|int|long|float|double|size_t|ssize_t|Py_ssize_t|Py_hash_t|Py_UCS1|Py_UCS2|Py_UCS4|"
          + "wchar_t|u?int(?:8|16|32|64|ptr)_t|bool|_Bool|unsigned|signed)"
          + "\\s*\\*+|[A-Za-z_][A-Za-z0-9_]*\\s*\\*\\s*\\*+)";
  private static final Pattern CAST_BEFORE = Pattern.compile("\\(\\s*" + RAW + "\\s*\\)\\s*$");
  private static final Pattern DECL_BEFORE = Pattern.compile("(?:^|[;{}(,\\s])" + RAW + "\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(?:\\([^()]*\\)\\s*)?$");
  private static final Pattern ASSIGN_BEFORE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:\\s*->\\s*|\\s*\\.\\s*)?([A-Za-z_][A-Za-z0-9_]*)?\\s*=\\s*(?:\\([^()]*\\)\\s*)?$");

  @Override
  public boolean concerns(String apiName, KnowledgeBase kb) {
    return INSTEAD.containsKey(apiName) || apiName.equals("PyObject_Free");
  }

  @Override
  public void check(RuleContext ctx) {
    for (CallSite c : ctx.calls()) {
      String instead = INSTEAD.get(c.name());
      if (instead == null) {
        continue;
      }
      int lineStart = dev.ftls.core.fix.Edits.lineStart(ctx.text(), c.start());
      String before = ctx.text().substring(Math.max(0, Math.min(lineStart, c.start() - 200)), c.start());
      String type = rawTypeOf(ctx, before);
      if (type == null) {
        continue;
      }
      ctx.report(new Finding(META.id(), META.defaultSeverity(), c.name() + " allocates memory for " + type
          + ", which is not a Python object; the free-threaded build needs " + instead
          + " (and PyMem_Free) for such memory", c.start(), c.nameEnd(), fix(ctx, c, instead, target(before))));
    }
  }

  private static final java.util.Set<String> FREES = java.util.Set.of("PyObject_Free", "PyObject_FREE", "PyObject_Del");
  private static final Pattern TARGET = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(?:\\([^()]*\\)\\s*)?$");

  /** The variable or field the allocation is stored in ("buf", "values"), or null. */
  private static String target(String before) {
    Matcher m = TARGET.matcher(before);
    return m.find() ? m.group(1) : null;
  }

  /**
   * The fix: this allocation and the frees and reallocations of the same variable or field in this
   * file move to the PyMem domain together. Unsafe: memory of that variable freed in another file
   * would then be released by the wrong allocator, so the title asks the user to check.
   */
  private static List<Fix> fix(RuleContext ctx, CallSite alloc, String instead, String var) {
    List<TextEdit> edits = new java.util.ArrayList<>();
    edits.add(new TextEdit(alloc.start(), alloc.nameEnd(), instead));
    int changed = 0;
    if (var != null) {
      for (CallSite c : ctx.calls()) {
        if (c == alloc || c.args().isEmpty()) {
          continue;
        }
        String arg = c.arg(0).replaceAll("\\s", "");
        boolean same = arg.equals(var) || arg.endsWith("->" + var) || arg.endsWith("." + var)
            || arg.endsWith(")" + var);
        if (!same) {
          continue;
        }
        if (FREES.contains(c.name())) {
          edits.add(new TextEdit(c.start(), c.nameEnd(), "PyMem_Free"));
          changed++;
        } else if (INSTEAD.containsKey(c.name())) {
          edits.add(new TextEdit(c.start(), c.nameEnd(), INSTEAD.get(c.name())));
          changed++;
        }
      }
    }
    String what = var == null ? "this memory" : "'" + var + "'";
    return List.of(new Fix("Use " + instead + (changed > 0 ? " and PyMem_Free for " + what + " (" + changed
        + " more call(s) in this file)" : "") + "; check that every free of " + what + " uses PyMem_Free", false, edits));
  }

  /** The raw pointer type the allocation ends up in, or null when it may be an object. */
  private static String rawTypeOf(RuleContext ctx, String before) {
    Matcher cast = CAST_BEFORE.matcher(before);
    if (cast.find()) {
      return "'" + cast.group().replaceAll("[()]", "").strip().replaceAll("\\s+", " ") + "'";
    }
    Matcher decl = DECL_BEFORE.matcher(before);
    if (decl.find()) {
      return "'" + decl.group().replaceAll("=.*$", "").replaceAll("^[;{}(,\\s]", "").strip().replaceAll("\\s+", " ") + "'";
    }
    Matcher assign = ASSIGN_BEFORE.matcher(before);
    if (assign.find()) {
      String name = assign.group(2) != null ? assign.group(2) : assign.group(1);
      Matcher declared = Pattern.compile("(?:^|[;{}(,\\s])(" + RAW + ")\\s*" + Pattern.quote(name) + "\\s*[;,=\\[)]")
          .matcher(ctx.text());
      if (declared.find()) {
        return "'" + name + "' (" + declared.group(1).strip().replaceAll("\\s+", " ") + ")";
      }
    }
    return null;
  }
}
