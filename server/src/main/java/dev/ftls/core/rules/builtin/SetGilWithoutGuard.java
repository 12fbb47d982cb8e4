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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.IASTCompoundStatement;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTStatement;

/** FT002: PyUnstable_Module_SetGIL outside #ifdef Py_GIL_DISABLED. */
public final class SetGilWithoutGuard extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT002",
          "set-gil-without-guard",
          Severity.ERROR,
          "PyUnstable_Module_SetGIL called outside #ifdef Py_GIL_DISABLED",
          """
          # FT002 set-gil-without-guard

          ## What it flags
          A call of `PyUnstable_Module_SetGIL` that is compiled whether or not `Py_GIL_DISABLED` is
          defined, including one guarded only by `#if PY_VERSION_HEX >= 0x030D0000`.

          ## Why it matters without the GIL
          CPython declares `PyUnstable_Module_SetGIL` only in free-threaded builds. The same source
          built for the default (GIL) build of 3.13 or 3.14 then fails with an implicit-declaration
          error, so the module cannot ship wheels for both builds from one source.

          ## Example
          ```c
          PyObject *m = PyModule_Create(&spam_module);
          if (m == NULL) {
              return NULL;
          }
          PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
          ```

          ## Use instead
          ```c
          #ifdef Py_GIL_DISABLED
          PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
          #endif
          ```

          ## Fix
          Wraps the statement in `#ifdef Py_GIL_DISABLED` / `#endif` (exactly equivalent in the
          free-threaded build, and compiles in the default build).

          ## What it does not flag
          - calls inside `#ifdef Py_GIL_DISABLED`, `#if defined(Py_GIL_DISABLED)` or a condition that
            requires it (`#if defined(Py_GIL_DISABLED) && ...`);
          - calls in branches inactive for the target.

          ## References
          - https://docs.python.org/3/howto/free-threading-extensions.html#single-phase-initialization
          - https://docs.python.org/3/c-api/module.html#c.PyUnstable_Module_SetGIL

          ## Proof
          No proof case: this is a build error, not a race: the unguarded call does not
          compile for the default (GIL) build, and on the free-threaded build the code is
          correct.
          """,
          true);

  public SetGilWithoutGuard() {
    super(META, Set.of("PyUnstable_Module_SetGIL"));
  }

  /** Puts the call's statement between #ifdef Py_GIL_DISABLED and #endif, when it stands on lines of its own. */
  private static Fix guardFix(RuleContext ctx, CallSite c) {
    IASTStatement stmt = dev.ftls.core.semantic.SyntaxWalk.statementOf(ctx.nodeOf(c));
    if (stmt == null || !(stmt.getParent() instanceof IASTCompoundStatement) || !ctx.inFile(stmt)
        || !Edits.onlySpaceBefore(ctx.text(), ctx.start(stmt)) || !Edits.onlySpaceAfter(ctx.text(), ctx.end(stmt))) {
      return null;
    }
    String nl = Edits.newline(ctx.text());
    int lineStart = Edits.lineStart(ctx.text(), ctx.start(stmt));
    int after = Edits.nextLineStart(ctx.text(), ctx.end(stmt));
    String tail = after == ctx.text().length() && !Edits.endsWithLineBreak(ctx.text()) ? nl : "";
    return new Fix("Guard the call with #ifdef Py_GIL_DISABLED", true, List.of(
        new TextEdit(lineStart, lineStart, "#ifdef Py_GIL_DISABLED" + nl),
        new TextEdit(after, after, tail + "#endif" + nl)));
  }

  @Override
  public void check(RuleContext ctx) {
    for (CallSite c : ctx.calls()) {
      if (!c.name().equals("PyUnstable_Module_SetGIL")
          || ctx.conditionals().requiresDefined(c.start(), "Py_GIL_DISABLED")) {
        continue;
      }
      List<Fix> fixes = ctx.fix(() -> guardFix(ctx, c));
      ctx.report(new Finding(META.id(), META.defaultSeverity(),
          "PyUnstable_Module_SetGIL outside #ifdef Py_GIL_DISABLED breaks the default build; add the guard",
          
          "PyUnstable_Module_SetGIL exists only in free-threaded builds; without an "
              + "#ifdef Py_GIL_DISABLED guard the module does not compile for the default build",
          c.start(), c.nameEnd(), fixes));
    }
  }

}
