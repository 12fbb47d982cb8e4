package dev.ftls.core.rules.builtin;

import dev.ftls.core.fix.Edits;
import dev.ftls.core.fix.Fix;
import dev.ftls.core.fix.TextEdit;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.CallSite;
import dev.ftls.core.semantic.GlobalWrites;
import dev.ftls.core.semantic.SyntaxWalk;
import dev.ftls.core.source.WordSearch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.IASTCompoundStatement;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTIfStatement;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;

/** FT302: {@code if (cache == NULL) cache = ...;} on a shared variable, outside initialization and without a lock. */
public final class LazilyFilledGlobalCache extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT302",
          "lazily-filled-global-cache",
          Severity.WARNING,
          "Global cache filled on first use without a lock",
          """
          # FT302 lazily-filled-global-cache

          ## What it flags
          The lazy cache: a file-scope or function-`static` variable that is tested for `NULL` (or
          zero) and filled when empty, `if (cache == NULL) { cache = ...; }`, in code that any
          thread can run, with no lock held and no once-primitive around it. `if (!cache)`,
          `if (NULL == cache)`, `if (cache == NULL && ...)` and branch hints such as
          `if (NPY_UNLIKELY(cache == NULL))` are recognized too.

          ## Why it matters without the GIL
          With the GIL the test and the fill could not be interleaved by another thread unless the
          fill itself released the GIL. Without it, two threads can both see `NULL` and both fill
          the cache: one result is overwritten (a leaked reference, or a leaked allocation), the
          expensive work runs twice, and a reader may see the pointer before the data it points to.

          ## Example
          ```c
          static PyObject *decimal_type = NULL;

          static PyObject *
          get_decimal(PyObject *self, PyObject *unused)
          {
              if (decimal_type == NULL) {
                  decimal_type = load_decimal_type();
              }
              return Py_XNewRef(decimal_type);
          }
          ```

          ## Use instead
          Fill the cache during module initialization, or fill it under a `PyMutex`, checking
          again once the lock is held (double-checked locking):
          ```c
          static PyMutex decimal_type_mutex;

          if (decimal_type == NULL) {
              PyMutex_Lock(&decimal_type_mutex);
              if (decimal_type == NULL) {
                  decimal_type = load_decimal_type();
              }
              PyMutex_Unlock(&decimal_type_mutex);
          }
          ```
          In C++, `std::call_once` does the same. If every thread may have its own copy, a
          `thread_local` (C11 `_Thread_local`) cache needs no lock at all.

          ## Fix
          Declares `static PyMutex <cache>_mutex;` (after the cache's own declaration, or before the
          function for a function-`static` cache; a second fill of the same cache reuses it) and takes
          it around the whole `if`, both inside `#ifdef Py_GIL_DISABLED` so that the code still builds for Pythons
          without `PyMutex` and is unchanged with the GIL. It is offered when the `if` has no `else`
          and its body does not leave early (`return`, `goto`, `break`, `continue`), so the lock
          is always released. It is marked safe when the body only calls functions that cannot run
          Python code (object constructors such as `PyUnicode_InternFromString`, `PyLong_FromLong`,
          `PyTuple_Pack`, or memory allocation): then nothing can call back into this function
          while the lock is held. Otherwise (an import, a call of a Python object, a helper of
          yours) the fix is unsafe, because `PyMutex` is not re-entrant: check that the fill cannot
          come back to the same cache.

          When the cache is scratch space rather than a shared value (a C buffer, not a Python
          object, whose contents the code writes after the fill: `buf[i] = ...`, `*buf = ...`,
          `memcpy(buf, ...)`, `snprintf(buf, ...)`), a lock around the fill would not help: every
          caller overwrites the same memory. Then the fix instead declares the variable
          `_Thread_local` (`thread_local` in C++), so each thread fills and uses its own copy. It is
          offered for variables declared `static` (at file scope or in the function), and marked
          unsafe: check that no thread needs what another wrote, and note that the copy a thread
          allocates is not freed when that thread ends. MSVC accepts `_Thread_local` in C11 mode
          (`/std:c11`) and later.

          ## What it does not flag
          - fills during module initialization (`PyInit_*`, `Py_mod_exec` functions and helpers only
            they call), inside `pthread_once`/`std::call_once` callbacks, and fills with a lock
            held, including the inner fill of correct double-checked locking;
          - caches declared `_Atomic`/`std::atomic`, or thread-local;
          - fills through a pointer to the cache (`*cache = ...` in a helper that receives
            `&cache`): ftls does not follow pointers;
          - code in inactive preprocessor branches (`#ifndef Py_GIL_DISABLED` keeps a cache for
            the GIL build only) and targets without free threading.
          A check and fill in different functions (the fill in a helper) is reported by FT301 on
          the helper's write instead.

          ## References
          - https://docs.python.org/3/howto/free-threading-extensions.html#protecting-internal-extension-state
          - https://py-free-threading.github.io/porting-extensions/#making-global-caches-thread-safe
          - https://docs.python.org/3/c-api/init.html#c.PyMutex

          ## Proof
          [FT302-lazy-cache](https://github.com/ftls-dev/ftls/tree/main/test-workspaces/proof/FT302-lazy-cache)
          runs this race on a free-threaded CPython (8 threads ask for a lazily built table at once;
          it is built more than once, and ThreadSanitizer reports the race); `scripts/prove.sh`
          shows `unsafe.c` failing and `fixed.c` holding (README, "Race proofs").
          """,
          true);

  public LazilyFilledGlobalCache() {
    super(META, CONCERNS);
  }

  private static final Set<String> CONCERNS = Set.of("PyMutex", "PyMutex_Lock", "PyMutex_Unlock");
  /** Calls that cannot run Python code, so they cannot re-enter the function holding the lock. */
  private static final Pattern NO_REENTRY = Pattern.compile(
      "PyUnicode_(From|InternFrom|Decode)\\w*|PyLong_From\\w+|PyFloat_FromDouble|PyBytes_From\\w+"
          + "|PyTuple_(New|Pack)|PyList_New|PyDict_New|PySet_New|Py_BuildValue|Py_NewRef|Py_XNewRef"
          + "|Py_INCREF|Py_XINCREF|PyMem_(Raw)?(Malloc|Calloc)|malloc|calloc|memset|memcpy|strlen"
          + "|strdup|NULL");

  @Override
  public void check(RuleContext ctx) {
    if (!ctx.target().freeThreaded()) {
      return;
    }
    Set<IASTIfStatement> reported = Collections.newSetFromMap(new IdentityHashMap<>());
    for (GlobalWrites.Write w : GlobalWrites.of(ctx).writes()) {
      if (w.protection() != null || w.lazyCheck() == null || !reported.add(w.lazyCheck())) {
        continue;
      }
      int at = ctx.nameOffset(w.lazyName());
      if (at < 0) {
        continue;
      }
      GlobalWrites.Variable v = w.var();
      boolean scratch = !v.objectPointer() && writtenThrough(ctx, v.name(), w.lazyCheck());
      String message = "'" + v.name() + "' is filled on first use without a lock: two threads can both see it "
          + "empty and both fill it; " + (scratch
              ? "and its contents are written after the fill, so threads share scratch space: make it thread-local"
              : "fill it during module initialization or under a PyMutex");
      // a global of another file: its other fills would need the same mutex, which one file cannot add
      List<Fix> fixes = ctx.fix(() -> v.definedElsewhere() ? null : scratch ? threadLocalFix(ctx, w) : mutexFix(ctx, w));
      ctx.report(new Finding(META.id(), META.defaultSeverity(),
          "'" + v.name() + "' is filled on first use without a lock; " + (scratch ? "make it thread-local" : "use a PyMutex"),
          message, at, at + v.name().length(), fixes));
    }
  }

  private Fix mutexFix(RuleContext ctx, GlobalWrites.Write w) {
    IASTIfStatement ifs = w.lazyCheck();
    String text = ctx.text();
    if (ifs.getElseClause() != null || !(ifs.getParent() instanceof IASTCompoundStatement)
        || !ctx.inFile(ifs) || !Edits.onlySpaceBefore(text, ctx.start(ifs))
        || !Edits.onlySpaceAfter(text, ctx.end(ifs)) || SyntaxWalk.containsJump(ifs.getThenClause())) {
      return null;
    }
    // one mutex per variable: a second fill of the same cache takes the mutex the first fix declared
    String base = w.var().name() + "_mutex";
    java.util.regex.MatchResult declared = WordSearch.first(
        Pattern.compile("static\\s+PyMutex\\s+(" + Pattern.quote(base) + "\\d*)\\s*;"), text, base);
    boolean reuse = !w.var().functionStatic() && declared != null;
    String mutex = reuse ? declared.group(1) : Edits.freshName(text, base);
    String nl = Edits.newline(text);
    String indent = Edits.indentOf(text, ctx.start(ifs));
    IASTFunctionDefinition fn = w.function();
    int fnLine = Edits.lineStart(text, ctx.start(fn));
    int ifLine = Edits.lineStart(text, ctx.start(ifs));
    String guard = "#ifdef Py_GIL_DISABLED" + nl;
    String end = "#endif" + nl;
    // the mutex goes right after a file-scope variable's declaration, so that every function after
    // it can take it; before the function for a function-static one
    int declAt = fnLine;
    org.eclipse.cdt.core.dom.ast.IASTNode decl = w.var().definedElsewhere() ? null : w.var().declarator().getParent();
    if (!w.var().functionStatic() && decl != null && ctx.inFile(decl)
        && Edits.onlySpaceAfter(text, ctx.end(decl))) {
      declAt = Edits.nextLineStart(text, ctx.end(decl));
    }
    List<TextEdit> edits = new ArrayList<>();
    if (!reuse) {
      edits.add(declAt == fnLine
          ? new TextEdit(fnLine, fnLine, guard + "static PyMutex " + mutex + ";" + nl + end + nl)
          : new TextEdit(declAt, declAt, guard + "static PyMutex " + mutex + ";" + nl + end));
    }
    edits.add(new TextEdit(ifLine, ifLine, guard + indent + "PyMutex_Lock(&" + mutex + ");" + nl + end));
    edits.add(new TextEdit(ctx.end(ifs), ctx.end(ifs), nl + guard + indent + "PyMutex_Unlock(&" + mutex + ");" + nl
        + "#endif"));
    boolean safe = true;
    for (CallSite c : ctx.callsIn(fn)) {
      if (c.start() >= ctx.start(ifs) && c.end() <= ctx.end(ifs) && !NO_REENTRY.matcher(c.name()).matches()) {
        safe = false;
        break;
      }
    }
    String title = safe
        ? "Fill '" + w.var().name() + "' under a PyMutex"
        : "Fill '" + w.var().name() + "' under a PyMutex (check that filling it cannot call back into this "
            + "function: PyMutex is not re-entrant)";
    return new Fix(title, safe, edits);
  }

  /** Writes through the variable outside the fill: {@code buf[i] = }, {@code *buf = }, {@code memcpy(buf, ...)}. */
  private static boolean writtenThrough(RuleContext ctx, String var, IASTIfStatement fill) {
    String text = ctx.text();
    String outside = text.substring(0, ctx.start(fill)) + " " + text.substring(ctx.end(fill));
    String v = Pattern.quote(var);
    return WordSearch.finds(Pattern.compile("\\b" + v + "\\s*\\[[^\\]]*\\]\\s*([-+*/|&^]?=(?!=)|\\+\\+|--)"
        + "|(?:^|[;{}])\\s*\\*\\s*" + v + "\\s*=(?!=)|\\b" + v + "\\s*->\\s*\\w+\\s*=(?!=)"
        + "|\\b(memcpy|memset|memmove|strcpy|strncpy|strcat|strncat|sprintf|snprintf|vsnprintf|fgets)\\s*\\(\\s*" + v + "\\b"),
        outside, var); // the * form only at a statement's start: not a declaration
  }

  /**
   * For scratch space (a C buffer whose contents every caller overwrites): each thread gets its own
   * copy. Only for variables declared {@code static} in this file, one per declaration, so no other
   * declaration has to change with it.
   */
  private Fix threadLocalFix(RuleContext ctx, GlobalWrites.Write w) {
    GlobalWrites.Variable v = w.var();
    if (v.definedElsewhere() || !(v.declarator().getParent() instanceof IASTSimpleDeclaration decl)
        || decl.getDeclarators().length != 1
        || !ctx.inFile(decl)) {
      return null;
    }
    String spec = ctx.textOf(decl.getDeclSpecifier());
    java.util.regex.Matcher m = Pattern.compile("\\bstatic\\b").matcher(spec);
    if (!m.find()) {
      return null;
    }
    int at = ctx.start(decl.getDeclSpecifier()) + m.end();
    String keyword = ctx.source().isCpp() ? "thread_local" : "_Thread_local";
    return new Fix("Make '" + v.name() + "' thread-local, one copy per thread (check that no thread needs "
        + "another's contents, and that a copy a thread allocates may stay allocated after the thread ends)",
        false, List.of(new TextEdit(at, at, " " + keyword)));
  }
}
