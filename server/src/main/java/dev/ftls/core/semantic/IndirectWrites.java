package dev.ftls.core.semantic;

import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTArraySubscriptExpression;
import org.eclipse.cdt.core.dom.ast.IASTBinaryExpression;
import org.eclipse.cdt.core.dom.ast.IASTCastExpression;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTEqualsInitializer;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTFieldReference;
import org.eclipse.cdt.core.dom.ast.IASTFunctionCallExpression;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTParameterDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTStandardFunctionDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTUnaryExpression;
import org.eclipse.cdt.core.dom.ast.IBinding;
import org.eclipse.cdt.core.dom.ast.IProblemBinding;

/**
 * Writes that reach memory through a pointer rather than a name: through {@code *p},
 * {@code p->f} or {@code p[i]} for a pointer {@code p}; into the buffer a {@code memcpy},
 * {@code strcpy}, {@code snprintf}, {@code memset} ... fills (its first argument); and the
 * parameters of the file's functions that they write through ({@code static void fill(int *out)
 * { *out = 1; }}), so that a caller passing {@code &global} writes the global. Also the local
 * pointers of a function that only ever hold the address of one thing ({@code int *p = &counter;}).
 */
public final class IndirectWrites {
  /** Library calls that write into the buffer given as their first argument. */
  public static final Set<String> BUFFER_FILLERS = Set.of(
      "memcpy", "memmove", "memset", "strcpy", "strncpy", "strcat", "strncat", "sprintf", "snprintf",
      "vsprintf", "vsnprintf", "wcscpy", "wcsncpy", "wcscat", "strlcpy", "strlcat", "bzero");

  /** The parameters (by position) each function of the file writes through. */
  private final Map<String, Set<Integer>> outParameters = new HashMap<>();

  private IndirectWrites(FileModel ctx) {
    for (IASTFunctionDefinition fn : ctx.functions()) {
      Set<Integer> out = writtenParameters(fn);
      if (!out.isEmpty()) {
        outParameters.put(CallGraph.nameOf(fn), out);
      }
    }
  }

  /** The facts of a file, computed once per file. */
  public static IndirectWrites of(FileModel ctx) {
    return ctx.parseFact(IndirectWrites.class, IndirectWrites::new);
  }

  /** The argument positions a function of this file writes through; empty for others. */
  public Set<Integer> outParameters(String function) {
    return outParameters.getOrDefault(function, Set.of());
  }

  /** The buffer a library call fills (its first argument), or null for other calls. */
  public static IASTExpression filledBuffer(IASTFunctionCallExpression call) {
    if (call.getFunctionNameExpression() instanceof IASTIdExpression f
        && BUFFER_FILLERS.contains(f.getName().toString())
        && call.getArguments().length > 0 && call.getArguments()[0] instanceof IASTExpression dest) {
      return dest;
    }
    return null;
  }

  /**
   * The pointer name a write goes through: {@code p} in {@code *p = x}, {@code p->f = x},
   * {@code p[i] = x}, {@code (*p).f++}; null when the written place is not reached through a
   * named pointer.
   */
  public static IASTIdExpression pointerOf(IASTExpression target) {
    IASTExpression cur = GlobalWrites.stripBrackets(target);
    while (true) {
      if (cur instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_star) {
        return GlobalWrites.stripBrackets(u.getOperand()) instanceof IASTIdExpression id ? id : null;
      } else if (cur instanceof IASTFieldReference f) {
        IASTExpression owner = GlobalWrites.stripBrackets(f.getFieldOwner());
        if (f.isPointerDereference()) {
          return owner instanceof IASTIdExpression id ? id : null;
        }
        cur = owner;
      } else if (cur instanceof IASTArraySubscriptExpression a) {
        IASTExpression arr = GlobalWrites.stripBrackets(a.getArrayExpression());
        if (arr instanceof IASTIdExpression id) {
          return id;
        }
        cur = arr;
      } else {
        return null;
      }
    }
  }

  /** {@code x} in {@code (char *)x}, {@code x + n}, {@code (x)}: the pointer an address expression starts from. */
  public static IASTExpression addressBase(IASTExpression e) {
    IASTExpression cur = GlobalWrites.stripBrackets(e);
    while (true) {
      if (cur instanceof IASTCastExpression c) {
        cur = GlobalWrites.stripBrackets(c.getOperand());
      } else if (cur instanceof IASTBinaryExpression b && (b.getOperator() == IASTBinaryExpression.op_plus
          || b.getOperator() == IASTBinaryExpression.op_minus)) {
        cur = GlobalWrites.stripBrackets(b.getOperand1());
      } else {
        return cur;
      }
    }
  }

  /**
   * The local pointers of a function whose every value (initializer and assignments) is the
   * address expression of the same place: each with that expression ({@code &counter},
   * {@code buffer}, {@code &state.total}).
   */
  public static Map<IBinding, IASTExpression> aliases(FileModel ctx, IASTFunctionDefinition fn) {
    Map<IBinding, IASTExpression> first = new IdentityHashMap<>();
    Set<IBinding> spoiled = new HashSet<>();
    for (IASTSimpleDeclaration sd : SyntaxWalk.localDeclarations(ctx, fn)) {
      for (IASTDeclarator d : sd.getDeclarators()) {
        IBinding b = d.getName().resolveBinding();
        if (b == null || b instanceof IProblemBinding || d.getPointerOperators().length != 1) {
          continue;
        }
        if (d.getInitializer() instanceof IASTEqualsInitializer eq && eq.getInitializerClause() instanceof IASTExpression init) {
          first.put(b, addressBase(init));
        } else if (d.getInitializer() != null) {
          spoiled.add(b);
        }
      }
    }
    if (first.isEmpty() || fn.getBody() == null) {
      return Map.of();
    }
    fn.getBody().accept(new ASTVisitor() {
      {
        shouldVisitExpressions = true;
      }

      @Override
      public int visit(IASTExpression e) {
        IASTIdExpression id = null;
        if (e instanceof IASTBinaryExpression b && GlobalWrites.isAssignment(b.getOperator())
            && GlobalWrites.stripBrackets(b.getOperand1()) instanceof IASTIdExpression lhs) {
          IBinding bb = lhs.getName().resolveBinding();
          IASTExpression was = first.get(bb);
          if (was != null && (b.getOperator() != IASTBinaryExpression.op_assign
              || !sameText(ctx, was, addressBase(b.getOperand2())))) {
            spoiled.add(bb);
          }
          return PROCESS_CONTINUE;
        }
        if (e instanceof IASTUnaryExpression u && u.getOperator() != IASTUnaryExpression.op_star
            && u.getOperator() != IASTUnaryExpression.op_bracketedPrimary
            && GlobalWrites.stripBrackets(u.getOperand()) instanceof IASTIdExpression operand) {
          id = operand; // p++, &p: its value changes or escapes
        }
        if (id != null) {
          spoiled.add(id.getName().resolveBinding());
        }
        return PROCESS_CONTINUE;
      }
    });
    Map<IBinding, IASTExpression> out = new IdentityHashMap<>();
    first.forEach((b, e) -> {
      if (!spoiled.contains(b) && isAddress(e)) {
        out.put(b, e);
      }
    });
    return out;
  }

  /** {@code &x...} or a plain name (an array decays to its address; the caller checks it is one). */
  private static boolean isAddress(IASTExpression e) {
    return e instanceof IASTIdExpression
        || (e instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_amper);
  }

  private static boolean sameText(FileModel ctx, IASTExpression a, IASTExpression b) {
    return ctx.inFile(a) && ctx.inFile(b)
        && ctx.textOf(a).replaceAll("\\s", "").equals(ctx.textOf(b).replaceAll("\\s", ""));
  }

  /** The positions of the parameters a function writes through (by assignment or a buffer-filling call). */
  private static Set<Integer> writtenParameters(IASTFunctionDefinition fn) {
    if (fn.getBody() == null || !(fn.getDeclarator() instanceof IASTStandardFunctionDeclarator decl)) {
      return Set.of();
    }
    Map<IBinding, Integer> params = new IdentityHashMap<>();
    IASTParameterDeclaration[] ps = decl.getParameters();
    for (int i = 0; i < ps.length; i++) {
      IASTDeclarator d = ps[i].getDeclarator();
      IBinding b = d == null ? null : d.getName().resolveBinding();
      if (b != null && !(b instanceof IProblemBinding) && d.getPointerOperators().length > 0
          && !(d instanceof IASTFunctionDeclarator)) {
        params.put(b, i);
      }
    }
    if (params.isEmpty()) {
      return Set.of();
    }
    Set<Integer> out = new HashSet<>();
    fn.getBody().accept(new ASTVisitor() {
      {
        shouldVisitExpressions = true;
      }

      @Override
      public int visit(IASTExpression e) {
        IASTExpression through = null;
        IASTExpression target = GlobalWrites.writeTarget(e);
        if (target != null) {
          through = pointerOf(target);
        } else if (e instanceof IASTFunctionCallExpression call && filledBuffer(call) != null) {
          through = addressBase(filledBuffer(call));
        }
        if (through instanceof IASTIdExpression id) {
          Integer at = params.get(id.getName().resolveBinding());
          if (at != null) {
            out.add(at);
          }
        }
        return PROCESS_CONTINUE;
      }
    });
    return Set.copyOf(out);
  }

}
