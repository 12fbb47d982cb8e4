package dev.ftls.core.rules.builtin;

import dev.ftls.core.fix.Fix;
import dev.ftls.core.kb.ApiEntry;
import dev.ftls.core.kb.KnowledgeBase;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.CallSite;
import java.util.List;
import java.util.Optional;

/** FT103: a C API name the target Python no longer has (PyWeakref_GetObject in 3.15). */
public final class RemovedApi extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT103",
          "removed-api",
          Severity.ERROR,
          "C API removed in the target Python",
          """
          # FT103 removed-api

          ## What it flags
          Calls of C API functions and macros that the target Python version has removed, as the
          knowledge base records them: `PyWeakref_GetObject` and `PyWeakref_GET_OBJECT` are gone in
          3.15. With an older target the same calls are borrowed-reference hazards (FT101) instead.

          ## Why it matters without the GIL
          Both names hand out a borrowed reference to the object behind a weak reference, which
          another thread can destroy at any moment; CPython removed them rather than keep an API that
          cannot be used safely. Code that still calls them does not compile for 3.15.

          ## Example
          ```c
          PyObject *obj = PyWeakref_GetObject(ref);
          ```

          ## Use instead
          ```c
          PyObject *obj;
          if (PyWeakref_GetRef(ref, &obj) < 0) {
              return NULL;
          }
          /* obj is a strong reference or NULL when the referent is gone */
          Py_XDECREF(obj);
          ```

          ## Fix
          None automatic: the replacement has another signature and returns a strong reference that
          has to be released.

          ## What it does not flag
          - targets older than the removal (FT101 reports the call there);
          - calls in branches inactive for the target (`#if PY_VERSION_HEX < 0x030F0000`).

          ## References
          - https://docs.python.org/3/c-api/weakref.html#c.PyWeakref_GetRef
          - https://docs.python.org/3/howto/free-threading-extensions.html#borrowed-references
          """,
          false);

  public RemovedApi() {
    super(META);
  }

  @Override
  public boolean concerns(String apiName, KnowledgeBase kb) {
    return kb.get(apiName).map(e -> e.removed() != null).orElse(false);
  }

  /** Whether the target no longer has this name. */
  static boolean isRemoved(RuleContext ctx, ApiEntry e) {
    return e.removed() != null && ctx.targetHas(e.removed());
  }

  @Override
  public void check(RuleContext ctx) {
    for (CallSite c : ctx.calls()) {
      Optional<ApiEntry> e = ctx.kb().get(c.name());
      if (e.isEmpty() || !isRemoved(ctx, e.get())) {
        continue;
      }
      String instead = e.get().replacement() == null ? "" : "; use " + e.get().replacement().name();
      ctx.report(new Finding(META.id(), META.defaultSeverity(), c.name() + " was removed in Python "
          + e.get().removed() + " (target is " + ctx.target() + ")" + instead, c.start(), c.nameEnd(), List.of()));
    }
  }
}
