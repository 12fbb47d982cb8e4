package dev.ftls.core.semantic;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTBinaryExpression;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTIfStatement;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTReturnStatement;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTStatement;
import org.eclipse.cdt.core.dom.ast.IASTUnaryExpression;
import org.eclipse.cdt.core.dom.ast.IASTWhileStatement;

/** Small walks over one function's syntax tree that several rules need. */
public final class SyntaxWalk {
  private SyntaxWalk() {}

  /** The declarations written in this file inside a function body, in source order. */
  public static List<IASTSimpleDeclaration> localDeclarations(FileModel ctx, IASTFunctionDefinition fn) {
    List<IASTSimpleDeclaration> out = new ArrayList<>();
    if (fn.getBody() == null) {
      return out;
    }
    fn.getBody().accept(new ASTVisitor() {
      {
        shouldVisitDeclarations = true;
      }

      @Override
      public int visit(IASTDeclaration d) {
        if (d instanceof IASTSimpleDeclaration sd && ctx.inFile(sd)) {
          out.add(sd);
        }
        return PROCESS_CONTINUE;
      }
    });
    return out;
  }

  /** The return statements of a function (also those a macro such as Py_RETURN_NONE expands to). */
  public static List<IASTReturnStatement> returns(FileModel ctx, IASTFunctionDefinition fn) {
    List<IASTReturnStatement> out = new ArrayList<>();
    if (fn.getBody() == null) {
      return out;
    }
    fn.getBody().accept(new ASTVisitor() {
      {
        shouldVisitStatements = true;
      }

      @Override
      public int visit(IASTStatement s) {
        if (s instanceof IASTReturnStatement r && r.getFileLocation() != null && ctx.inFile(r)) {
          out.add(r);
        }
        return PROCESS_CONTINUE;
      }
    });
    return out;
  }

  private static final java.util.regex.Pattern SCOPED_GUARD = java.util.regex.Pattern.compile(
      "\\b(lock_guard|unique_lock|scoped_lock|ft_lock_guard|ft_object_guard|scoped_critical_section)\\b");

  /**
   * A C++ scoped lock guard statement ({@code std::lock_guard<std::mutex> g(m);}): the statement's
   * range, the end of the block it guards, and the guard's type name.
   */
  public record Guard(int start, int end, int blockEnd, String type) {}

  /**
   * The scoped lock guards of a function. Found in the text and confirmed by the syntax tree:
   * without the standard headers CDT may read {@code std::lock_guard<std::mutex> g(m);} as an
   * expression, so the guard is any statement that starts with such a type.
   */
  public static List<Guard> scopedLockGuards(FileModel ctx, IASTFunctionDefinition fn) {
    List<Guard> out = new ArrayList<>();
    if (fn.getBody() == null || !ctx.source().isCpp()) {
      return out;
    }
    java.util.regex.Matcher m = SCOPED_GUARD.matcher(ctx.text()).region(ctx.start(fn.getBody()), ctx.end(fn.getBody()));
    while (m.find()) {
      IASTNode node = ctx.ast().getNodeSelector(null).findEnclosingNode(m.start(), m.end() - m.start());
      IASTStatement stmt = ExitPaths.statementOf(node);
      org.eclipse.cdt.core.dom.ast.IASTCompoundStatement block = ExitPaths.blockOf(stmt);
      if (stmt == null || stmt instanceof org.eclipse.cdt.core.dom.ast.IASTCompoundStatement || block == null
          || !ctx.inFile(stmt) || !ctx.text().substring(ctx.start(stmt), m.start()).matches("[\\w:\\s]*")) {
        continue;
      }
      out.add(new Guard(ctx.start(stmt), ctx.end(stmt), ctx.end(block), m.group(1)));
    }
    return out;
  }

  /** Whether a node contains a return, goto, break or continue. */
  public static boolean containsJump(IASTNode node) {
    boolean[] found = new boolean[1];
    node.accept(new ASTVisitor() {
      {
        shouldVisitStatements = true;
      }

      @Override
      public int visit(IASTStatement s) {
        if (ExitPaths.isJump(s)) {
          found[0] = true;
          return PROCESS_ABORT;
        }
        return PROCESS_CONTINUE;
      }
    });
    return found[0];
  }

  /** The innermost statement that contains a node (the node itself when it is one), or null. */
  public static IASTStatement statementOf(IASTNode node) {
    for (IASTNode n = node; n != null; n = n.getParent()) {
      if (n instanceof IASTStatement s) {
        return s;
      }
    }
    return null;
  }

  /** Whether an if statement only tests {@code var} for NULL and leaves (return or goto) when it is. */
  public static boolean isNullCheckThatLeaves(FileModel ctx, IASTIfStatement check, String var) {
    if (check.getElseClause() != null || !ctx.inFile(check)) {
      return false;
    }
    String cond = ctx.textOf(check.getConditionExpression()).replaceAll("\\s", "");
    boolean tests = cond.equals("!" + var) || cond.equals(var + "==NULL") || cond.equals("NULL==" + var);
    String body = ctx.textOf(check.getThenClause());
    return tests && (body.contains("return") || body.contains("goto") || body.contains("Py_RETURN_"))
        && !java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(var) + "\\b").matcher(body).find();
  }

  /** The position of a statement among its siblings, or -1. */
  public static int indexOf(IASTStatement[] stmts, IASTStatement s) {
    for (int i = 0; i < stmts.length; i++) {
      if (stmts[i] == s) {
        return i;
      }
    }
    return -1;
  }

  private static final java.util.regex.Pattern ASSIGNED =
      java.util.regex.Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*$");

  /** The variable a call's result is stored into ({@code x = CALL(...);} or {@code T *x = CALL(...);}), or null. */
  public static String assignedVariable(FileModel ctx, CallSite c) {
    int lineStart = dev.ftls.core.fix.Edits.lineStart(ctx.text(), c.start());
    java.util.regex.Matcher m = ASSIGNED.matcher(ctx.text().substring(lineStart, c.start()));
    if (!m.find()) {
      return null;
    }
    String after = ctx.text().substring(c.end(), Math.min(ctx.text().length(), c.end() + 40)).stripLeading();
    return after.startsWith(";") ? m.group(1) : null;
  }

  /**
   * Whether an expression is only compared by address or tested for NULL: an operand of
   * {@code ==}, {@code !=}, {@code !}, {@code &&}, {@code ||}, or the whole condition of an
   * {@code if} or {@code while}. Such a use never touches the object the pointer points to.
   */
  public static boolean comparedOnly(IASTExpression e) {
    IASTNode p = e.getParent();
    while (p instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_bracketedPrimary) {
      p = p.getParent();
    }
    if (p instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_not) {
      return true;
    }
    if (p instanceof IASTBinaryExpression b) {
      int op = b.getOperator();
      return op == IASTBinaryExpression.op_equals || op == IASTBinaryExpression.op_notequals
          || op == IASTBinaryExpression.op_logicalAnd || op == IASTBinaryExpression.op_logicalOr;
    }
    return p instanceof IASTIfStatement || p instanceof IASTWhileStatement;
  }

  /** Whether an expression is the left side of a plain assignment. */
  public static boolean isAssignedTo(IASTExpression e) {
    return e.getParent() instanceof IASTBinaryExpression b
        && b.getOperator() == IASTBinaryExpression.op_assign && b.getOperand1() == e;
  }
}
