package dev.ftls.core.rules.builtin;

import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.AtomicAccesses;
import dev.ftls.core.semantic.GuardedCode;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTBinaryExpression;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTFieldReference;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTIfStatement;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTStatement;
import org.eclipse.cdt.core.dom.ast.IASTUnaryExpression;
import org.eclipse.cdt.core.dom.ast.IBinding;

/** FT309: a buffer-export counter changed, or checked before a resize, without a lock on the object. */
public final class BufferExportCountWithoutLock extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT309",
          "buffer-export-count-without-lock",
          Severity.WARNING,
          "Buffer export count changed or checked without a lock",
          """
          # FT309 buffer-export-count-without-lock

          ## What it flags
          In an object that exports its memory through the buffer protocol, the count of live
          exports (a field named like `exports`, `ob_exports`, `export_count`):
          - changed (`self->exports++`, `--`, `+= 1`, ...) outside a critical section or lock,
            as `bf_getbuffer` and `bf_releasebuffer` do;
          - checked in an `if` that raises `BufferError` (the "cannot resize while exported"
            test of resize methods) outside a critical section or lock.

          ## Why it matters without the GIL
          `exports++` is a read, an add and a write. Two threads exporting the same object at
          once can both read the same value and lose one increment; the count then reaches zero
          while a view is still alive, and a resize frees the memory under it. The check in a
          resize method is just as racy: another thread can export a buffer between the check and
          the reallocation. With the GIL neither could happen; without it, the count, the check
          and the resize must run under the object's lock.

          ## Example
          ```c
          static int
          buf_getbuffer(BufObject *self, Py_buffer *view, int flags)
          {
              if (PyBuffer_FillInfo(view, (PyObject *)self, self->data, self->size, 0, flags) < 0) {
                  return -1;
              }
              self->exports++;
              return 0;
          }
          ```

          ## Use instead
          ```c
              int ret;
              Py_BEGIN_CRITICAL_SECTION(self);
              ret = PyBuffer_FillInfo(view, (PyObject *)self, self->data, self->size, 0, flags);
              if (ret == 0) {
                  self->exports++;
              }
              Py_END_CRITICAL_SECTION();
              return ret;
          ```
          and the same critical section around the decrement in `bf_releasebuffer` and around
          the check and the resize in the methods that change the size.

          ## Fix
          None: the critical section has to cover the check together with the resize it guards.

          ## What it does not flag
          - changes and checks inside a critical section or with a lock held, in module
            initialization, and in static helpers whose every call in the file is so protected;
          - a count the file also updates atomically (`_Py_atomic_add_ssize(&self->exports, 1)`):
            FT307 reports its plain accesses, once;
          - setting the count (`self->exports = 0` in `tp_new`) and checks that raise nothing
            (`assert(self->exports == 0)` in `tp_dealloc`);
          - counts changed with atomic operations.
          - any target without free threading.

          ## References
          - https://docs.python.org/3/c-api/typeobj.html#buffer-object-structures
          - https://docs.python.org/3/c-api/buffer.html
          - https://docs.python.org/3/howto/free-threading-extensions.html

          ## Proof
          [FT309-buffer-exports](https://github.com/ftls-dev/ftls/tree/main/test-workspaces/proof/FT309-buffer-exports)
          runs this race on a free-threaded CPython (8 threads take and release views of one object
          whose `bf_getbuffer` and `bf_releasebuffer` change the count plainly): once every view is
          released the count is off, above zero or below it, so a resize is refused or allowed with a
          view alive. `scripts/prove.sh` shows `unsafe.c` failing and `fixed.c` holding (README,
          "Race proofs").
          """,
          false);

  /** A field that counts a buffer's live exports. */
  private static final Pattern EXPORTS =
      Pattern.compile("(?i)(?:ob_|n_?|num_?)?exports?(?:_?count)?|export_?count|n_?exported|exported");

  public BufferExportCountWithoutLock() {
    super(META, Set.of("PyBuffer_FillInfo", "PyExc_BufferError"));
  }

  @Override
  public void check(RuleContext ctx) {
    if (!ctx.target().freeThreaded()) {
      return;
    }
    for (IASTFunctionDefinition fn : ctx.functions()) {
      if (fn.getBody() == null) {
        continue;
      }
      fn.getBody().accept(new ASTVisitor() {
        {
          shouldVisitExpressions = true;
          shouldVisitStatements = true;
        }

        @Override
        public int visit(IASTExpression e) {
          IASTFieldReference f = changedCounter(e);
          if (f != null && ctx.inFile(e)) {
            report(ctx, fn, f, "Buffer export count '" + name(f) + "' changed without a lock; use a critical section",
                "The buffer export count '" + name(f) + "' is changed without a lock: two threads "
                + "exporting or releasing at once can lose an update, and the object can then be resized "
                + "under a live view; do it inside Py_BEGIN_CRITICAL_SECTION(" + owner(ctx, f) + ")");
          }
          return PROCESS_CONTINUE;
        }

        @Override
        public int visit(IASTStatement s) {
          if (s instanceof IASTIfStatement i && i.getConditionExpression() != null && i.getThenClause() != null
              && ctx.inFile(i.getThenClause()) && ctx.textOf(i.getThenClause()).contains("PyExc_BufferError")) {
            IASTFieldReference f = counterIn(i.getConditionExpression());
            if (f != null) {
              report(ctx, fn, f, "Buffer export count '" + name(f) + "' checked without a lock; use a critical section",
                  "The buffer export count '" + name(f) + "' is checked without a lock: another "
                  + "thread can export a buffer between this check and the change it guards; check and "
                  + "change inside one Py_BEGIN_CRITICAL_SECTION(" + owner(ctx, f) + ")");
            }
          }
          return PROCESS_CONTINUE;
        }
      });
    }
  }

  private static void report(RuleContext ctx, IASTFunctionDefinition fn, IASTFieldReference f, String brief, String what) {
    int at = ctx.nameOffset(f.getFieldName());
    if (at < 0 || GuardedCode.of(ctx).guardedAt(fn, at) || updatedAtomically(ctx, f)) {
      return;
    }
    ctx.report(new Finding(META.id(), META.defaultSeverity(), brief, what, at,
        at + f.getFieldName().toString().length(), List.of()));
  }

  /** Whether the file updates this count atomically somewhere: FT307 then reports its plain accesses. */
  private static boolean updatedAtomically(RuleContext ctx, IASTFieldReference f) {
    IBinding b = f.getFieldName().resolveBinding();
    return b != null && AtomicAccesses.of(ctx).storage().stream()
        .anyMatch(s -> b.equals(s.binding()) && !s.atomic().isEmpty());
  }

  /** The counter field an increment, decrement or compound assignment changes, or null. */
  private static IASTFieldReference changedCounter(IASTExpression e) {
    if (e instanceof IASTUnaryExpression u) {
      int op = u.getOperator();
      boolean step = op == IASTUnaryExpression.op_postFixIncr || op == IASTUnaryExpression.op_postFixDecr
          || op == IASTUnaryExpression.op_prefixIncr || op == IASTUnaryExpression.op_prefixDecr;
      return step ? counter(u.getOperand()) : null;
    }
    if (e instanceof IASTBinaryExpression b) {
      int op = b.getOperator();
      if (op == IASTBinaryExpression.op_plusAssign || op == IASTBinaryExpression.op_minusAssign) {
        return counter(b.getOperand1());
      }
      IASTFieldReference lhs = op == IASTBinaryExpression.op_assign ? counter(b.getOperand1()) : null;
      if (lhs != null && b.getOperand2() instanceof IASTBinaryExpression rhs
          && (rhs.getOperator() == IASTBinaryExpression.op_plus || rhs.getOperator() == IASTBinaryExpression.op_minus)
          && counterIn(rhs) != null) {
        return lhs; // x->exports = x->exports + 1
      }
    }
    return null;
  }

  private static IASTFieldReference counter(IASTExpression e) {
    IASTExpression cur = e;
    while (cur instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_bracketedPrimary) {
      cur = u.getOperand();
    }
    return cur instanceof IASTFieldReference f && EXPORTS.matcher(f.getFieldName().toString()).matches() ? f : null;
  }

  /** The first counter field read in an expression, or null. */
  private static IASTFieldReference counterIn(IASTNode n) {
    if (n instanceof IASTExpression e && counter(e) != null) {
      return counter(e);
    }
    for (IASTNode child : n.getChildren()) {
      IASTFieldReference f = counterIn(child);
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  private static String name(IASTFieldReference f) {
    return f.getFieldName().toString();
  }

  private static String owner(RuleContext ctx, IASTFieldReference f) {
    return ctx.inFile(f.getFieldOwner()) ? ctx.textOf(f.getFieldOwner()).strip() : "self";
  }
}
