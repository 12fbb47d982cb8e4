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
    if (fn != null && !ctx.shared(LeavingJumps.class, LeavingJumps::new).mayCut(fn, c.start(), c.end())) {
      // no jump that leaves a nested block comes after the call in a block around it: the effect
      // lasts to the end, and the call's node (a costly lookup for a macro such as
      // Py_BEGIN_ALLOW_THREADS) is not needed
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
   * Per function, the jumps that can cut an effect short: a return, goto, break or continue
   * directly in a block other than the function's body and a loop's body (the only jumps {@link
   * #reach} looks for), each with where it ends and where its block stands. Found in one walk per
   * function.
   */
  private static final class LeavingJumps {
    /** A jump without a place in the file: it may cut any call short. */
    private static final int[] ANYWHERE = {Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE};

    private final FileModel ctx;
    /** Per function: (end of the jump, start of its block, end of its block) for each jump. */
    private final java.util.Map<IASTFunctionDefinition, int[]> jumps = new java.util.IdentityHashMap<>();

    LeavingJumps(FileModel ctx) {
      this.ctx = ctx;
    }

    /**
     * Whether a jump of the function may end the effect of a call at [start, end): one that ends
     * after the call in a block that overlaps it. The statement {@link #reach} finds for the call
     * lies in such a block, so without one its answer is the end of the function.
     */
    boolean mayCut(IASTFunctionDefinition fn, int start, int end) {
      int[] j = jumps.computeIfAbsent(fn, this::walk);
      for (int i = 0; i < j.length; i += 3) {
        if (j[i] >= end && j[i + 1] <= end && start <= j[i + 2]) {
          return true;
        }
      }
      return false;
    }

    private int[] walk(IASTFunctionDefinition f) {
      java.util.List<int[]> found = new java.util.ArrayList<>();
      f.accept(new org.eclipse.cdt.core.dom.ast.ASTVisitor() {
        {
          shouldVisitStatements = true;
        }

        @Override
        public int visit(IASTStatement s) {
          if (isJump(s) && s.getParent() instanceof IASTCompoundStatement block && block != f.getBody()
              && !isLoop(block.getParent()) && block.getFileLocation() != null) {
            found.add(s.getFileLocation() == null ? ANYWHERE
                : new int[] {ctx.end(s), ctx.start(block), ctx.end(block)});
          }
          return PROCESS_CONTINUE;
        }
      });
      int[] out = new int[found.size() * 3];
      for (int i = 0; i < found.size(); i++) {
        System.arraycopy(found.get(i), 0, out, 3 * i, 3);
      }
      return out;
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
