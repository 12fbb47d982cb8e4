package dev.ftls.core.rules.builtin;

import dev.ftls.core.fix.Fix;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.CallSite;
import dev.ftls.core.semantic.CriticalSections;
import java.util.List;
import java.util.Set;

/** FT405: PyMutex_Lock / PyMutex_Unlock on an object's own ob_mutex. */
public final class ObjectMutexLockedDirectly extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT405",
          "object-mutex-locked-directly",
          Severity.ERROR,
          "PyMutex_Lock or PyMutex_Unlock on an object's ob_mutex",
          """
          # FT405 object-mutex-locked-directly

          ## What it flags
          `PyMutex_Lock`, `PyMutex_Unlock` (and CPython's internal `_PyMutex_Lock`/`_PyMutex_Unlock`)
          called on the per-object lock of a Python object: `&op->ob_mutex`,
          `&((PyObject *)self)->ob_mutex`, `&obj.ob_mutex`.

          ## Why it matters without the GIL
          In the free-threaded build every object has an `ob_mutex`, and it belongs to the critical
          section machinery: CPython itself locks it through `Py_BEGIN_CRITICAL_SECTION` whenever
          one of its functions needs the object (list and dict operations, attribute updates...).
          Critical sections release and re-take that lock when they are suspended; code that holds
          it directly does not take part in that protocol, so it can deadlock against a critical
          section on the same object, or have its lock released under it. The field is also not
          part of the stable API and changes between versions.

          ## Example
          ```c
          PyMutex_Lock(&self->ob_base.ob_mutex);
          self->count++;
          PyMutex_Unlock(&self->ob_base.ob_mutex);
          ```

          ## Use instead
          ```c
          Py_BEGIN_CRITICAL_SECTION(self);
          self->count++;
          Py_END_CRITICAL_SECTION();
          ```
          Or give your type a `PyMutex` field of its own and lock that.

          ## Fix
          No automatic fix: the lock and unlock calls may be far apart, and critical sections must be
          paired in one C block.

          ## What it does not flag
          - a `PyMutex` field of your own struct, or a static `PyMutex`;
          - the object's lock taken through a project macro (`#define LOCK(o)
            PyMutex_Lock(&(o)->ob_mutex)`): ftls sees the macro's name, not its body;
          - code in preprocessor branches that are inactive for the target.

          ## References
          - https://docs.python.org/3/howto/free-threading-extensions.html#critical-sections
          - https://docs.python.org/3/c-api/init.html#c.PyMutex
          - https://py-free-threading.github.io/porting-extensions/

          ## Proof
          [FT405-object-mutex](https://github.com/ftls-dev/ftls/tree/main/test-workspaces/proof/FT405-object-mutex)
          runs this race on a free-threaded CPython (a list walk holds the list's
          `ob_mutex` through `PyMutex_Lock` while its callback waits for a lock whose
          holder appends to the list: the two threads deadlock); `scripts/prove.sh` shows
          `unsafe.c` hanging and `fixed.c`, with a critical section instead, holding
          (README, "Race proofs").
          """,
          false);

  public ObjectMutexLockedDirectly() {
    super(META, Set.of("PyMutex_Lock", "PyMutex_Unlock"));
  }

  private static final Set<String> MUTEX_CALLS =
      Set.of("PyMutex_Lock", "PyMutex_Unlock", "_PyMutex_Lock", "_PyMutex_Unlock", "PyMutex_LockFlags");

  @Override
  public void check(RuleContext ctx) {
    for (CallSite c : ctx.calls()) {
      if (!MUTEX_CALLS.contains(c.name()) || c.arg(0) == null) {
        continue;
      }
      String mutex = CriticalSections.key(c.arg(0));
      int field = Math.max(mutex.lastIndexOf("->"), mutex.lastIndexOf('.'));
      if (field < 0 || !mutex.endsWith("ob_mutex") || !mutex.substring(field).replaceAll("^(->|\\.)", "").equals("ob_mutex")) {
        continue;
      }
      String owner = CriticalSections.key(mutex.substring(0, field).replaceAll("(->|\\.)ob_base$", ""));
      ctx.report(new Finding(META.id(), META.defaultSeverity(),
          c.name() + " on the object lock of '" + owner + "' can deadlock; use Py_BEGIN_CRITICAL_SECTION",
          
          c.name() + " on the object lock of '" + owner + "': ob_mutex belongs to critical sections, and locking it "
              + "directly can deadlock with them; use Py_BEGIN_CRITICAL_SECTION(" + owner + ") or a PyMutex of your own",
          c.start(), c.nameEnd(), List.of()));
    }
  }
}
