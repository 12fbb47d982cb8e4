package dev.ftls.core.rules.builtin;

import dev.ftls.core.fix.Edits;
import dev.ftls.core.fix.Fix;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.CallSite;
import dev.ftls.core.semantic.CriticalSections;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTBinaryExpression;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTUnaryExpression;

/**
 * FT202: the borrowed key or value that PyDict_Next stored is used after the critical section
 * that protected the loop has ended.
 */
public final class DictItemUsedAfterCriticalSection extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT202",
          "dict-item-used-after-critical-section",
          Severity.WARNING,
          "Borrowed key or value from PyDict_Next used after the critical section ended",
          """
          # FT202 dict-item-used-after-critical-section

          ## What it flags
          A use of the key or value variable that `PyDict_Next` filled in (the variables whose
          addresses are its third and fourth arguments) after the end of the critical section on
          the dict that enclosed the loop, when the variable was not made a strong reference inside
          the section. The first such use after `Py_END_CRITICAL_SECTION()` is reported.

          ## Why it matters without the GIL
          `PyDict_Next` hands out borrowed references: the dict keeps the key and the value alive,
          and only for as long as they stay in the dict. The critical section stops other threads
          from changing the dict while it is held; once it ends, another thread can delete the entry
          or replace the value and free the object, so the variable may point to freed memory.
          With the GIL the same code was safe as long as it did not call back into Python.

          ## Example
          ```c
          PyObject *key, *value, *found = NULL;
          Py_BEGIN_CRITICAL_SECTION(table);
          while (PyDict_Next(table, &pos, &key, &value)) {
              if (matches(key)) {
                  found = value;
                  break;
              }
          }
          Py_END_CRITICAL_SECTION();
          return Py_XNewRef(value);        /* the entry may be gone by now */
          ```

          ## Use instead
          ```c
          Py_BEGIN_CRITICAL_SECTION(table);
          while (PyDict_Next(table, &pos, &key, &value)) {
              if (matches(key)) {
                  found = Py_NewRef(value);   /* strong, taken while the dict is locked */
                  break;
              }
          }
          Py_END_CRITICAL_SECTION();
          return found;
          ```

          ## Fix
          No automatic fix: the strong reference has to be taken at the right place inside the
          section, and released on every path afterwards.

          ## What it does not flag
          - variables that the section makes strong (`Py_INCREF(value)`, `Py_NewRef(value)`) or
            assigns a new value to after the loop: ftls assumes that the increment or assignment
            happens on the path that reaches the later use;
          - uses after the variable is assigned again (or passed by address) following the section;
          - loops that no critical section protects (that is FT201's finding) or that run under the
            caller's lock, where the section's end is not in the function;
          - copies of the borrowed pointer into another variable inside the section (`found = value`
            above): ftls follows the two variables `PyDict_Next` writes, not their copies;
          - code in preprocessor branches that are inactive for the target.

          ## References
          - https://docs.python.org/3/howto/free-threading-extensions.html#container-thread-safety
          - https://docs.python.org/3/howto/free-threading-extensions.html#borrowed-references
          - https://docs.python.org/3/c-api/dict.html#c.PyDict_Next

          ## Proof
          [FT202-dict-item-after-section](https://github.com/ftls-dev/ftls/tree/main/test-workspaces/proof/FT202-dict-item-after-section)
          runs this race on a free-threaded CPython (a locked `PyDict_Next` scan finds a value and
          takes its reference after the section, while other threads replace that value): the
          reader gets freed values, or the process crashes, in most trials; with `Py_NewRef` inside
          the section, never. `scripts/prove.sh` shows it (README, "Race proofs").
          """,
          false);

  public DictItemUsedAfterCriticalSection() {
    super(META, Set.of("PyDict_Next", "Py_END_CRITICAL_SECTION"));
  }

  private static final Set<String> MAKE_STRONG = Set.of("Py_INCREF", "Py_XINCREF", "Py_NewRef", "Py_XNewRef");

  @Override
  public void check(RuleContext ctx) {
    CriticalSections sections = null;
    for (CallSite c : ctx.calls()) {
      if (!c.name().equals("PyDict_Next") || c.function() == null || c.args().size() < 4) {
        continue;
      }
      if (sections == null) {
        sections = ctx.sections();
      }
      CriticalSections.Section s = sections.holding(c.function(), c.start(), CriticalSections.key(c.arg(0)));
      if (s == null || s.end() == null) {
        continue;
      }
      for (int i = 2; i < 4; i++) {
        String arg = c.arg(i).replaceAll("\\s", "");
        String var = CriticalSections.key(arg);
        if (arg.startsWith("&") && Edits.isIdentifier(var) && !madeStrongInside(ctx, s, c, var)) {
          reportFirstUseAfter(ctx, c, s, var, i == 2 ? "key" : "value");
        }
      }
    }
  }

  private static boolean madeStrongInside(RuleContext ctx, CriticalSections.Section s, CallSite next, String var) {
    for (CallSite c : ctx.callsIn(s.function())) {
      if (c.start() > next.start() && c.start() < s.end().start() && MAKE_STRONG.contains(c.name())
          && var.equals(CriticalSections.key(c.arg(0)))) {
        return true;
      }
    }
    return false;
  }

  private static void reportFirstUseAfter(RuleContext ctx, CallSite next, CriticalSections.Section s, String var,
      String what) {
    List<IASTIdExpression> uses = idsNamed(ctx, s.function(), var);
    uses.sort(Comparator.comparingInt(id -> ctx.nameOffset(id.getName())));
    for (IASTIdExpression id : uses) {
      int at = ctx.nameOffset(id.getName());
      if (at <= next.end() || (at < s.end().start() && !isWrite(id))) {
        continue;
      }
      if (isWrite(id)) {
        return;
      }
      String dict = CriticalSections.key(next.arg(0));
      int line = ctx.source().lines().line(s.end().start()) + 1;
      ctx.report(new Finding(META.id(), META.defaultSeverity(),
          "borrowed '" + var + "' from PyDict_Next used after its critical section; Py_NewRef it inside",
          
          "'" + var + "' is a borrowed " + what + " from PyDict_Next on '" + dict + "', used after the critical "
              + "section ended (line " + line + "): another thread may have removed it from the dict and freed it; "
              + "take a strong reference (Py_NewRef) inside the section",
          at, at + var.length(), List.of()));
      return;
    }
  }

  /** An assignment to the variable, or its address passed on (it is then written, not read). */
  private static boolean isWrite(IASTIdExpression id) {
    return (id.getParent() instanceof IASTBinaryExpression b && b.getOperator() == IASTBinaryExpression.op_assign
        && b.getOperand1() == id)
        || (id.getParent() instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_amper);
  }

  private static List<IASTIdExpression> idsNamed(RuleContext ctx, IASTFunctionDefinition fn, String var) {
    List<IASTIdExpression> out = new ArrayList<>();
    fn.accept(new ASTVisitor(true) {
      @Override
      public int visit(IASTExpression e) {
        if (e instanceof IASTIdExpression id && id.getName().toString().equals(var)
            && ctx.nameOffset(id.getName()) >= 0) {
          out.add(id);
        }
        return PROCESS_CONTINUE;
      }
    });
    return out;
  }
}
