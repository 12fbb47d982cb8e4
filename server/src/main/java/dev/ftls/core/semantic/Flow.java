package dev.ftls.core.semantic;

import org.eclipse.cdt.core.dom.ast.IASTBreakStatement;
import org.eclipse.cdt.core.dom.ast.IASTCompoundStatement;
import org.eclipse.cdt.core.dom.ast.IASTContinueStatement;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTGotoStatement;
import org.eclipse.cdt.core.dom.ast.IASTIfStatement;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTReturnStatement;
import org.eclipse.cdt.core.dom.ast.IASTStatement;

/** Cheap control-flow questions over one function's AST. */
public final class Flow {
  private Flow() {}

  /**
   * Whether control can flow from a node to a later offset of the same function: false when the
   * node sits in a block that does not contain the offset and ends by leaving it (return, goto,
   * break, continue), as in {@code if (v == NULL) { PyErr_Format(...); return NULL; }}.
   */
  public static boolean reaches(FileModel ctx, IASTNode from, int offset) {
    for (IASTNode n = from; n != null && !(n instanceof IASTFunctionDefinition); n = n.getParent()) {
      if (!ctx.inFile(n) || (ctx.start(n) <= offset && offset < ctx.end(n))) {
        return !inOtherBranch(ctx, n, from, offset);
      }
      if (n instanceof IASTCompoundStatement block) {
        IASTStatement[] st = block.getStatements();
        if (st.length > 0 && leaves(st[st.length - 1])) {
          return false;
        }
      } else if (n.getParent() instanceof IASTIfStatement && n instanceof IASTStatement s && leaves(s)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code from} and {@code offset} sit in the two branches of the same if statement
   * {@code n} (then and else): one execution runs only one of them.
   */
  private static boolean inOtherBranch(FileModel ctx, IASTNode n, IASTNode from, int offset) {
    if (!(n instanceof IASTIfStatement ifs) || ifs.getElseClause() == null || !ctx.inFile(ifs.getThenClause())
        || !ctx.inFile(ifs.getElseClause())) {
      return false;
    }
    IASTNode then = ifs.getThenClause();
    IASTNode other = ifs.getElseClause();
    boolean fromInThen = isAncestor(then, from);
    boolean fromInElse = isAncestor(other, from);
    boolean toInThen = ctx.start(then) <= offset && offset < ctx.end(then);
    boolean toInElse = ctx.start(other) <= offset && offset < ctx.end(other);
    return (fromInThen && toInElse) || (fromInElse && toInThen);
  }

  private static boolean isAncestor(IASTNode ancestor, IASTNode node) {
    for (IASTNode n = node; n != null; n = n.getParent()) {
      if (n == ancestor) {
        return true;
      }
    }
    return false;
  }

  /** Whether a statement, or a block by its last statement, always leaves (an error branch that returns). */
  public static boolean alwaysLeaves(IASTStatement s) {
    if (s instanceof IASTCompoundStatement block) {
      IASTStatement[] st = block.getStatements();
      return st.length > 0 && leaves(st[st.length - 1]);
    }
    return leaves(s);
  }

  /** Whether a statement always leaves the block it is in. */
  public static boolean leaves(IASTStatement s) {
    return s instanceof IASTReturnStatement || s instanceof IASTGotoStatement
        || s instanceof IASTBreakStatement || s instanceof IASTContinueStatement;
  }
}
