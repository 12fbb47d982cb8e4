package dev.ftls.core.semantic;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTCompositeTypeSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTFieldReference;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTName;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTParameterDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTUnaryExpression;
import org.eclipse.cdt.core.dom.ast.IBinding;
import org.eclipse.cdt.core.dom.ast.ICompositeType;
import org.eclipse.cdt.core.dom.ast.IParameter;
import org.eclipse.cdt.core.dom.ast.IPointerType;
import org.eclipse.cdt.core.dom.ast.IQualifierType;
import org.eclipse.cdt.core.dom.ast.IType;
import org.eclipse.cdt.core.dom.ast.ITypedef;
import org.eclipse.cdt.core.dom.ast.IVariable;

/**
 * Plain C structs (no object header) whose every instance lives on the stack of one call: the
 * struct is defined in this file; every variable of the type is a non-static local; every pointer
 * to it is a parameter of a {@code static} function of the file, used only to reach fields or
 * passed on to such functions; an instance's address goes only to such functions; and the file
 * never takes its size (no allocation). Such a struct is a call's scratch state (a join buffer, a
 * writer's context) that no other thread can reach, so what its fields hold is as private as the
 * containers the fields were given.
 */
public final class ScratchStructs {
  private final FileModel ctx;
  private final Map<ICompositeType, Boolean> known = new HashMap<>();

  private ScratchStructs(FileModel ctx) {
    this.ctx = ctx;
  }

  /** The facts of a file, computed once per file. */
  public static ScratchStructs of(FileModel ctx) {
    return ctx.shared(ScratchStructs.class, ScratchStructs::new);
  }

  /** Whether a struct's instances all live on one call's stack, as the class comment says. */
  public boolean isScratch(ICompositeType type) {
    return type != null && known.computeIfAbsent(type, this::decide);
  }

  private boolean decide(ICompositeType type) {
    if (ObjectStructs.of(ctx).isObjectStruct(type) || !definedInFile(type)) {
      return false;
    }
    boolean[] ok = {true};
    DirectCallers callers = new DirectCallers(ctx);
    ctx.ast().accept(new ASTVisitor() {
      {
        shouldVisitDeclarators = true;
        shouldVisitExpressions = true;
      }

      @Override
      public int visit(IASTDeclarator d) {
        if (!ok[0] || d.getName() == null || !ctx.inFile(d)) {
          return ok[0] ? PROCESS_CONTINUE : PROCESS_ABORT;
        }
        IBinding b = d.getName().resolveBinding();
        if (b instanceof org.eclipse.cdt.core.dom.ast.IFunction f) {
          ok[0] = !mentions(f.getType().getReturnType(), type); // returned: where it comes from is not known
          if (ok[0] && takesPointer(f, type) && d.getParent() instanceof IASTFunctionDefinition def) {
            ok[0] = callers.allCallsOf(def) != null; // every call is in the file, the name never a value
          }
          return ok[0] ? PROCESS_CONTINUE : PROCESS_ABORT;
        }
        if (!(b instanceof IVariable v)) {
          return PROCESS_CONTINUE;
        }
        IType t = ObjectStructs.strip(v.getType());
        if (t.isSameType(type)) {
          ok[0] = isStackLocal(d);
        } else if (pointerTo(t, type)) {
          ok[0] = b instanceof IParameter && staticFunctionParameter(d);
        } else if (mentions(t, type)) {
          ok[0] = false; // a pointer to a pointer, an array of pointers, a field of another struct
        }
        return ok[0] ? PROCESS_CONTINUE : PROCESS_ABORT;
      }

      @Override
      public int visit(org.eclipse.cdt.core.dom.ast.IASTExpression e) {
        if (!ok[0]) {
          return PROCESS_ABORT;
        }
        if (!ctx.inFile(e)) {
          return PROCESS_CONTINUE;
        }
        if (e instanceof IASTIdExpression id && id.getName().resolveBinding() instanceof IVariable v) {
          IType t = ObjectStructs.strip(v.getType());
          if (t.isSameType(type)) {
            ok[0] = instanceUseStaysHere(id);
          } else if (pointerTo(t, type)) {
            ok[0] = pointerUseStaysHere(id);
          }
        } else if (e instanceof org.eclipse.cdt.core.dom.ast.IASTFunctionCallExpression call) {
          ok[0] = argumentsComeFromHere(call, type);
        }
        return ok[0] ? PROCESS_CONTINUE : PROCESS_ABORT;
      }
    });
    if (ok[0]) {
      java.util.List<String> names = typedefNames(type);
      if (!type.getName().isEmpty()) {
        names.add(type.getName());
      }
      for (String n : names) {
        if (Pattern.compile("sizeof\\s*\\(\\s*(struct\\s+)?" + Pattern.quote(n) + "\\s*\\)").matcher(ctx.text()).find()) {
          return false; // its size is taken: allocated somewhere, or a module's state
        }
      }
    }
    return ok[0];
  }

  /**
   * A call of a function of the file: each argument given for a parameter that points to the
   * struct is an instance's address or such a parameter of the caller (not a cast, a call's
   * result or a {@code void *} converted on the way).
   */
  private boolean argumentsComeFromHere(org.eclipse.cdt.core.dom.ast.IASTFunctionCallExpression call, ICompositeType type) {
    if (!(call.getFunctionNameExpression() instanceof IASTIdExpression callee)
        || !(callee.getName().resolveBinding() instanceof org.eclipse.cdt.core.dom.ast.IFunction f)) {
      return true;
    }
    IType[] params = f.getType().getParameterTypes();
    org.eclipse.cdt.core.dom.ast.IASTInitializerClause[] args = call.getArguments();
    for (int i = 0; i < params.length && i < args.length; i++) {
      if (!pointerTo(ObjectStructs.strip(params[i]), type)) {
        continue;
      }
      org.eclipse.cdt.core.dom.ast.IASTNode a = args[i];
      while (a instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_bracketedPrimary) {
        a = u.getOperand();
      }
      boolean fine = a instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_amper
          && u.getOperand() instanceof IASTIdExpression inst && inst.getName().resolveBinding() instanceof IVariable v
          && ObjectStructs.strip(v.getType()).isSameType(type)
          || a instanceof IASTIdExpression p && p.getName().resolveBinding() instanceof IParameter v2
          && pointerTo(ObjectStructs.strip(v2.getType()), type);
      if (!fine) {
        return false;
      }
    }
    return true;
  }

  private static boolean takesPointer(org.eclipse.cdt.core.dom.ast.IFunction f, ICompositeType type) {
    for (IType p : f.getType().getParameterTypes()) {
      if (pointerTo(ObjectStructs.strip(p), type)) {
        return true;
      }
    }
    return false;
  }

  private static boolean pointerTo(IType t, ICompositeType type) {
    return t instanceof IPointerType p && ObjectStructs.strip(p.getType()).isSameType(type);
  }

  /** An instance: used for a field ({@code st.x}) or its address passed to a function of this file. */
  private boolean instanceUseStaysHere(IASTIdExpression id) {
    IASTNode parent = id.getParent();
    if (parent instanceof IASTFieldReference ref && ref.getFieldOwner() == id && !ref.isPointerDereference()) {
      return true;
    }
    return parent instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_amper
        && passedToFileFunction(u);
  }

  /** A pointer parameter: used for a field ({@code p->x}) or passed to a function of this file. */
  private boolean pointerUseStaysHere(IASTIdExpression id) {
    IASTNode parent = id.getParent();
    if (parent instanceof IASTFieldReference ref && ref.getFieldOwner() == id && ref.isPointerDereference()) {
      return true;
    }
    return passedToFileFunction(id) || SyntaxWalk.comparedOnly(id);
  }

  /** Whether an expression is, as a whole, an argument of a call of a static function defined in this file. */
  private boolean passedToFileFunction(org.eclipse.cdt.core.dom.ast.IASTExpression arg) {
    if (!(arg.getParent() instanceof org.eclipse.cdt.core.dom.ast.IASTFunctionCallExpression call)
        || call.getFunctionNameExpression() == arg
        || !(call.getFunctionNameExpression() instanceof IASTIdExpression callee)) {
      return false;
    }
    IASTFunctionDefinition def = ctx.callGraph().function(callee.getName().toString());
    if (def == null || def.getDeclSpecifier().getStorageClass() != IASTDeclSpecifier.sc_static
        || !(def.getDeclarator() instanceof org.eclipse.cdt.core.dom.ast.IASTStandardFunctionDeclarator d)) {
      return false;
    }
    int index = java.util.Arrays.asList(call.getArguments()).indexOf(arg);
    IASTParameterDeclaration[] params = d.getParameters();
    // the parameter it arrives in must be a pointer to the struct too (not a void *), so the checks above cover it
    return index >= 0 && index < params.length && params[index].getDeclarator().getName().resolveBinding() instanceof IVariable v
        && ObjectStructs.strip(v.getType()) instanceof IPointerType p && !(ObjectStructs.strip(p.getType()) instanceof org.eclipse.cdt.core.dom.ast.IBasicType);
  }

  private boolean isStackLocal(IASTDeclarator d) {
    if (!(d.getParent() instanceof IASTSimpleDeclaration sd) || FileModel.enclosingFunction(sd.getParent()) == null) {
      return false;
    }
    IASTDeclSpecifier spec = sd.getDeclSpecifier();
    return spec.getStorageClass() != IASTDeclSpecifier.sc_static && spec.getStorageClass() != IASTDeclSpecifier.sc_extern
        && !ctx.textOf(spec).matches("(?s).*\\b(_Thread_local|__thread|thread_local)\\b.*");
  }

  /** A parameter of a static function: of its definition, or of a prototype declared static. */
  private static boolean staticFunctionParameter(IASTDeclarator d) {
    IASTNode n = d.getParent();
    if (!(n instanceof IASTParameterDeclaration)) {
      return false;
    }
    while (n != null && !(n instanceof IASTFunctionDefinition) && !(n instanceof IASTSimpleDeclaration)) {
      n = n.getParent();
    }
    IASTDeclSpecifier spec = n instanceof IASTFunctionDefinition fn ? fn.getDeclSpecifier()
        : n instanceof IASTSimpleDeclaration sd ? sd.getDeclSpecifier() : null;
    return spec != null && spec.getStorageClass() == IASTDeclSpecifier.sc_static;
  }

  private boolean definedInFile(ICompositeType type) {
    for (var d : ctx.ast().getDeclarations()) {
      if (d instanceof IASTSimpleDeclaration sd && sd.getDeclSpecifier() instanceof IASTCompositeTypeSpecifier cs
          && ctx.inFile(cs) && cs.getName().resolveBinding() instanceof ICompositeType c && c.isSameType(type)) {
        return true;
      }
    }
    return false;
  }

  private java.util.List<String> typedefNames(ICompositeType type) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (var d : ctx.ast().getDeclarations()) {
      if (d instanceof IASTSimpleDeclaration sd) {
        for (IASTDeclarator decl : sd.getDeclarators()) {
          IASTName n = decl.getName();
          if (n != null && n.resolveBinding() instanceof ITypedef td && ObjectStructs.strip(td).isSameType(type)) {
            out.add(td.getName());
          }
        }
      }
    }
    return out;
  }

  private static boolean mentions(IType t, ICompositeType type) {
    IType cur = t;
    for (int i = 0; i < 8; i++) {
      cur = ObjectStructs.strip(cur);
      if (cur.isSameType(type)) {
        return true;
      }
      if (cur instanceof IPointerType p) {
        cur = p.getType();
      } else if (cur instanceof org.eclipse.cdt.core.dom.ast.IArrayType a) {
        cur = a.getType();
      } else {
        return false;
      }
    }
    return false;
  }
}
