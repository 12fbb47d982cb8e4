package dev.ftls.core.rules.builtin;

import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.CallGraph;
import dev.ftls.core.semantic.CallSite;
import dev.ftls.core.semantic.ObjectLifecycle;
import dev.ftls.core.semantic.SerializedFunctions;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;

/** FT604: Py_SET_REFCNT on an object other threads may hold. */
public final class RefcountSetDirectly extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT604",
          "refcount-set-directly",
          Severity.WARNING,
          "Py_SET_REFCNT on an object other threads may hold",
          """
          # FT604 refcount-set-directly

          ## What it flags
          `Py_SET_REFCNT(op, n)` outside the object's own teardown (`tp_dealloc`, `tp_finalize`,
          `tp_del`, and functions named like them) and outside module set-up code, on an object
          the function did not just create. Code uses it to pin an object ("make it live
          forever" with a huge count) or to patch the count after handing references around.

          ## Why it matters without the GIL
          In the free-threaded build an object's count has two parts: one the owning thread
          changes without atomics and one every other thread changes atomically. Setting the count
          overwrites both while other threads may be in the middle of a `Py_INCREF` or
          `Py_DECREF` on the same object, so their changes are lost: the object is freed while
          still in use, or never freed. A huge count does not make an object immortal in that
          build either.

          ## Example
          ```c
          static PyObject *
          pin(PyObject *self, PyObject *obj)
          {
              Py_SET_REFCNT(obj, 1 << 30);   /* keep it alive forever */
              Py_RETURN_NONE;
          }
          ```

          ## Use instead
          Take and drop references with `Py_INCREF` / `Py_DECREF` (a reference kept in a static
          variable keeps the object alive), and leave resurrection to `tp_finalize` with
          `PyObject_CallFinalizerFromDealloc`.

          ## Fix
          None: what replaces the count depends on why the code set it.

          ## What it does not flag
          - `Py_SET_REFCNT` in the functions that make or destroy the object (`tp_new`, `tp_init`,
            `tp_dealloc`, `tp_finalize`, `tp_del`, `tp_clear`, found from the type's slots or, for
            functions in no slot or method table, from names like `x_dealloc`) and in static
            helpers that only those call: no other thread holds the object there;
          - on an object the function created (assigned from a `*_New`, `PyObject_Init`,
            `tp_alloc` or `PyType_GenericAlloc` call in the same function) and in module set-up code;
          - targets without free threading.

          ## References
          - https://docs.python.org/3/c-api/refcounting.html#c.Py_SET_REFCNT
          - https://docs.python.org/3/howto/free-threading-extensions.html
          - https://peps.python.org/pep-0703/#reference-counting

          ## Proof
          [FT604-set-refcount](https://github.com/ftls-dev/ftls/tree/main/test-workspaces/proof/FT604-set-refcount)
          runs this race on a free-threaded CPython (threads take and drop references to one object,
          half of them through a function that hands out a reference with
          `Py_SET_REFCNT(obj, Py_REFCNT(obj) + 1)`): the count loses updates, so the object is freed
          while held (a crash or a freed object seen) or outlives its last reference, in most trials;
          with `Py_NewRef` it never does. `scripts/prove.sh` shows it (README, "Race proofs").
          """,
          false);

  private static final Pattern TEARDOWN_NAME = Pattern.compile("(?i).*(dealloc|finali[sz]e|_del)$");
  private static final String MAKERS = "\\w*_New\\w*|PyObject_Init(?:Var)?|PyType_GenericAlloc|\\w*->tp_alloc|\\w*tp_alloc";

  public RefcountSetDirectly() {
    super(META, Set.of("Py_SET_REFCNT"));
  }

  @Override
  public void check(RuleContext ctx) {
    if (!ctx.target().freeThreaded()) {
      return;
    }
    for (CallSite c : ctx.calls()) {
      IASTFunctionDefinition fn = c.function();
      if (!c.name().equals("Py_SET_REFCNT") || c.args().size() != 2 || fn == null || teardown(ctx, fn)
          || SerializedFunctions.of(ctx).contains(fn) || madeHere(ctx, fn, c)) {
        continue;
      }
      ctx.report(new Finding(META.id(), META.defaultSeverity(),
          "Py_SET_REFCNT on '" + c.arg(0).strip() + "' loses other threads' updates; use Py_INCREF/Py_DECREF",
          "Py_SET_REFCNT overwrites the reference count of '"
          + c.arg(0).strip() + "' while other threads may be changing it: in the free-threaded build their "
          + "Py_INCREF/Py_DECREF are lost and the object is freed too early or never; take and drop "
          + "references instead", c.start(), c.nameEnd(), List.of()));
    }
  }

  private static boolean teardown(RuleContext ctx, IASTFunctionDefinition fn) {
    return ObjectLifecycle.of(ctx).lifecycleOnly(fn) || TEARDOWN_NAME.matcher(CallGraph.nameOf(fn)).matches();
  }

  /** Whether the object is a local assigned from an allocation earlier in the same function. */
  private static boolean madeHere(RuleContext ctx, IASTFunctionDefinition fn, CallSite c) {
    String obj = c.arg(0).strip().replaceAll("^\\((?:PyObject|\\w+)\\s*\\*\\)\\s*", "");
    if (!obj.matches("[A-Za-z_]\\w*")) {
      return false;
    }
    String before = ctx.text().substring(ctx.start(fn), c.start());
    return Pattern.compile("(?<![\\w.>])" + Pattern.quote(obj) + "\\s*=\\s*(?:\\([^()]*\\)\\s*)?(?:" + MAKERS + ")\\s*\\(")
        .matcher(before).find();
  }
}
