package dev.ftls.core.rules.builtin;

import dev.ftls.core.kb.KnowledgeBase;
import dev.ftls.core.rules.CallSite;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.Rule;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTNamedTypeSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;

/** FT303: a PyThread_type_lock where PyMutex (3.13+) would do. */
public final class PyThreadTypeLock implements Rule {
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
          None: the lock's allocation, its timeouts (`PyThread_acquire_lock_timed`) and its
          release on error paths have to be rewritten together.

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
          """,
          false);

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
  public RuleMeta meta() {
    return META;
  }

  @Override
  public boolean concerns(String apiName, KnowledgeBase kb) {
    return CONCERNS.contains(apiName);
  }

  @Override
  public void check(RuleContext ctx) {
    if (!ctx.target().atLeast(3, 13)) {
      return;
    }
    List<int[]> ranges = new ArrayList<>();
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
          }
        }
        return PROCESS_CONTINUE;
      }
    });
    for (int[] r : ranges) {
      if (!forOldPythons(ctx, r[0])) {
        ctx.report(new Finding(META.id(), META.defaultSeverity(), "PyThread_type_lock: since Python 3.13 "
            + "a PyMutex is simpler (static, zero-initialized, cannot fail to allocate) and detaches the "
            + "thread state while it waits", r[0], r[1], List.of()));
      }
    }
    if (!ranges.isEmpty()) {
      return;
    }
    for (CallSite c : ctx.calls()) {
      if (c.name().equals("PyThread_allocate_lock") && !forOldPythons(ctx, c.start())) {
        ctx.report(new Finding(META.id(), META.defaultSeverity(), "PyThread_allocate_lock: since Python "
            + "3.13 a static PyMutex needs no allocation and detaches the thread state while it waits",
            c.start(), c.nameEnd(), List.of()));
      }
    }
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
