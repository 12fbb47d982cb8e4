package dev.ftls.core.rules;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTReturnStatement;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTStatement;

/** Small walks over one function's syntax tree that several rules need. */
public final class SyntaxWalk {
  private SyntaxWalk() {}

  /** The declarations written in this file inside a function body, in source order. */
  public static List<IASTSimpleDeclaration> localDeclarations(RuleContext ctx, IASTFunctionDefinition fn) {
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
  public static List<IASTReturnStatement> returns(RuleContext ctx, IASTFunctionDefinition fn) {
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
}
