package dev.ftls.core.rules.builtin;

import dev.ftls.core.fix.Edits;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.CallSite;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTInitializerClause;
import org.eclipse.cdt.core.dom.ast.IASTInitializerList;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;

/**
 * FT005: a module definition that gained a {@code Py_mod_gil} slot (so it became a multi-phase
 * module) while the code still finds its module object through {@code PyState_FindModule} or
 * registers it with {@code PyState_AddModule}, which only work for single-phase modules.
 */
public final class StateLookupInMultiPhaseModule extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT005",
          "state-lookup-in-multi-phase-module",
          Severity.WARNING,
          "PyState_FindModule or PyState_AddModule on a module definition that has slots",
          """
          # FT005 state-lookup-in-multi-phase-module

          ## What it flags
          A call of `PyState_FindModule(&def)` or `PyState_AddModule(m, &def)` where `def` is a
          `PyModuleDef` of the same file whose `m_slots` array holds a `Py_mod_gil` slot. The
          usual story: a single-phase module is ported to the free-threaded build by giving its
          definition a slots array with `{Py_mod_gil, Py_MOD_GIL_NOT_USED}`, and that turns it into
          a multi-phase module without anyone noticing that it still looks itself up the
          single-phase way.

          ## Why it matters without the GIL
          A definition with slots is initialized in two phases, and modules made that way are not
          kept in the interpreter's per-definition table: `PyState_FindModule` returns NULL for them
          every time, and `PyState_AddModule` fails with a SystemError. Code that reached its module
          state through the lookup now gets NULL (often dereferenced without a check), or the
          import fails, and only on the builds where the `Py_mod_gil` slot is compiled in, which is
          usually the free-threaded build guarded by `#ifdef Py_GIL_DISABLED`. The tests that run
          on the default build stay green.

          ## Example
          ```c
          static PyModuleDef_Slot spam_slots[] = {
          #ifdef Py_GIL_DISABLED
              {Py_mod_gil, Py_MOD_GIL_NOT_USED},
          #endif
              {0, NULL}
          };
          static struct PyModuleDef spam_def = {
              PyModuleDef_HEAD_INIT, "spam", NULL, sizeof(spam_state), spam_methods, spam_slots,
          };

          static PyObject *
          spam_count(PyObject *self, PyObject *args)
          {
              spam_state *st = PyModule_GetState(PyState_FindModule(&spam_def));
              ...
          }
          ```

          ## Use instead
          Either keep single-phase initialization (no slots array; create the module with
          `PyModule_Create` and declare support with `PyUnstable_Module_SetGIL(m,
          Py_MOD_GIL_NOT_USED)` inside `#ifdef Py_GIL_DISABLED`), or finish the move to multi-phase
          initialization: reach the module state through the module object the method receives
          (`PyModule_GetState(self)` in a module-level function), or through
          `PyType_GetModuleByDef(Py_TYPE(obj), &spam_def)` from a method of one of the module's
          heap types, and drop the `PyState_*` calls.

          ## Fix
          None: which of the two ways is right depends on the module, and moving to multi-phase
          initialization changes where every piece of module state lives.

          ## What it does not flag
          - `PyState_FindModule` in a single-phase module that declares its support with
            `PyUnstable_Module_SetGIL`: the lookup keeps working there (the module is one object per
            interpreter; its state still needs the protection any shared data needs);
          - a definition whose slots array has no `Py_mod_gil` slot (it was multi-phase before the
            port; FT001 asks for the slot);
          - a definition or slots array that this file does not show (declared `extern`, defined in
            another file).

          ## References
          - https://docs.python.org/3/c-api/module.html#c.PyState_FindModule
          - https://docs.python.org/3/howto/free-threading-extensions.html#module-initialization
          - https://peps.python.org/pep-0489/#functions-incompatible-with-multi-phase-initialization

          ## Proof
          No proof case: this is not a race: `PyState_FindModule` returns NULL for a
          multi-phase module on every call, in one thread as in many, so the failure shows
          in the first single-threaded test on a build that compiles the slot in.
          """,
          false);

  private static final Map<String, Integer> STATE_CALLS = Map.of("PyState_FindModule", 0, "PyState_AddModule", 1);

  public StateLookupInMultiPhaseModule() {
    super(META, Set.of("PyState_FindModule", "PyState_AddModule", "Py_mod_gil"));
  }

  @Override
  public void check(RuleContext ctx) {
    List<IASTSimpleDeclaration> decls = null;
    for (CallSite c : ctx.calls()) {
      Integer defArg = STATE_CALLS.get(c.name());
      if (defArg == null || c.arg(defArg) == null) {
        continue;
      }
      if (decls == null) {
        decls = ModuleDefinitions.declarations(ctx);
      }
      IASTDeclarator def = ModuleDefinitions.moduleDef(decls, Edits.baseName(c.arg(defArg)));
      IASTInitializerList slots = def == null ? null : ModuleDefinitions.slotsOf(ctx, decls, def);
      String gil = slots == null ? null : gilSlot(ctx, slots);
      if (gil == null) {
        continue;
      }
      String what = c.name().equals("PyState_FindModule") ? "always returns NULL" : "fails with a SystemError";
      ctx.report(new Finding(META.id(), Severity.WARNING,
          c.name() + " " + what + " in a multi-phase module; use PyModule_GetState(self)",
          c.name() + "(&" + def.getName() + ") " + what + ": its "
          + "slots array declares " + gil + ", which makes '" + def.getName() + "' a multi-phase module; reach "
          + "the module through the object you are given (PyModule_GetState(self), PyType_GetModuleByDef) "
          + "or keep single-phase init without slots", c.start(), c.nameEnd(), List.of()));
    }
  }

  /** "Py_mod_gil" (with its value when written) when a slots array holds that slot, else null. */
  private static String gilSlot(RuleContext ctx, IASTInitializerList slots) {
    for (IASTInitializerClause entry : slots.getClauses()) {
      if (entry instanceof IASTInitializerList pair && pair.getClauses().length > 0
          && ctx.textOf(pair.getClauses()[0]).strip().equals("Py_mod_gil")) {
        return pair.getClauses().length > 1 ? "Py_mod_gil (" + ctx.textOf(pair.getClauses()[1]).strip() + ")" : "Py_mod_gil";
      }
    }
    return null;
  }
}
