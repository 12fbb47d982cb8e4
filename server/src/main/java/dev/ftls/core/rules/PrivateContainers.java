package dev.ftls.core.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTBinaryExpression;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTIfStatement;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTParameterDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTStandardFunctionDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTUnaryExpression;

/**
 * Precision for rules about shared containers: which containers no other thread can see yet.
 * A source-order approximation within one function (loops that publish a container late in their
 * body and read it early in the next iteration are not modelled).
 */
public final class PrivateContainers {
  /** Calls that create a new container owned by the caller. */
  public static final Set<String> CONSTRUCTORS =
      Set.of("PyList_New", "PyDict_New", "PyDict_Copy", "Py_BuildValue", "PyList_GetSlice",
          "PySequence_List", "PyDict_Items", "PyDict_Keys", "PyDict_Values", "_PyDict_NewPresized",
          "PySet_New", "PyTuple_New", "PyMapping_Items", "PyMapping_Keys", "PyMapping_Values",
          "PyList_AsTuple", "PySequence_Tuple", "PyFrozenSet_New", "PyObject_Dir");
  private static final Set<String> KWARGS_NAMES = Set.of("kwargs", "kwds", "kw", "keywords", "kwdict");
  private static final Set<String> NON_ESCAPING =
      Set.of("Py_INCREF", "Py_XINCREF", "Py_DECREF", "Py_XDECREF", "Py_CLEAR", "Py_SIZE", "Py_TYPE");
  private static final List<String> CONTAINER_PREFIXES = List.of("PyList_", "PyDict_", "PySet_", "PyTuple_");

  private PrivateContainers() {}

  /**
   * Whether the container named by {@code expr} (a call argument, e.g. "list" or "(PyObject *)d")
   * is private to {@code fn} at {@code offset}: the function's own keyword-argument dict, or a
   * local variable last assigned from a constructor (PyList_New, PyDict_New, Py_BuildValue, ...)
   * that has not been passed anywhere, stored or returned since. Anything else may be shared.
   */
  public static boolean isPrivateAt(RuleContext ctx, IASTFunctionDefinition fn, String expr, int offset) {
    String var = Edits.baseName(expr);
    if (fn == null || !Edits.isIdentifier(var)) {
      return false;
    }
    if (isKwargsParameter(fn, var)) {
      return true;
    }
    Assignment last = lastAssignmentBefore(ctx, fn, var, offset);
    if (last == null || !last.fromConstructor) {
      return false;
    }
    return !escapesBetween(ctx, fn, var, last.end, offset);
  }

  /** Whether a local variable was last assigned from a container constructor before an offset. */
  public static boolean isFreshlyCreated(RuleContext ctx, IASTFunctionDefinition fn, String var, int offset) {
    Assignment last = fn == null ? null : lastAssignmentBefore(ctx, fn, var, offset);
    return last != null && last.fromConstructor;
  }

  private static boolean isKwargsParameter(IASTFunctionDefinition fn, String var) {
    if (!(fn.getDeclarator() instanceof IASTStandardFunctionDeclarator d)) {
      return false;
    }
    for (IASTParameterDeclaration p : d.getParameters()) {
      if (p.getDeclarator().getName().toString().equals(var)) {
        return KWARGS_NAMES.contains(var);
      }
    }
    return false;
  }

  private record Assignment(int end, boolean fromConstructor, boolean nullInit) {
    Assignment(int end, boolean fromConstructor) {
      this(end, fromConstructor, false);
    }
  }

  private static Assignment assignment(RuleContext ctx, int end, String value) {
    String v = value.strip();
    if (v.startsWith("=")) {
      v = v.substring(1).strip();
    }
    boolean isNull = v.equals("NULL") || v.equals("0") || v.equals("nullptr");
    return new Assignment(end, startsWithConstructor(ctx, v), isNull);
  }

  /** The last assignment (or initialized declaration) of {@code var} before an offset. */
  private static Assignment lastAssignmentBefore(RuleContext ctx, IASTFunctionDefinition fn, String var, int before) {
    List<Assignment> found = new ArrayList<>();
    fn.accept(new ASTVisitor(true) {
      {
        shouldVisitDeclarators = true;
      }

      @Override
      public int visit(IASTDeclarator d) {
        if (d.getName().toString().equals(var) && d.getInitializer() != null && ctx.inFile(d)
            && ctx.end(d) <= before) {
          found.add(assignment(ctx, ctx.end(d), ctx.textOf(d.getInitializer())));
        }
        return PROCESS_CONTINUE;
      }

      @Override
      public int visit(IASTExpression e) {
        if (e instanceof IASTBinaryExpression b && b.getOperator() == IASTBinaryExpression.op_assign
            && ctx.inFile(b) && ctx.end(b) <= before
            && ctx.inFile(b.getOperand1()) && ctx.textOf(b.getOperand1()).strip().equals(var)) {
          found.add(assignment(ctx, ctx.end(b), ctx.textOf(b.getOperand2())));
        }
        return PROCESS_CONTINUE;
      }
    });
    Assignment last = null;
    boolean allConstructors = true;
    found.removeIf(a -> a.nullInit);   // "PyObject *list = NULL;" publishes nothing
    for (Assignment a : found) {
      allConstructors &= a.fromConstructor;
      if (last == null || a.end > last.end) {
        last = a;
      }
    }
    // assignments in different branches (if ... items = PyDict_Items(d); else items = ...): the
    // container is fresh only when every assignment that may reach here creates one
    return last == null ? null : new Assignment(last.end, allConstructors, false);
  }

  private static boolean startsWithConstructor(RuleContext ctx, String init) {
    String s = init.strip();
    if (s.startsWith("=")) {
      s = s.substring(1).strip();
    }
    for (String ctor : CONSTRUCTORS) {
      if (s.startsWith(ctor) && s.substring(ctor.length()).strip().startsWith("(")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code var} may have become visible to other code between two offsets: any use other
   * than as the container of a list/dict call, a reference-count macro, or a NULL test.
   */
  private static boolean escapesBetween(RuleContext ctx, IASTFunctionDefinition fn, String var, int from, int to) {
    List<Integer> uses = new ArrayList<>();
    List<Boolean> harmless = new ArrayList<>();
    fn.accept(new ASTVisitor(true) {
      @Override
      public int visit(IASTExpression e) {
        if (e instanceof IASTIdExpression id && id.getName().toString().equals(var)) {
          int at = ctx.nameOffset(id.getName());
          if (at >= from && at < to) {
            uses.add(at);
            // a use on a path that leaves the function before reaching `to` cannot publish it first
            harmless.add(isNullTest(id) || !Flow.reaches(ctx, id, to));
          }
        }
        return PROCESS_CONTINUE;
      }
    });
    for (int i = 0; i < uses.size(); i++) {
      if (harmless.get(i)) {
        continue;
      }
      if (!usedAsContainerArgument(ctx, fn, uses.get(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNullTest(IASTIdExpression id) {
    IASTNode p = id.getParent();
    if (p instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_not) {
      return true;
    }
    if (p instanceof IASTBinaryExpression b) {
      int op = b.getOperator();
      return op == IASTBinaryExpression.op_equals || op == IASTBinaryExpression.op_notequals;
    }
    return p instanceof IASTIfStatement;
  }

  private static boolean usedAsContainerArgument(RuleContext ctx, IASTFunctionDefinition fn, int offset) {
    CallSite inner = null;
    int argIndex = -1;
    for (CallSite c : ctx.callsIn(fn)) {
      for (int i = 0; i < c.args().size(); i++) {
        CallSite.Arg a = c.args().get(i);
        if (offset >= a.start() && offset < a.end() && (inner == null || c.start() >= inner.start())) {
          inner = c;
          argIndex = i;
        }
      }
    }
    if (inner == null || argIndex != 0) {
      return false;
    }
    for (String p : CONTAINER_PREFIXES) {
      if (inner.name().startsWith(p)) {
        return true;
      }
    }
    return NON_ESCAPING.contains(inner.name());
  }
}
