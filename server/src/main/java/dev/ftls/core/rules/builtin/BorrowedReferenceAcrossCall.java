package dev.ftls.core.rules.builtin;

import dev.ftls.core.fix.Fix;
import dev.ftls.core.fix.ReleaseAfterLastUse;
import dev.ftls.core.kb.ApiEntry;
import dev.ftls.core.kb.KnowledgeBase;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.CallSite;
import dev.ftls.core.semantic.Flow;
import dev.ftls.core.semantic.ReadOnlyFields;
import dev.ftls.core.semantic.SyntaxWalk;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;

/**
 * FT102: a borrowed reference from a shared container, kept across a call that can run arbitrary
 * Python code or release the thread state, and used after it.
 */
public final class BorrowedReferenceAcrossCall extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT102",
          "borrowed-reference-across-call",
          Severity.WARNING,
          "Borrowed reference used after a call that can run arbitrary code",
          """
          # FT102 borrowed-reference-across-call

          ## What it flags
          A variable that holds a borrowed reference from a shared container (any borrowed-return API
          the knowledge base marks as a hazard, such as `PyList_GetItem`, `PyDict_GetItem` or
          `PySequence_Fast_GET_ITEM`), used after a call that can run arbitrary Python code or let
          other threads run: calling objects (`PyObject_Call*`, `PyObject_Vectorcall*`), attribute
          and item access (`PyObject_GetAttr*`, `PyObject_SetItem`, ...), conversions and
          comparisons (`PyObject_Str`, `PyObject_RichCompare`, `PyObject_Hash`, ...), stores into
          containers (`PyDict_SetItem`, `PyList_SetItem`, ...), `Py_DECREF` of another object,
          `PyErr_Format` with `%R`/`%S`/`%A`, and releasing the thread state
          (`Py_BEGIN_ALLOW_THREADS`, `PyEval_SaveThread`).

          ## Why it matters without the GIL
          The borrowed item is kept alive only by the container. Arbitrary code (a `__del__`, a
          `__eq__`, a callback) can remove it from the container and free it, and so can any other
          thread while this one is detached. This was a bug even with the GIL; without it the window
          is wider because other threads run at any time.

          ## Example
          ```c
          PyObject *item = PyList_GetItem(list, 0);
          PyObject *res = PyObject_CallOneArg(callback, arg);
          return PyObject_Str(item);      /* item may be gone */
          ```

          ## Use instead
          Take a strong reference before the call (`PyList_GetItemRef`, or `Py_INCREF(item)`), and
          release it after the last use.

          ## Fix
          When the borrowed result is kept in a local variable used only in its block, the fix
          takes a strong reference right after the lookup (`Py_INCREF(v)` after its NULL check,
          `Py_XINCREF(v)` without one) and releases it after the last use, and before every
          `return`, `break` or `continue` that leaves the block in between (a `return` whose value
          uses `v` keeps the value, releases, then returns it). Pointers taken from the object
          (`PyBytes_AsString(v)`, ...) count as uses. This covers every path, so it is safe; when a
          `goto` leaves the block it is unsafe and names the line to finish by hand. No fix when the
          reference changes owner (stored, returned as is, increfed later, passed to a function
          that steals it), when the variable is read after the block, or when a label inside the
          block could be reached by a `goto` from before the lookup.

          ## What it does not flag
          - a reference made strong (`Py_INCREF`, `Py_XINCREF`, `Py_NewRef`) before the call;
          - a variable assigned again before its use;
          - a lookup FT101 already reports (a shared list or dict, a weak reference, ...): one
            hazard, one finding; FT101's fix, the strong-reference API, also cures the use after
            the call;
          - uses that only compare the pointer or test it for NULL (`item == needle`): the object
            is never touched;
          - items of containers private to the function, and of tuples: the positional-arguments
            tuple, tuples made in the function (`PyTuple_New`, `PySequence_Tuple`, ...), and
            sequences checked with `PyTuple_Check`/`PyTuple_CheckExact` (inside the check, or
            after an early return when the check fails);
          - items of containers kept in a struct field that the file never changes and never hands
            out (a table filled once and only read, as FT101 judges it): no code the call runs can
            reach the container to change it;
          - calls between the lookup and the use that cannot run Python code (`PyList_Size`,
            `PyLong_AsLong` on the item itself, ...), and releases that cannot either: of a fresh
            int, float, str or bytes, or of an object's type from `PyObject_Type(v)`, which `v`
            keeps alive.
          Known limits: loops are read in source order (a use earlier in the loop body after a call
          later in the previous iteration is not seen).

          ## References
          - https://docs.python.org/3/howto/free-threading-extensions.html#borrowed-references
          - https://docs.python.org/3/c-api/intro.html#reference-count-details

          ## Proof
          [FT102-borrowed-across-call](https://github.com/ftls-dev/ftls/tree/main/test-workspaces/proof/FT102-borrowed-across-call)
          runs this race on a free-threaded CPython (`list[0]` borrowed inside a critical section on
          the list, then a callback that sleeps, which suspends the section, while other threads pop
          the item): the unsafe version returns freed items in most trials; with a strong reference
          taken before the call, never. `scripts/prove.sh` shows it (README, "Race proofs").
          """,
          true);

  public BorrowedReferenceAcrossCall() {
    super(META);
  }

  /** Calls that can run arbitrary Python code or let other threads run, by name or prefix. */
  private static final Set<String> RUNS_CODE =
      Set.of("PyObject_Call", "PyObject_CallObject", "PyObject_CallNoArgs", "PyObject_CallOneArg",
          "PyObject_CallFunction", "PyObject_CallMethod", "PyObject_CallFunctionObjArgs",
          "PyObject_CallMethodObjArgs", "PyObject_CallMethodNoArgs", "PyObject_CallMethodOneArg",
          "PyObject_Vectorcall", "PyObject_VectorcallMethod", "PyObject_VectorcallDict",
          "PyEval_CallObject", "PyEval_CallFunction", "PyEval_CallMethod",
          "PyObject_GetAttr", "PyObject_GetAttrString", "PyObject_SetAttr", "PyObject_SetAttrString",
          "PyObject_GetItem", "PyObject_SetItem", "PyObject_DelItem", "PyObject_Str", "PyObject_Repr",
          "PyObject_RichCompare", "PyObject_RichCompareBool", "PyObject_Hash", "PyObject_IsTrue",
          "PyObject_GetIter", "PyIter_Next", "PyDict_SetItem", "PyDict_SetItemString", "PyDict_DelItem",
          "PyDict_DelItemString", "PyDict_Clear", "PyDict_Update", "PyDict_Merge", "PyList_SetItem",
          "PyList_SetSlice", "PyList_Clear", "PySequence_SetItem", "PySequence_DelItem",
          "PyMapping_SetItemString", "Py_DECREF", "Py_XDECREF", "Py_CLEAR", "Py_DecRef", "Py_XSETREF",
          "Py_SETREF", "Py_BEGIN_ALLOW_THREADS", "PyEval_SaveThread", "PyGILState_Release",
          "PyObject_Print", "PyNumber_Add", "PyNumber_Long", "PyNumber_Float", "PyNumber_Index");
  private static final Set<String> MAKES_STRONG = Set.of("Py_INCREF", "Py_XINCREF", "Py_NewRef", "Py_XNewRef");
  private static final Set<String> RELEASES_OTHER = Set.of("Py_DECREF", "Py_XDECREF", "Py_CLEAR", "Py_DecRef");
  private static final Pattern FORMATS_OBJECTS = Pattern.compile("%[-0-9.]*[RSAUV]");

  @Override
  public boolean concerns(String apiName, KnowledgeBase kb) {
    return isBorrowHazard(kb, apiName);
  }

  private static boolean isBorrowHazard(KnowledgeBase kb, String name) {
    return kb.get(name).map(e -> e.returnsBorrowed() && e.hazard()).orElse(false);
  }

  @Override
  public void check(RuleContext ctx) {
    for (IASTFunctionDefinition fn : ctx.functions()) {
      List<CallSite> calls = ctx.callsIn(fn);
      for (CallSite c : calls) {
        Optional<ApiEntry> e = ctx.kb().get(c.name());
        if (e.isEmpty() || !isBorrowHazard(ctx.kb(), c.name())) {
          continue;
        }
        String var = SyntaxWalk.assignedVariable(ctx, c);
        if (var == null || BorrowedReferenceFromSharedContainer.reports(ctx, c)) {
          continue; // FT101's finding on the same lookup, whose fix also cures this one
        }
        if (!c.args().isEmpty() && (ctx.containerOrigins().isPrivate(fn, c.arg(0), c.start())
            || ctx.containerOrigins().isTuple(fn, c.arg(0), c.start())
            || ReadOnlyFields.of(ctx).isReadOnly(c.arg(0)))) {
          continue; // no other code can change the container: private, a tuple, or a table only read
        }
        checkUses(ctx, fn, calls, c, var);
      }
    }
  }

  private void checkUses(RuleContext ctx, IASTFunctionDefinition fn, List<CallSite> calls, CallSite origin, String var) {
    List<CallSite> dangers = new ArrayList<>();
    for (CallSite c : calls) {
      if (c.start() < origin.end()) {
        continue;
      }
      if (dangers.isEmpty() && MAKES_STRONG.contains(c.name()) && mentions(c, var)) {
        return; // made strong before anything could free it
      }
      if (runsCode(ctx, c, var)) {
        dangers.add(c);
      }
    }
    if (dangers.isEmpty()) {
      return;
    }
    int firstDanger = dangers.get(0).end();
    int reassigned = nextAssignment(ctx, fn, var, origin.end());
    List<Integer> uses = new ArrayList<>();
    fn.accept(new ASTVisitor(true) {
      @Override
      public int visit(IASTExpression ex) {
        if (ex instanceof IASTIdExpression id && id.getName().toString().equals(var)) {
          int at = ctx.nameOffset(id.getName());
          if (at >= firstDanger && (reassigned < 0 || at < reassigned) && !SyntaxWalk.comparedOnly(id)) {
            uses.add(at);
          }
        }
        return PROCESS_CONTINUE;
      }
    });
    uses.sort(Integer::compare);
    for (int use : uses) {
      for (CallSite d : dangers) {
        if (d.end() > use) {
          break;
        }
        if (Flow.reaches(ctx, ctx.nodeOf(d), use)) {
          int line = ctx.source().lines().line(d.start()) + 1;
          ctx.report(new Finding(META.id(), META.defaultSeverity(),
              "borrowed '" + var + "' used after " + d.name() + ", which can free it; take a strong reference",
              "'" + var + "' is a borrowed reference from "
              + origin.name() + " and is used after " + d.name() + " (line " + line
              + "), which can run arbitrary code or let other threads run and free it; take a strong reference first",
              use, use + var.length(), ctx.fix(() -> ReleaseAfterLastUse.increfFix(ctx, origin))));
          return;
        }
      }
    }
  }

  private static boolean mentions(CallSite c, String var) {
    for (CallSite.Arg a : c.args()) {
      if (a.text().equals(var) || a.text().matches("\\(\\s*PyObject\\s*\\*\\s*\\)\\s*" + Pattern.quote(var))) {
        return true;
      }
    }
    return false;
  }

  private static boolean runsCode(RuleContext ctx, CallSite c, String var) {
    if (!RUNS_CODE.contains(c.name())) {
      return c.name().equals("PyErr_Format") && c.args().size() > 1 && FORMATS_OBJECTS.matcher(c.arg(1)).find();
    }
    if (RELEASES_OTHER.contains(c.name())) {
      // releasing the item itself is the caller's business; releasing a fresh int or str runs no code
      return !mentions(c, var) && !releasesScalar(ctx, c);
    }
    return true;
  }

  /**
   * Values whose release runs no code: fresh ints, floats, strings and bytes (no finalizer), and
   * the type of an object ({@code PyObject_Type(v)}), which the object itself keeps alive.
   */
  private static final Pattern SCALAR_CTOR = Pattern.compile(
      "(?:(?:PyLong_From\\w+|PyFloat_From\\w+|PyBool_FromLong|PyUnicode_From\\w+|PyBytes_From\\w+"
          + "|PyUnicode_InternFromString|PyObject_Type)\\s*\\(|Py_BuildValue\\s*\\(\\s*\"[nilkLKHIbBhcdfsyzu#]*\")");

  /**
   * Whether a Py_DECREF releases a variable last assigned a fresh int, float, str or bytes, or the
   * type of an object.
   */
  private static boolean releasesScalar(RuleContext ctx, CallSite c) {
    String v = c.arg(0);
    if (v == null || c.function() == null || !v.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      return false;
    }
    // the last "v = ..." before the call, found by scanning backwards (no regex per call)
    String t = ctx.text();
    int from = ctx.start(c.function());
    String last = null;
    for (int at = t.lastIndexOf(v, c.start() - 1); at >= from; at = t.lastIndexOf(v, at - 1)) {
      boolean wordStart = at == 0 || !Character.isJavaIdentifierPart(t.charAt(at - 1));
      int k = at + v.length();
      if (!wordStart || (k < t.length() && Character.isJavaIdentifierPart(t.charAt(k)))) {
        continue;
      }
      while (k < t.length() && Character.isWhitespace(t.charAt(k))) {
        k++;
      }
      if (k + 1 < t.length() && t.charAt(k) == '=' && t.charAt(k + 1) != '=') {
        int semi = t.indexOf(';', k);
        last = t.substring(k + 1, semi < 0 ? t.length() : semi);
        break;
      }
    }
    return last != null && SCALAR_CTOR.matcher(last.strip()).lookingAt();
  }

  /** Offset of the first re-assignment of var after an offset, or -1. */
  private static int nextAssignment(RuleContext ctx, IASTFunctionDefinition fn, String var, int after) {
    Pattern p = Pattern.compile("(?<![A-Za-z0-9_>.])" + Pattern.quote(var) + "\\s*=(?!=)");
    Matcher m = p.matcher(ctx.text());
    m.region(Math.min(after, ctx.end(fn)), ctx.end(fn)); // only this function's text
    return m.find() ? m.start() : -1;
  }
}
