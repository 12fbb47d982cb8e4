package dev.ftls.core.semantic;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTReturnStatement;
import org.eclipse.cdt.core.dom.ast.IASTStatement;

/**
 * The functions of a file that return a fresh object: one they created (by a constructor such as
 * {@code PyList_New}, see {@link ContainerOrigins#isConstructor}) and that nothing else holds, so
 * the caller has the only reference and the object is private to it until it shares it. Every
 * return gives NULL, a constructor call, a call of another function of the file that returns a
 * fresh object, or a local variable that was only ever assigned
 * constructor results, tested for NULL, filled (the first argument of a call) and returned; a
 * return of None, True or False (immortal constants that never change), or of a new int, float,
 * str or bytes made from C values, is allowed beside them: none of these is a container that
 * anyone could change.
 */
public final class FreshResults {
  /**
   * A return of one of the interpreter's constants ({@code Py_None}, {@code Py_True}, ...), bare,
   * through {@code Py_NewRef}, or as the {@code Py_RETURN_NONE}-style macros: immortal objects that
   * never change, so such a return keeps a function's results unshared.
   */
  private static final Pattern IMMORTAL_CONSTANT = Pattern.compile(
      "(return\\s*)?(Py_X?NewRef\\s*\\(\\s*)?\\(?\\s*(Py_None|Py_True|Py_False|Py_NotImplemented|Py_Ellipsis)\\s*\\)?\\s*\\)?;?"
          + "|Py_RETURN_(NONE|TRUE|FALSE|NOTIMPLEMENTED)\\s*;?");
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_]\\w*");
  private static final Pattern CALL = Pattern.compile("^([A-Za-z_]\\w*)\\s*\\(");
  /** {@code var = <rhs>;} */
  private static final Pattern ASSIGN = Pattern.compile("\\s*=(?!=)([^;]*);");
  /** After a use that keeps it private: the end of a declaration or statement, an argument list, a comparison. */
  private static final Pattern USE_AFTER = Pattern.compile("\\s*(;|\\)|,|==|!=)");
  /**
   * Before such a use: a declaration's type, a call's opening parenthesis (the first argument), a
   * negation or comparison, or the return.
   */
  private static final Pattern USE_BEFORE = Pattern.compile("(\\(|!|==|!=|\\breturn|\\*|\\w)\\s*$");

  private final FileModel ctx;
  private final Map<IASTFunctionDefinition, Boolean> known = new IdentityHashMap<>();

  private FreshResults(FileModel ctx) {
    this.ctx = ctx;
  }

  public static FreshResults of(FileModel ctx) {
    return ctx.shared(FreshResults.class, FreshResults::new);
  }

  /** Whether a function of this file returns a fresh object. */
  public boolean returnsFresh(IASTFunctionDefinition fn) {
    if (fn == null) {
      return false;
    }
    Boolean k = known.get(fn);
    if (k == null) {
      known.put(fn, false); // while deciding: a function that returns its own result is not fresh by that
      k = decide(fn);
      known.put(fn, k);
    }
    return k;
  }

  /**
   * Whether a call makes a new object: a constructor, a function of this file that returns a fresh
   * one, or one of another file that the project index knows to return one.
   */
  private boolean freshCall(String callee) {
    if (ContainerOrigins.isConstructor(callee)) {
      return true;
    }
    IASTFunctionDefinition def = ctx.callGraph().function(callee);
    return def != null ? returnsFresh(def) : ctx.project().returnsNewObject(ctx.source().path(), callee);
  }

  /**
   * Whether a C API call returns a new reference to an object of a type that never changes (an
   * int, float, complex, bool, str or bytes made from C values): such a result is no container
   * anyone could change, whoever else holds it.
   */
  private boolean makesImmutable(String callee) {
    return IMMUTABLE_MAKER.matcher(callee).matches()
        && ctx.kb().returnsNewReference(callee);
  }

  private static final Pattern IMMUTABLE_MAKER = Pattern.compile("(PyLong|PyFloat|PyComplex|PyBool|PyUnicode|PyBytes)_From\\w+");

  private boolean decide(IASTFunctionDefinition fn) {
    if (fn.getBody() == null || !ctx.inFile(fn.getDeclSpecifier()) || !ctx.inFile(fn.getBody())
        || !ctx.textOf(fn.getDeclSpecifier()).matches("(?s).*\\bPy\\w*Object\\b.*")) {
      return false;
    }
    List<IASTReturnStatement> returns = new ArrayList<>();
    fn.getBody().accept(new ASTVisitor() {
      {
        shouldVisitStatements = true;
      }

      @Override
      public int visit(IASTStatement s) {
        if (s instanceof IASTReturnStatement r) {
          returns.add(r);
        }
        return PROCESS_CONTINUE;
      }
    });
    String body = ctx.textOf(fn.getBody());
    boolean fresh = false;
    for (IASTReturnStatement r : returns) {
      if (ctx.inFile(r) && IMMORTAL_CONSTANT.matcher(ctx.textOf(r).strip()).matches()) {
        continue; // None, True, False: immortal and never changed, no container anyone shares
      }
      if (r.getReturnValue() == null || !ctx.inFile(r.getReturnValue())) {
        return false;
      }
      String v = CriticalSections.key(ctx.textOf(r.getReturnValue()));
      if (v.equals("NULL") || v.equals("0") || v.equals("nullptr") || IMMORTAL_CONSTANT.matcher(v).matches()) {
        continue;
      }
      Matcher call = CALL.matcher(v);
      if (call.find()) {
        if (!freshCall(call.group(1)) && !makesImmutable(call.group(1))) {
          return false;
        }
      } else if (!PLAIN_NAME.matcher(v).matches() || !privateLocal(body, v)) {
        return false;
      }
      fresh = true;
    }
    return fresh;
  }

  /**
   * Whether every use of {@code var} in the body is one that keeps it private: assigned a
   * constructor result (or the result of a function of this file that returns a fresh object), tested for NULL, the first argument of a call, released, or returned.
   */
  private boolean privateLocal(String body, String var) {
    Pattern use = Pattern.compile("\\b" + Pattern.quote(var) + "\\b");
    Matcher m = use.matcher(body);
    boolean assigned = false;
    while (m.find()) {
      String before = body.substring(Math.max(0, m.start() - 40), m.start());
      String after = body.substring(m.end(), Math.min(body.length(), m.end() + 80));
      Matcher assign = ASSIGN.matcher(after);
      if (assign.lookingAt()) {
        String rhs = CriticalSections.key(assign.group(1));
        Matcher call = CALL.matcher(rhs.replaceFirst("^\\([^()]*\\)", ""));
        if (rhs.equals("NULL") || rhs.equals("0") || rhs.equals("nullptr")) {
          continue;
        }
        if (!call.find() || !freshCall(call.group(1))) {
          return false;
        }
        assigned = true;
      } else if (!USE_AFTER.matcher(after).lookingAt() || !USE_BEFORE.matcher(before).find()) {
        return false; // stored, passed on as a later argument, or used some other way
      }
    }
    return assigned;
  }
}
