package dev.ftls.core.rules.builtin;

import dev.ftls.core.fix.Fix;
import dev.ftls.core.fix.PyMutexRewrite;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.CallSite;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTNamedTypeSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;

/** FT303: a PyThread_type_lock where PyMutex (3.13+) would do. */
public final class PyThreadTypeLock extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT303",
          "pythread-type-lock",
          Severity.INFORMATION,
          "PyThread_type_lock where a PyMutex would do",
          """
          # FT303 pythread-type-lock

          ## What it flags
          Variables and struct members of type `PyThread_type_lock` when the target Python has
          `PyMutex` (3.13 and later). In a file that calls `PyThread_allocate_lock` but declares no
          such variable (the lock is kept in a `void *`, say), the calls are flagged instead.

          ## Why it matters without the GIL
          Code that used to rely on the GIL needs locks, and `PyMutex` is the lock CPython
          recommends for extensions: one byte, statically initialized with `{0}` (no allocation
          at import time and no failure path), and integrated with the runtime: a thread that blocks
          on it detaches its thread state, so the garbage collector's stop-the-world pause and, in
          the GIL build, the GIL cannot deadlock against it. A `PyThread_type_lock` must be
          allocated and freed, can fail to allocate, and a thread blocked on it while attached holds
          up every other thread's stop-the-world pause.

          ## Example
          ```c
          static PyThread_type_lock cache_lock;   /* PyThread_allocate_lock() in PyInit */

          PyThread_acquire_lock(cache_lock, WAIT_LOCK);
          ...
          PyThread_release_lock(cache_lock);
          ```

          ## Use instead
          ```c
          static PyMutex cache_lock;              /* zero-initialized: ready to use */

          PyMutex_Lock(&cache_lock);
          ...
          PyMutex_Unlock(&cache_lock);
          ```
          A module that still supports Pythons before 3.13 can keep the old lock in a
          `#if PY_VERSION_HEX < 0x030D0000` branch.

          ## Fix
          An unsafe fix for a lock declared alone at file scope (`static PyThread_type_lock L;`) or
          as a struct member, offered only when every mention of the lock in the file is one of
          these, which it rewrites together:
          - the declaration becomes `PyMutex L;` (an `= NULL` goes: a static `PyMutex` starts
            unlocked);
          - `L = PyThread_allocate_lock();` is deleted with the `if (L == NULL)` / `if (!L)` right
            after it (and `if ((L = PyThread_allocate_lock()) == NULL) { ... }` as a whole). For a
            member, `x->L = PyThread_allocate_lock()` becomes `x->L = (PyMutex){0}` (`PyMutex{}` in
            C++) instead: the struct's memory need not start zeroed;
          - `PyThread_free_lock(L);` is deleted, with an `L = NULL;` right after it and an
            enclosing `if (L)` / `if (L != NULL)` that does nothing else;
          - `PyThread_acquire_lock(L, WAIT_LOCK)` (or `1`) as a statement becomes
            `PyMutex_Lock(&L)`, and `if (!PyThread_acquire_lock(L, WAIT_LOCK)) { ... }` becomes
            `PyMutex_Lock(&L);`: since 3.13 a PyThread lock is a `PyMutex` inside, and a waiting
            acquire always succeeds;
          - `PyThread_release_lock(L)` becomes `PyMutex_Unlock(&L)`.

          For a member, `x->L` and `x.L` count for any object of that struct (known from the types;
          by the name alone when a type is unknown and no other struct of the file has a member of
          that name).

          There is no fix when the lock is used in any other way: passed to a function, its address
          taken, `PyThread_acquire_lock_timed`, `NOWAIT_LOCK` or a computed wait flag, a NULL test
          anywhere but right after the allocation, a mention in a macro definition or in a branch
          of `#if` that is not compiled, a brace initializer for the struct other than `{0}`, or a
          statement to delete that shares its line with other code or is the only statement of a
          label, loop or other `if`. Locals, `extern` declarations and several declarators in one
          declaration (`PyThread_type_lock a, b;`) get no fix either.

          It is unsafe because the two locks wait differently: `PyThread_acquire_lock` keeps the
          thread attached (holding the GIL in the default build) while it waits, `PyMutex_Lock`
          detaches. Code that counted on no other thread running during that wait (a borrowed
          reference held across it, state the GIL protected) changes behaviour. The title says so,
          and for a lock other files can see (a variable that is not `static`, or a declaration in
          a header) it also asks you to check that no other file uses it. Deleting the allocation
          and the free can leave a local variable or a label unused; the compiler points them out.

          Unless the project's oldest Python (`minimumPython`, or `requires-python` in
          pyproject.toml) is 3.13 or newer, the old code is kept for older versions: each changed
          line behind `#if PY_VERSION_HEX >= 0x030D0000` / `#else` / `#endif`, deleted lines behind
          `#if PY_VERSION_HEX < 0x030D0000`. (pythoncapi_compat.h has no `PyMutex`, and ftls adds no
          definition of it for older Pythons the way other fixes do: a lock that does nothing would
          change what the old builds do, which may drop the GIL while holding the lock.)

          ## What it does not flag
          - targets older than 3.13, which have no `PyMutex`;
          - code in a branch that only builds for older Pythons or for the GIL build
            (`#if PY_VERSION_HEX < 0x030D0000`, `#ifndef Py_GIL_DISABLED`, the `#else` of
            `#if PY_VERSION_HEX >= 0x030D0000`): inactive branches are not analyzed at all, and an
            active branch that is written for old versions is left alone;
          - function parameters of type `PyThread_type_lock` (the lock is declared elsewhere).

          ## References
          - https://docs.python.org/3/c-api/init.html#c.PyMutex
          - https://py-free-threading.github.io/porting-extensions/#pymutex
          - https://docs.python.org/3/howto/free-threading-extensions.html#protecting-internal-extension-state

          ## Proof
          No proof case: a `PyThread_type_lock` used correctly is not a race; the rule
          asks for `PyMutex` because it is simpler and cannot fail to allocate. The one
          hazard of the old lock, waiting for it while attached, is FT502's, proved by
          [FT502-lock-while-attached](https://github.com/ftls-dev/ftls/tree/main/test-workspaces/proof/FT502-lock-while-attached).
          """,
          true);

  public PyThreadTypeLock() {
    super(META, CONCERNS);
  }

  private static final String PYMUTEX_SINCE = "3.13";
  private static final Set<String> CONCERNS = Set.of(
      "PyThread_type_lock", "PyThread_allocate_lock", "PyThread_free_lock", "PyThread_acquire_lock",
      "PyThread_acquire_lock_timed", "PyThread_release_lock");
  /** An upper bound on the version: a branch written for older Pythons. */
  private static final Pattern UPPER =
      Pattern.compile("PY_VERSION_HEX<|>=?PY_VERSION_HEX|PY_MINOR_VERSION<|>=?PY_MINOR_VERSION");
  /** A lower bound on the version. */
  private static final Pattern LOWER =
      Pattern.compile("PY_VERSION_HEX>|<=?PY_VERSION_HEX|PY_MINOR_VERSION>|<=?PY_MINOR_VERSION");

  @Override
  public void check(RuleContext ctx) {
    if (!ctx.target().atLeast(3, 13)) {
      return;
    }
    List<int[]> ranges = new ArrayList<>();
    List<IASTSimpleDeclaration> declarations = new ArrayList<>();
    ctx.ast().accept(new ASTVisitor() {
      {
        shouldVisitDeclarations = true;
      }

      @Override
      public int visit(IASTDeclaration d) {
        if (d instanceof IASTSimpleDeclaration sd && sd.getDeclarators().length > 0
            && sd.getDeclSpecifier() instanceof IASTNamedTypeSpecifier t
            && t.getName().toString().equals("PyThread_type_lock")) {
          int at = ctx.nameOffset(t.getName());
          if (at >= 0) {
            ranges.add(new int[] {at, at + "PyThread_type_lock".length()});
            declarations.add(sd);
          }
        }
        return PROCESS_CONTINUE;
      }
    });
    for (int i = 0; i < ranges.size(); i++) {
      int[] r = ranges.get(i);
      if (!forOldPythons(ctx, r[0])) {
        IASTSimpleDeclaration declaration = declarations.get(i);
        ctx.report(new Finding(META.id(), META.defaultSeverity(),
            "PyThread_type_lock: a PyMutex is simpler and detaches while waiting; use PyMutex",
            "PyThread_type_lock: since Python 3.13 "
            + "a PyMutex is simpler (static, zero-initialized, cannot fail to allocate) and detaches the "
            + "thread state while it waits", r[0], r[1], ctx.fixes(() -> fixes(ctx, declaration))));
      }
    }
    if (!ranges.isEmpty()) {
      return;
    }
    for (CallSite c : ctx.calls()) {
      if (c.name().equals("PyThread_allocate_lock") && !forOldPythons(ctx, c.start())) {
        ctx.report(new Finding(META.id(), META.defaultSeverity(),
            "PyThread_allocate_lock: a static PyMutex needs no allocation; use PyMutex",
            "PyThread_allocate_lock: since Python "
            + "3.13 a static PyMutex needs no allocation and detaches the thread state while it waits",
            c.start(), c.nameEnd(), List.of()));
      }
    }
  }

  /** The fix for one declaration, kept for older Pythons behind a version check unless the project needs none. */
  private static List<Fix> fixes(RuleContext ctx, IASTSimpleDeclaration declaration) {
    Fix fix = PyMutexRewrite.of(ctx, declaration, ctx.needsVersionGuard(PYMUTEX_SINCE) ? PYMUTEX_SINCE : null);
    return fix == null ? List.of() : List.of(fix);
  }

  /** Whether code at an offset sits in a branch written for Pythons before 3.13 or for the GIL build. */
  private static boolean forOldPythons(RuleContext ctx, int offset) {
    for (String cond : ctx.conditionals().conditionsAt(offset)) {
      String c = cond.replace(" ", "");
      boolean negated = c.startsWith("!(") && c.endsWith(")");
      String inner = negated ? c.substring(2, c.length() - 1) : c;
      if (c.equals("!defined(Py_GIL_DISABLED)") || (negated && inner.equals("defined(Py_GIL_DISABLED)"))) {
        return true;
      }
      if (negated ? LOWER.matcher(inner).find() : UPPER.matcher(inner).find()) {
        return true;
      }
    }
    return false;
  }
}
