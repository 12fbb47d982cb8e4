package dev.ftls.core.semantic;

import org.eclipse.cdt.core.dom.ast.DOMException;
import org.eclipse.cdt.core.dom.ast.EScopeKind;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTFieldReference;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;
import org.eclipse.cdt.core.dom.ast.IBinding;
import org.eclipse.cdt.core.dom.ast.IField;
import org.eclipse.cdt.core.dom.ast.IParameter;
import org.eclipse.cdt.core.dom.ast.IScope;
import org.eclipse.cdt.core.dom.ast.IVariable;

/**
 * Whether an expression names storage that other threads can reach by name: a file-scope,
 * namespace-scope or {@code static} variable (by its resolved binding), or a field read through
 * a pointer ({@code self->dir}). Locals and parameters are the call's own.
 */
public final class SharedStorage {
  private SharedStorage() {}

  /** A variable binding with static storage duration: file scope, namespace scope, or {@code static}. */
  public static boolean isStaticVariable(IBinding b) {
    if (!(b instanceof IVariable v) || b instanceof IParameter || b instanceof IField) {
      return false;
    }
    if (v.isStatic() || v.isExtern()) {
      return true;
    }
    try {
      IScope scope = v.getScope();
      return scope != null && (scope.getKind() == EScopeKind.eGlobal || scope.getKind() == EScopeKind.eNamespace);
    } catch (DOMException e) {
      return false;
    }
  }

  /** {@code global}, {@code (global)}, {@code obj->field}: storage other threads can reach. */
  public static boolean isShared(IASTExpression e) {
    IASTExpression x = GlobalWrites.stripBrackets(e);
    if (x instanceof IASTFieldReference f) {
      return f.isPointerDereference() || isShared(f.getFieldOwner());
    }
    return x instanceof IASTIdExpression id && isStaticVariable(id.getName().resolveBinding());
  }
}
