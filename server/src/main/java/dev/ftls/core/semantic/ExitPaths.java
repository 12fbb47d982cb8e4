package dev.ftls.core.semantic;

import org.eclipse.cdt.core.dom.ast.IASTBreakStatement;
import org.eclipse.cdt.core.dom.ast.IASTCompoundStatement;
import org.eclipse.cdt.core.dom.ast.IASTContinueStatement;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTGotoStatement;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTReturnStatement;
import org.eclipse.cdt.core.dom.ast.IASTStatement;

/**
 * How far the effect of a statement reaches along the code that follows it. An unlock or a
 * re-attach inside {@code if (err) { PyMutex_Unlock(&m); return NULL; }} only matters until that
 * block leaves the function; the code after the block still runs with the lock held. Everything
 * else lasts to the end of the function.
 */
public final class ExitPaths {
  private ExitPaths() {}

  /** The offset where the effect of the call ends (exclusive). */
  public static int reach(FileModel ctx, CallSite c) {
    IASTFunctionDefinition fn = c.function();
    int fnEnd = fn == null ? ctx.text().length() : ctx.end(fn);
    if (fn != null && ctx.shared(LeavingJumps.class, LeavingJumps::new).lastEnd(fn) < c.end()) {
      // no jump that leaves a nested block comes after the call: the effect lasts to the end, and
      // the call's node (a costly lookup for a macro such as Py_BEGIN_ALLOW_THREADS) is not needed
      return fnEnd;
    }
    IASTStatement stmt = statementOf(ctx.nodeOf(c));
    if (stmt == null || !(stmt.getParent() instanceof IASTCompoundStatement block)
        || block.getFileLocation() == null || block == (fn == null ? null : fn.getBody())) {
      return fnEnd;
    }
    if (isLoop(block.getParent())) {
      // a loop body that ends with a jump may still be left by `break` after the statement:
      // the code after the loop then runs with its effect (psutil's DeviceIoControl retry loop)
      return fnEnd;
    }
    boolean after = false;
    for (IASTStatement s : block.getStatements()) {
      if (s == stmt) {
        after = true;
      } else if (after && isJump(s)) {
        return ctx.end(block);
      }
    }
    return fnEnd;
  }

  /**
   * Per function, where the last jump that can cut an effect short ends: a return, goto, break or
   * continue directly in a block other than the function's body and a loop's body (the only jumps
   * {@link #reach} looks for). Found in one walk per function.
   */
  private static final class LeavingJumps {
    private final FileModel ctx;
    private final java.util.Map<IASTFunctionDefinition, Integer> lastEnd = new java.util.IdentityHashMap<>();

    LeavingJumps(FileModel ctx) {
      this.ctx = ctx;
    }

    int lastEnd(IASTFunctionDefinition fn) {
      return lastEnd.computeIfAbsent(fn, f -> {
        int[] last = {-1};
        f.accept(new org.eclipse.cdt.core.dom.ast.ASTVisitor() {
          {
            shouldVisitStatements = true;
          }

          @Override
          public int visit(IASTStatement s) {
            if (isJump(s) && s.getParent() instanceof IASTCompoundStatement block && block != f.getBody()
                && !isLoop(block.getParent()) && block.getFileLocation() != null) {
              // a jump without a place in the file: no shortcut in this function
              last[0] = s.getFileLocation() == null ? Integer.MAX_VALUE : Math.max(last[0], ctx.end(s));
            }
            return PROCESS_CONTINUE;
          }
        });
        return last[0];
      });
    }
  }

  private static boolean isLoop(IASTNode n) {
    return n instanceof org.eclipse.cdt.core.dom.ast.IASTWhileStatement
        || n instanceof org.eclipse.cdt.core.dom.ast.IASTForStatement
        || n instanceof org.eclipse.cdt.core.dom.ast.IASTDoStatement;
  }

  /** Whether a statement leaves the surrounding code: return, goto, break or continue. */
  public static boolean isJump(IASTStatement s) {
    return s instanceof IASTReturnStatement || s instanceof IASTGotoStatement
        || s instanceof IASTBreakStatement || s instanceof IASTContinueStatement;
  }

  /** The innermost statement that contains a node, or null. */
  public static IASTStatement statementOf(IASTNode node) {
    for (IASTNode n = node; n != null; n = n.getParent()) {
      if (n instanceof IASTStatement s) {
        return s;
      }
    }
    return null;
  }

  /** The innermost block ({@code { ... }}) that contains a node, or null. */
  public static IASTCompoundStatement blockOf(IASTNode node) {
    for (IASTNode n = node == null ? null : node.getParent(); n != null; n = n.getParent()) {
      if (n instanceof IASTCompoundStatement b) {
        return b;
      }
    }
    return null;
  }
}
