package dev.ftls.core.rules.builtin;

import dev.ftls.core.fix.Fix;
import dev.ftls.core.kb.KnowledgeBase;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.CallSite;
import dev.ftls.core.semantic.ContainerOrigins;
import dev.ftls.core.semantic.DirectCallers;
import java.util.List;
import java.util.Map;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;

/**
 * FT204: PyList_SET_ITEM, PyTuple_SET_ITEM or PyStructSequence_SET_ITEM on a container this
 * function did not create.
 */
public final class SetItemMacroOnExistingContainer extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT204",
          "set-item-macro-on-existing-container",
          Severity.WARNING,
          "SET_ITEM macro on a container the function did not create",
          """
          # FT204 set-item-macro-on-existing-container

          ## What it flags
          `PyList_SET_ITEM`, `PyTuple_SET_ITEM` and `PyStructSequence_SET_ITEM` on a container that
          this function did not create: a parameter, a global, a field of another object, or the
          positional-arguments tuple. `PyList_SET_ITEM` on a parameter or a global is an error; the
          other cases are warnings.

          ## Why it matters without the GIL
          The `SET_ITEM` macros exist to fill a container that was just created and that no other
          code has seen yet. They store the pointer directly, take no lock, do no bounds check and do
          not release the item they overwrite. On a list other threads can reach, a concurrent
          `append` can reallocate the item array while the macro writes into the old one (the write
          is lost, or lands in freed memory), and readers can see the list half-updated. A tuple or
          struct sequence that other code already holds must not change at all: they are hashed,
          cached and shared on the assumption that they are immutable.

          ## Example
          ```c
          static PyObject *
          reset(PyObject *self, PyObject *list)
          {
              PyList_SET_ITEM(list, 0, Py_NewRef(Py_None));   /* old item leaks, no lock */
              Py_RETURN_NONE;
          }
          ```

          ## Use instead
          ```c
          if (PyList_SetItem(list, 0, Py_NewRef(Py_None)) < 0) {   /* locks, checks, releases */
              return NULL;
          }
          ```
          For a tuple or struct sequence, build a new one (`PyTuple_New`, `PyStructSequence_New`)
          and fill that.

          ## Fix
          No automatic fix: `PyList_SetItem` can fail and releases the old item, so the
          surrounding code has to handle both; a tuple has to be rebuilt.

          ## What it does not flag
          - containers created in the same function, by the `...New` constructors, `Py_BuildValue`,
            `PySequence_List`/`PySequence_Tuple`, slices and copies, or a function whose name says it
            makes a new object (`make_row()`, `new_result()`), including one assigned to a field
            (`self->items = PyList_New(n)` in a constructor);
          - helper functions that fill a container their caller created: a `static` function, never
            used as a function pointer, whose every call in the file passes a container the caller
            created;
          - containers whose origin ftls cannot see (a local filled through an out-parameter of an
            unknown function);
          - code in preprocessor branches that are inactive for the target.
          Unlike FT101 and FT201, a container created here that has already escaped is not
          flagged: the macros are then still used for what they are for (filling a new object), and
          the hazard is the escape, not the macro.

          ## References
          - https://docs.python.org/3/howto/free-threading-extensions.html#general-api-guidelines
          - https://docs.python.org/3/c-api/list.html#c.PyList_SET_ITEM
          - https://docs.python.org/3/c-api/tuple.html#c.PyTuple_SET_ITEM
          - https://docs.python.org/3/c-api/tuple.html#c.PyStructSequence_SET_ITEM

          ## Proof
          [FT204-list-set-item](https://github.com/ftls-dev/ftls/tree/main/test-workspaces/proof/FT204-list-set-item)
          runs this race on a free-threaded CPython (threads store into their own slots of a caller's
          list with `PyList_SET_ITEM` while others grow and shrink the list, which moves its item
          array): stores land in the old array and are lost in most trials; with `PyList_SetItem`,
          never. `scripts/prove.sh` shows it (README, "Race proofs").
          """,
          false);

  public SetItemMacroOnExistingContainer() {
    super(META);
  }

  private static final Map<String, String> WHAT =
      Map.of("PyList_SET_ITEM", "list", "PyTuple_SET_ITEM", "tuple", "PyStructSequence_SET_ITEM", "struct sequence");

  @Override
  public boolean concerns(String apiName, KnowledgeBase kb) {
    return WHAT.containsKey(apiName);
  }

  @Override
  public void check(RuleContext ctx) {
    ContainerOrigins origins = null;
    DirectCallers callers = null;
    for (CallSite c : ctx.calls()) {
      if (!WHAT.containsKey(c.name()) || c.function() == null || c.arg(0) == null) {
        continue;
      }
      if (origins == null) {
        origins = ctx.containerOrigins();
        callers = new DirectCallers(ctx);
      }
      ContainerOrigins.Origin o = origins.resolve(c.function(), c.arg(0), c.start());
      String where = switch (o.kind()) {
        case PARAMETER, ARGS_TUPLE, KWARGS -> "a parameter";
        case GLOBAL -> "a global";
        case FIELD -> "a field of another object";
        default -> null;
      };
      if (where == null || (where.equals("a parameter") && everyCallerCreates(origins, callers, c.function(), o))) {
        continue;
      }
      boolean list = c.name().equals("PyList_SET_ITEM");
      Severity sev = list && o.kind() != ContainerOrigins.Kind.FIELD ? Severity.ERROR : META.defaultSeverity();
      String name = o.aliases().get(o.aliases().size() - 1);
      String advice = list
          ? "use PyList_SetItem, which locks the list, checks the index and releases the old item"
          : "build and fill a new " + WHAT.get(c.name()) + " instead: other code may already hold this one";
      ctx.report(new Finding(META.id(), sev,
          c.name() + " on '" + name + "', which this function did not create; " + (list ? "use PyList_SetItem" : "build a new one"),
          
          c.name() + " on '" + name + "', " + where + " this function did not create: the macro only fills a new "
              + WHAT.get(c.name()) + " (no lock, no bounds check, the old item is not released); " + advice,
          c.start(), c.nameEnd(), List.of()));
    }
  }

  /** Whether every call of a static helper passes, for this parameter, a container the caller created. */
  private static boolean everyCallerCreates(ContainerOrigins origins, DirectCallers callers, IASTFunctionDefinition fn,
      ContainerOrigins.Origin o) {
    String param = o.aliases().get(o.aliases().size() - 1);
    int index = DirectCallers.parameterNames(fn).indexOf(param);
    List<CallSite> calls = index < 0 ? null : callers.allCallsOf(fn);
    if (calls == null) {
      return false;
    }
    for (CallSite call : calls) {
      if (call.arg(index) == null || !origins.resolve(call.function(), call.arg(index), call.start()).createdHere()) {
        return false;
      }
    }
    return true;
  }
}
