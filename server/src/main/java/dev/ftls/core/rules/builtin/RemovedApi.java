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

/** FT103: a C API name the target Python no longer has (PyWeakref_GetObject, Py_GetPath in 3.15). */
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
          knowledge base records them. Gone in 3.15: `PyWeakref_GetObject` and `PyWeakref_GET_OBJECT`
          (with an older target these are borrowed-reference hazards, FT101, instead), and the
          getters of the old initialization API, `Py_GetPath`, `Py_GetPrefix`, `Py_GetExecPrefix`,
          `Py_GetProgramName`, `Py_GetProgramFullPath` and `Py_GetPythonHome` (deprecated since 3.13;
          read the configuration with `PyConfig_Get`, new in 3.14, instead).

          ## Why it matters without the GIL
          Both names hand out a borrowed reference to the object behind a weak reference, which
          another thread can destroy at any moment; CPython removed them rather than keep an API that
          cannot be used safely. The initialization getters return pointers into process-wide
          buffers that the configuration API replaced. Code that still calls any of them does not
          compile for 3.15, so a port to the free-threaded 3.15 build stops there.

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

          For the initialization getters, `PyConfig_Get("module_search_paths")` (instead of
          `Py_GetPath`), `"base_prefix"`, `"base_exec_prefix"`, `"executable"` or `"home"` returns a
          new reference to a Python object; pythoncapi_compat.h provides `PyConfig_Get` for older
          versions.

          ## Fix
          None automatic: the replacements have other signatures and return strong references that
          have to be released.

          ## What it does not flag
          - targets older than the removal (FT101 reports the call there);
          - calls in branches inactive for the target (`#if PY_VERSION_HEX < 0x030F0000`).

          ## References
          - https://docs.python.org/3/c-api/weakref.html#c.PyWeakref_GetRef
          - https://docs.python.org/3/c-api/init_config.html#c.PyConfig_Get
          - https://docs.python.org/3/deprecations/c-api-pending-removal-in-3.15.html
          - https://docs.python.org/3/howto/free-threading-extensions.html#borrowed-references

          ## Proof
          No proof case: this is a build error, not a race: the target's headers no longer
          declare the function, so the code does not compile for it (the
          borrowed-reference race of the weak reference getters is FT101's, proved by
          [FT101-borrowed-item](https://github.com/ftls-dev/ftls/tree/main/test-workspaces/proof/FT101-borrowed-item)).
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
      ctx.report(new Finding(META.id(), META.defaultSeverity(),
          c.name() + " was removed in Python " + e.get().removed() + instead,
          c.name() + " was removed in Python "
          + e.get().removed() + " (target is " + ctx.target() + ")" + instead, c.start(), c.nameEnd(), List.of()));
    }
  }
}
