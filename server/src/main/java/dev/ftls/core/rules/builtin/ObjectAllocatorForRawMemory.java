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
import dev.ftls.core.source.WordSearch;
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
          Also allocations for a struct of the project that has no object header (its first
          member is neither `PyObject_HEAD` / `PyObject ob_base` nor a struct that may be an
          object), found by the pointer type, a cast or `sizeof(struct foo)`; and allocations kept
          in a `void *` local that the function never treats as an object (it does not return or
          store it, cast it to a pointer type or pass it to `PyObject_Init`) and whose size is
          not an object's (`tp_basicsize`, `sizeof(...)`).

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
          the frees and reallocations of the same memory change with it: those of the local in the
          same function, those of a field it is stored in anywhere in the file, and, when the
          function returns the memory, those of the variables its callers in the file keep it in.
          Allocation and free change together or not at all: there is no fix when the memory is
          returned by a function that other files may call (not `static`, or used as a value) or
          handed to another function of the file, which may free it under another name. It is
          unsafe because memory of a field freed in another file would still go back to the wrong
          allocator: its title asks you to check every free.

          ## What it does not flag
          - allocations stored in pointers to structs with an object header, structs that start
            with another struct that may be an object (a subtype), and structs whose definition
            the file does not show (ftls cannot tell);
          - `void *` memory that the function returns, stores, casts or initializes as an object
            (`PyObject_Init`), or sized as an object (`type->tp_basicsize`, `sizeof(...)`);
          - `PyObject_New`, `PyObject_GC_New` and the type's `tp_alloc`, which allocate objects.

          ## References
          - https://docs.python.org/3/howto/free-threading-extensions.html#memory-allocation-apis
          - https://docs.python.org/3/c-api/memory.html

          ## Proof
          No proof case: on the free-threaded CPython 3.13 a raw block from the object allocator sits
          in the heap of objects the garbage collector does not track, which the collector never
          walks, and it is disturbed only when another thread's lock-free read of a list or dict item
          stalls between loading an item's address and raising its count while that item is freed and
          its memory reused for the raw block. A stress built for that window (threads replacing a
          shared list's item and counting in a scratch table, other threads reading the item, on the
          plain and the ThreadSanitizer builds) never showed it in 15 trials, so the rule stands on
          the documented requirement (see References), not on a reproduced failure.
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
        type = plainStructOf(ctx, c, before);
      }
      if (type == null) {
        type = unusedAsObject(ctx, c, before);
      }
      if (type == null) {
        continue;
      }
      ctx.report(new Finding(META.id(), META.defaultSeverity(),
          c.name() + " for memory that is not a Python object; use " + instead,
          c.name() + " allocates memory for " + type
          + ", which is not a Python object; the free-threaded build needs " + instead
          + " (and PyMem_Free) for such memory", c.start(), c.nameEnd(), ctx.fixes(() -> fix(ctx, c, instead, before))));
    }
  }

  private static final java.util.Set<String> FREES = java.util.Set.of("PyObject_Free", "PyObject_FREE", "PyObject_Del");
  private static final Pattern TARGET = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(?:\\([^()]*\\)\\s*)?$");

  /**
   * The fix: this allocation and the frees and reallocations of the same memory move to the PyMem
   * domain together, or the fix is not offered. A local's frees are those of the same function,
   * and, when the function returns it, those of the variables its callers in this file store the
   * result in; a field's (or a local stored in a field) are those of the field in this file. When
   * the memory is returned to callers ftls cannot all see (the function is not static, or is used
   * as a value), there is no fix: changing one side alone would free with the wrong allocator.
   * Unsafe: memory of that field freed in another file would go back to the wrong allocator, so
   * the title asks the user to check.
   */
  private static List<Fix> fix(RuleContext ctx, CallSite alloc, String instead, String before) {
    Matcher m = TARGET.matcher(before);
    String var = m.find() ? m.group(1) : null;
    boolean field = var != null && before.substring(0, m.start(1)).matches("(?s).*(->|\\.)\\s*$");
    List<TextEdit> edits = new java.util.ArrayList<>();
    edits.add(new TextEdit(alloc.start(), alloc.nameEnd(), instead));
    int[] changed = {0};
    if (var != null && alloc.function() != null) {
      java.util.Set<String> fields = new java.util.LinkedHashSet<>();
      if (field) {
        fields.add(var);
      } else {
        if (!moveCalls(ctx, ctx.callsIn(alloc.function()), alloc, var, false, edits, changed)) {
          return List.of();
        }
        String body = ctx.text().substring(alloc.end(), ctx.end(alloc.function()));
        Matcher stored = Pattern.compile("(?:->|\\.)\\s*([A-Za-z_]\\w*)\\s*=\\s*(?:\\([^()]*\\)\\s*)?"
            + Pattern.quote(var) + "\\s*;").matcher(body);
        while (stored.find()) {
          fields.add(stored.group(1));
        }
        if (Pattern.compile("\\breturn\\s*(?:\\([^()]*\\)\\s*)?" + Pattern.quote(var) + "\\s*;").matcher(body).find()
            && !callersFree(ctx, alloc.function(), alloc, edits, changed)) {
          return List.of();
        }
      }
      for (String f : fields) {
        moveCalls(ctx, ctx.calls(), alloc, f, true, edits, changed);
      }
    }
    String what = var == null ? "this memory" : "'" + var + "'";
    return List.of(new Fix("Use " + instead + (changed[0] > 0 ? " and PyMem_Free for " + what + " (" + changed[0]
        + " more call(s) in this file)" : "") + "; check that every free of " + what + " uses PyMem_Free", false, edits));
  }

  /**
   * Frees and reallocations of a variable ({@code field}: of a field by that name) among some
   * calls move too. False when a local is handed to a function of this file, which may free it
   * under another name.
   */
  private static boolean moveCalls(RuleContext ctx, List<CallSite> calls, CallSite alloc, String name, boolean field,
      List<TextEdit> edits, int[] changed) {
    for (CallSite c : calls) {
      if (c == alloc || c.args().isEmpty() || edits.stream().anyMatch(e -> e.start() == c.start())) {
        continue;
      }
      String arg = c.arg(0).replaceAll("\\s", "");
      boolean same = field ? arg.endsWith("->" + name) || arg.endsWith("." + name)
          : arg.equals(name) || arg.matches("\\([^()]*\\)" + Pattern.quote(name));
      if (!field && ctx.callGraph().function(c.name()) != null
          && c.args().stream().anyMatch(a -> a.text().replaceAll("\\s", "").equals(name))) {
        return false;
      }
      if (same && FREES.contains(c.name())) {
        edits.add(new TextEdit(c.start(), c.nameEnd(), "PyMem_Free"));
        changed[0]++;
      } else if (same && INSTEAD.containsKey(c.name())) {
        edits.add(new TextEdit(c.start(), c.nameEnd(), INSTEAD.get(c.name())));
        changed[0]++;
      }
    }
    return true;
  }

  /**
   * For a function that returns the memory: the frees of the variables its callers store the
   * result in join the fix. False when some caller is out of sight or passes the result on.
   */
  private static boolean callersFree(RuleContext ctx, org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition fn, CallSite alloc,
      List<TextEdit> edits, int[] changed) {
    List<CallSite> calls = new dev.ftls.core.semantic.DirectCallers(ctx).allCallsOf(fn);
    if (calls == null) {
      return false;
    }
    for (CallSite call : calls) {
      String before = ctx.text().substring(Math.max(ctx.start(call.function()), call.start() - 200), call.start());
      Matcher m = TARGET.matcher(before);
      if (!m.find() || before.substring(0, m.start(1)).matches("(?s).*(->|\\.)\\s*$")) {
        return false;
      }
      if (!moveCalls(ctx, ctx.callsIn(call.function()), alloc, m.group(1), false, edits, changed)) {
        return false;
      }
    }
    return true;
  }

  private static final Pattern STRUCT_CAST = Pattern.compile("\\(\\s*(?:struct\\s+)?([A-Za-z_]\\w*)\\s*\\*\\s*\\)\\s*$");
  private static final Pattern STRUCT_DECL = Pattern.compile(
      "(?:^|[;{}(,\\s])(?:struct\\s+)?([A-Za-z_]\\w*)\\s*\\*\\s*([A-Za-z_]\\w*)\\s*=\\s*(?:\\([^()]*\\)\\s*)?$");
  private static final Pattern SIZEOF = Pattern.compile("^\\s*sizeof\\s*\\(\\s*(?:struct\\s+)?([A-Za-z_]\\w*)\\s*\\)\\s*$");

  /** "'struct foo *'" when the allocation is for a struct of the project that has no object header, else null. */
  private static String plainStructOf(RuleContext ctx, CallSite c, String before) {
    String type = null;
    Matcher cast = STRUCT_CAST.matcher(before);
    Matcher decl = STRUCT_DECL.matcher(before);
    Matcher size = c.args().isEmpty() ? null : SIZEOF.matcher(c.arg(c.args().size() - 1));
    if (cast.find()) {
      type = cast.group(1);
    } else if (decl.find() && !decl.group(1).equals("void")) {
      type = decl.group(1);
    } else if (size != null && size.find()) {
      type = size.group(1);
    }
    if (type == null || !dev.ftls.core.semantic.StructKinds.of(ctx).plain(type)) {
      return null;
    }
    return "'" + type + "', a struct without an object header";
  }

  private static final Pattern VOID_DECL =
      Pattern.compile("(?:^|[;{}(,\\s])void\\s*\\*\\s*([A-Za-z_]\\w*)\\s*=\\s*(?:\\(\\s*void\\s*\\*\\s*\\)\\s*)?$");
  private static final Pattern OBJECT_SIZE = Pattern.compile("tp_basicsize|tp_itemsize|_PyObject_(VAR_)?SIZE|sizeof\\s*\\(");

  /**
   * "'void *p', never used as an object" for {@code void *p = PyObject_Malloc(n)} when the
   * function neither hands p on (returns it, stores it) nor treats it as an object (casts it to a
   * pointer type, PyObject_Init), and the size is not an object's size; else null.
   */
  private static String unusedAsObject(RuleContext ctx, CallSite c, String before) {
    Matcher decl = VOID_DECL.matcher(before);
    if (!decl.find() || c.function() == null || c.args().stream().anyMatch(a -> OBJECT_SIZE.matcher(a.text()).find())) {
      return null;
    }
    String var = Pattern.quote(decl.group(1));
    String rest = ctx.text().substring(c.end(), ctx.end(c.function()));
    boolean handedOn = Pattern.compile("\\breturn\\s*(\\([^()]*\\)\\s*)?" + var + "\\s*;"
        + "|=\\s*(\\([^()]*\\)\\s*)?" + var + "\\s*[;,)]"
        + "|\\(\\s*(?:struct\\s+)?[A-Za-z_]\\w*\\s*\\*\\s*\\)\\s*" + var + "\\b"
        + "|PyObject_Init\\w*\\s*\\(\\s*(\\([^()]*\\)\\s*)?" + var + "\\b").matcher(rest).find();
    return handedOn ? null : "'void *" + decl.group(1) + "', which the function never uses as an object";
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
      java.util.regex.MatchResult declared = WordSearch.first(
          Pattern.compile("(?:^|[;{}(,\\s])(" + RAW + ")\\s*" + Pattern.quote(name) + "\\s*[;,=\\[)]"), ctx.text(), name);
      if (declared != null) {
        return "'" + name + "' (" + declared.group(1).strip().replaceAll("\\s+", " ") + ")";
      }
    }
    return null;
  }
}
