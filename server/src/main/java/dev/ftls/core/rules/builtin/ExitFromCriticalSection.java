package dev.ftls.core.rules.builtin;

import dev.ftls.core.fix.Fix;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.CriticalSections;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTBreakStatement;
import org.eclipse.cdt.core.dom.ast.IASTContinueStatement;
import org.eclipse.cdt.core.dom.ast.IASTDoStatement;
import org.eclipse.cdt.core.dom.ast.IASTForStatement;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTGotoStatement;
import org.eclipse.cdt.core.dom.ast.IASTLabelStatement;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTReturnStatement;
import org.eclipse.cdt.core.dom.ast.IASTStatement;
import org.eclipse.cdt.core.dom.ast.IASTSwitchStatement;
import org.eclipse.cdt.core.dom.ast.IASTWhileStatement;
import org.eclipse.cdt.core.dom.ast.cpp.ICPPASTLambdaExpression;
import org.eclipse.cdt.core.dom.ast.cpp.ICPPASTRangeBasedForStatement;

/** FT404: return, goto, break or continue that leaves a critical section without its END. */
public final class ExitFromCriticalSection extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT404",
          "exit-from-critical-section",
          Severity.ERROR,
          "return, goto, break or continue jumps out of a critical section",
          """
          # FT404 exit-from-critical-section

          ## What it flags
          Inside a `Py_BEGIN_CRITICAL_SECTION...` / `Py_END_CRITICAL_SECTION...` pair:
          - `return` (including `Py_RETURN_NONE` and friends);
          - `goto` to a label outside the section;
          - `break` or `continue` whose loop or `switch` encloses the section.

          ## Why it matters without the GIL
          The `END` macro is what unlocks the object. A jump over it leaves the object's lock held
          (and the thread's critical-section stack pointing into a stack frame that no longer
          exists): the next thread that touches the object waits forever, and later critical
          sections of this thread misbehave. C has no destructor to release it on the way out. With
          the GIL build the macros are plain braces, so the bug only shows in the free-threaded
          build.

          ## Example
          ```c
          Py_BEGIN_CRITICAL_SECTION(self);
          if (self->closed) {
              PyErr_SetString(PyExc_ValueError, "closed");
              return NULL;                 /* self stays locked */
          }
          result = Py_NewRef(self->value);
          Py_END_CRITICAL_SECTION();
          return result;
          ```

          ## Use instead
          ```c
          int closed;
          Py_BEGIN_CRITICAL_SECTION(self);
          closed = self->closed;
          if (!closed) {
              result = Py_NewRef(self->value);
          }
          Py_END_CRITICAL_SECTION();
          if (closed) {
              PyErr_SetString(PyExc_ValueError, "closed");
              return NULL;
          }
          return result;
          ```
          Record the outcome in a variable, leave the section normally, and act after `END`.

          ## Fix
          No automatic fix: the code after the jump has to be restructured.

          ## What it does not flag
          - a `return` or `goto` after the section's `END` (early returns before `BEGIN` or after
            `END` are fine);
          - `goto` to a label inside the same section, and `break`/`continue` of a loop or `switch`
            that is itself inside the section;
          - `return` inside a C++ lambda written in the section;
          - the function forms `PyCriticalSection_Begin`/`End`, whose `End` call may legitimately
            come before the `return` on each path (that is for a path analysis, see FT406's limits);
          - sections whose `END` is missing (FT403 reports those).

          ## References
          - https://docs.python.org/3/howto/free-threading-extensions.html#using-critical-sections
          - https://docs.python.org/3/c-api/init.html#c.Py_BEGIN_CRITICAL_SECTION

          ## Proof
          [FT404-return-in-critical-section](https://github.com/ftls-dev/ftls/tree/main/test-workspaces/proof/FT404-return-in-critical-section)
          runs this race on a free-threaded CPython (a `return` from inside
          `Py_BEGIN_CRITICAL_SECTION` leaves the list locked); `scripts/prove.sh` shows `unsafe.c`
          failing and `fixed.c` holding (README, "Race proofs").
          """,
          false);

  public ExitFromCriticalSection() {
    super(META, CriticalSections.BEGINS);
  }

  @Override
  public void check(RuleContext ctx) {
    CriticalSections sections = ctx.sections();
    Map<IASTFunctionDefinition, Boolean> seen = new HashMap<>();
    for (CriticalSections.Section s : sections.sections()) {
      if (s.macro() && s.begin() != null && s.end() != null && seen.put(s.function(), true) == null) {
        checkFunction(ctx, sections, s.function());
      }
    }
  }

  private static void checkFunction(RuleContext ctx, CriticalSections sections, IASTFunctionDefinition fn) {
    List<IASTStatement> jumps = new ArrayList<>();
    Map<String, Integer> labels = new HashMap<>();
    fn.accept(new ASTVisitor(true) {
      @Override
      public int visit(IASTStatement st) {
        if (st instanceof IASTReturnStatement || st instanceof IASTGotoStatement
            || st instanceof IASTBreakStatement || st instanceof IASTContinueStatement) {
          jumps.add(st);
        } else if (st instanceof IASTLabelStatement l && st.getFileLocation() != null) {
          labels.putIfAbsent(l.getName().toString(), ctx.start(l));
        }
        return PROCESS_CONTINUE;
      }
    });
    for (IASTStatement st : jumps) {
      if (st.getFileLocation() == null || !ctx.inFile(st) || insideLambda(st, fn)) {
        continue;
      }
      int at = ctx.start(st);
      for (CriticalSections.Section s : sections.enclosing(fn, at)) {
        if (!s.macro() || s.begin() == null || s.end() == null) {
          continue;
        }
        String how = leaves(ctx, st, s, labels);
        if (how != null) {
          int line = ctx.source().lines().line(s.begin().start()) + 1;
          ctx.report(new Finding(META.id(), META.defaultSeverity(), how + " exits "
              + (s.objects().isEmpty() ? "a critical section" : "the critical section on '" + s.objects().get(0) + "'")
              + " without " + s.end().name(),
              how + " leaves the critical section on '" + String.join("', '", s.objects()) + "' (line " + line
                  + ") without " + s.end().name() + "(): the lock stays held; leave the section normally "
                  + "and act after its END",
              at, at + wordLength(ctx.text(), at), List.of()));
          break;
        }
      }
    }
  }

  /** How the statement leaves the section ("return", "goto fail", ...), or null when it stays inside. */
  private static String leaves(RuleContext ctx, IASTStatement st, CriticalSections.Section s, Map<String, Integer> labels) {
    if (st instanceof IASTReturnStatement) {
      return "return";
    }
    if (st instanceof IASTGotoStatement g) {
      Integer label = labels.get(g.getName().toString());
      return label == null || s.region().contains(label, ctx) ? null : "goto " + g.getName();
    }
    boolean isBreak = st instanceof IASTBreakStatement;
    for (IASTNode n = st.getParent(); n != null && !(n instanceof IASTFunctionDefinition); n = n.getParent()) {
      boolean loop = n instanceof IASTWhileStatement || n instanceof IASTForStatement || n instanceof IASTDoStatement
          || n instanceof ICPPASTRangeBasedForStatement;
      if (loop || (isBreak && n instanceof IASTSwitchStatement)) {
        if (n.getFileLocation() == null) {
          return null;
        }
        return ctx.start(n) < s.begin().start() ? (isBreak ? "break" : "continue") : null;
      }
    }
    return null;
  }

  private static boolean insideLambda(IASTNode st, IASTFunctionDefinition fn) {
    for (IASTNode n = st.getParent(); n != null && n != fn; n = n.getParent()) {
      if (n instanceof ICPPASTLambdaExpression) {
        return true;
      }
    }
    return false;
  }

  static int wordLength(String t, int at) {
    int i = at;
    while (i < t.length() && (Character.isLetterOrDigit(t.charAt(i)) || t.charAt(i) == '_')) {
      i++;
    }
    return Math.max(1, i - at);
  }
}
