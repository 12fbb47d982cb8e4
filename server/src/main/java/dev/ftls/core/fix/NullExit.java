package dev.ftls.core.fix;

import dev.ftls.core.semantic.CallSite;
import dev.ftls.core.semantic.FileModel;
import dev.ftls.core.semantic.HeldLocks;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTCompoundStatement;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTGotoStatement;
import org.eclipse.cdt.core.dom.ast.IASTIfStatement;
import org.eclipse.cdt.core.dom.ast.IASTReturnStatement;
import org.eclipse.cdt.core.dom.ast.IASTStatement;

/**
 * The error exit a fix adds when a strong-reference API can return NULL where the code had no
 * check ({@code PyList_GetItemRef} when the list shrank after the size check): a test of the
 * variable in the style of the function's own error checks, leaving the way they do. The exit is
 * copied from the nearest earlier check in the function that leaves with a plain
 * {@code return <constant>;} or {@code goto <label>;}; without one, a function returning a pointer
 * returns NULL. It counts as certain ({@link Plan#certain}) when nothing that needs releasing was
 * taken in the function before the call, or, for a {@code goto}, when the same label is also the
 * exit of a check after the call (its cleanup serves the state after the call).
 * No plan inside a critical section or while a lock is held, or when the nearest check releases
 * things itself (that cleanup belongs to its own point).
 */
public final class NullExit {
  private NullExit() {}

  /** The check's text (indented for the line after the call's statement) and whether it is certain. */
  public record Plan(String check, boolean certain, int line) {}

  private static final Pattern TESTS = Pattern.compile(
      "^\\(?\\s*(?:!\\s*\\(?\\s*[\\w.>-]+\\s*\\)?|[\\w.>-]+\\s*==\\s*NULL|NULL\\s*==\\s*[\\w.>-]+|[\\w.>-]+\\s*<\\s*0)\\s*\\)?$");
  private static final Pattern EXIT = Pattern.compile(
      "^\\{?\\s*(return\\s+(?:NULL|-?\\d+|\\(\\s*PyObject\\s*\\*\\s*\\)\\s*NULL)\\s*;|goto\\s+\\w+\\s*;)\\s*}?$");
  private static final Pattern TAKES = Pattern.compile(
      "\\b(Py_X?INCREF|Py_X?NewRef|PyMutex_Lock|PyThread_acquire_lock\\w*|pthread_mutex_lock|"
          + "Py_BEGIN_CRITICAL_SECTION\\w*|Py_BEGIN_ALLOW_THREADS|malloc|calloc|realloc|PyMem_\\w*(Malloc|Calloc|Realloc)|"
          + "PyObject_\\w*(Malloc|Calloc)|PyBuffer_\\w*|PyObject_GetBuffer|PyGILState_Ensure|Py_EnterRecursiveCall)\\b");

  /** The plan for a NULL test of {@code var} after the statement {@code stmt} holding call {@code c}, or null. */
  public static Plan of(FileModel ctx, CallSite c, IASTStatement stmt, String var) {
    IASTFunctionDefinition fn = c.function();
    if (fn == null || !ctx.sections().enclosing(fn, c.start()).isEmpty() || HeldLocks.of(ctx).heldAt(fn, c.start())) {
      return null;
    }
    List<IASTIfStatement> checks = leavingChecks(ctx, fn);
    IASTIfStatement before = null;
    for (IASTIfStatement check : checks) {
      if (ctx.end(check) <= c.start()) {
        before = check;
      }
    }
    String text = ctx.text();
    String indent = Edits.indentOf(text, ctx.start(stmt));
    String nl = Edits.newline(text);
    String cond = var + " == NULL";
    if (before == null) {
      if (!returnsPointer(ctx, fn)) {
        return null;
      }
      String inner = indent + unit(text, indent);
      String check = indent + "if (" + cond + ") {" + nl + inner + "return NULL;" + nl + indent + "}" + nl;
      return new Plan(check, !takes(ctx, c, ctx.start(fn.getBody()), c.start()), line(ctx, c));
    }
    String exit = exitOf(ctx, before);
    if (exit == null) {
      return null; // the nearest check does more than leave: its releases belong to its own point
    }
    // the exit is certain when nothing was taken before the call, or (a goto) when a check after the
    // call leaves by the same label: its cleanup then serves the state after the call
    boolean certain = !takes(ctx, c, ctx.start(fn.getBody()), c.start());
    if (!certain && exit.startsWith("goto")) {
      for (IASTIfStatement check : checks) {
        if (ctx.start(check) > c.end() && exit.equals(exitOf(ctx, check))) {
          certain = true;
        }
      }
    }
    String shape = ctx.textOf(before);
    String tested = ctx.textOf(before.getConditionExpression());
    int at = shape.indexOf(tested);
    String negated = tested.strip().startsWith("!") ? "!" + var : cond;
    String copied = shape.substring(0, at) + negated + shape.substring(at + tested.length());
    String oldIndent = Edits.indentOf(text, ctx.start(before));
    String[] lines = copied.split("\\r\\n|\\r|\\n", -1);
    StringBuilder check = new StringBuilder(indent).append(lines[0].strip());
    for (int i = 1; i < lines.length; i++) {
      String l = lines[i];
      check.append(nl).append(indent).append(l.startsWith(oldIndent) ? l.substring(oldIndent.length()) : l.strip());
    }
    return new Plan(check + nl, certain, line(ctx, c));
  }

  private static int line(FileModel ctx, CallSite c) {
    return ctx.source().lines().line(c.start()) + 1;
  }

  /** The ifs of the function that test a value for NULL (or below 0) and then only leave. */
  private static List<IASTIfStatement> leavingChecks(FileModel ctx, IASTFunctionDefinition fn) {
    List<IASTIfStatement> out = new ArrayList<>();
    fn.accept(new ASTVisitor() {
      {
        shouldVisitStatements = true;
      }

      @Override
      public int visit(IASTStatement s) {
        if (s instanceof IASTIfStatement i && i.getElseClause() == null && ctx.inFile(i)
            && TESTS.matcher(ctx.textOf(i.getConditionExpression()).strip()).matches()
            && leaves(i.getThenClause())) {
          out.add(i);
        }
        return PROCESS_CONTINUE;
      }
    });
    return out;
  }

  private static boolean leaves(IASTStatement then) {
    IASTStatement last = then instanceof IASTCompoundStatement b && b.getStatements().length > 0
        ? b.getStatements()[b.getStatements().length - 1] : then;
    return last instanceof IASTReturnStatement || last instanceof IASTGotoStatement;
  }

  /** The check's exit ("goto error;", "return NULL;") when that is all its branch does, else null. */
  private static String exitOf(FileModel ctx, IASTIfStatement check) {
    Matcher m = EXIT.matcher(ctx.textOf(check.getThenClause()).strip());
    return m.matches() ? m.group(1).replaceAll("\\s+", " ").replace(" ;", ";") : null;
  }

  /** Whether code in [from, to) takes something an early exit would have to give back. */
  private static boolean takes(FileModel ctx, CallSite c, int from, int to) {
    if (from >= to) {
      return false;
    }
    if (TAKES.matcher(ctx.text().substring(from, to)).find()) {
      return true;
    }
    for (CallSite other : ctx.callsIn(c.function())) {
      if (other.start() >= from && other.start() < to && returnsNewReference(ctx, other.name())) {
        return true; // a new reference that may still be held at the call
      }
    }
    return false;
  }

  /**
   * Whether a call returns a new reference: by the knowledge base for the C API; for a function of
   * the file that returns an object pointer, by CPython's convention (such functions return new
   * references); for one of another file, when the project index knows it returns a new object.
   */
  private static boolean returnsNewReference(FileModel ctx, String callee) {
    if (ctx.kb().returnsNewReference(callee)) {
      return true;
    }
    IASTFunctionDefinition def = ctx.callGraph().function(callee);
    if (def == null) {
      return ctx.project().returnsNewObject(ctx.source().path(), callee);
    }
    return returnsPointer(ctx, def) && ctx.inFile(def.getDeclSpecifier())
        && ctx.textOf(def.getDeclSpecifier()).matches("(?s).*\\b(Py\\w*Object|\\w+Object|\\w+_object)\\b.*");
  }

  private static boolean returnsPointer(FileModel ctx, IASTFunctionDefinition fn) {
    return fn.getDeclarator().getPointerOperators().length > 0
        && fn.getDeclarator().getNestedDeclarator() == null;
  }

  /** One level of indentation as the file writes it. */
  private static String unit(String text, String indent) {
    return indent.contains("\t") ? "\t" : "    ";
  }
}
