package dev.ftls.core.rules.builtin;

import dev.ftls.core.fix.CompatShims;
import dev.ftls.core.fix.DictLookupRef;
import dev.ftls.core.fix.Edits;
import dev.ftls.core.fix.Fix;
import dev.ftls.core.fix.ReleaseAfterLastUse;
import dev.ftls.core.fix.TextEdit;
import dev.ftls.core.kb.ApiEntry;
import dev.ftls.core.kb.KnowledgeBase;
import dev.ftls.core.kb.Replacement;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.CallSite;
import dev.ftls.core.semantic.HeldLocks;
import dev.ftls.core.semantic.ReadOnlyFields;
import dev.ftls.core.semantic.SyntaxWalk;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.IASTCompoundStatement;
import org.eclipse.cdt.core.dom.ast.IASTIfStatement;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTStatement;

/**
 * FT101: a C API call that returns a borrowed reference into a container or object other threads
 * can change, where CPython offers a strong-reference replacement. Which APIs, and their
 * replacements, come from the knowledge base.
 */
public final class BorrowedReferenceFromSharedContainer extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT101",
          "borrowed-reference-from-shared-container",
          Severity.WARNING,
          "Borrowed reference from a container or object that other threads can change",
          """
          # FT101 borrowed-reference-from-shared-container

          ## What it flags
          Calls of C API functions and macros that hand back a borrowed reference to an item that
          lives in a shared, mutable place, when a strong-reference replacement exists:
          `PyList_GetItem`, `PyList_GET_ITEM`, `PyDict_GetItem`, `PyDict_GetItemWithError`,
          `PyDict_GetItemString`, `PyDict_SetDefault`, `PyWeakref_GetObject`,
          `PyWeakref_GET_OBJECT`, `PyImport_AddModule`, `PyCell_GET`, `PyEval_GetGlobals`, the
          private dict lookups real extensions call (`_PyDict_GetItemStringWithError`,
          `_PyDict_GetItem_KnownHash`) and the other borrowed-return APIs that ftls' knowledge base pairs with a replacement (hover a name
          to see its entry; `ftls explain FT101` lists them all).

          ## Why it matters without the GIL
          A borrowed reference stays valid only while something else keeps the object alive. With
          the GIL, nothing else ran between the lookup and the use, so the container's own reference
          was enough. Without it, another thread can replace or delete the item at any moment, drop
          the container's reference, and free the object while this thread still uses it: a
          use-after-free that shows up as rare crashes or corrupted data.

          ## Example
          ```c
          PyObject *item = PyList_GetItem(shared_list, 0);
          Py_INCREF(item);
          ```

          ## Use instead
          ```c
          PyObject *item = PyList_GetItemRef(shared_list, 0);   /* strong: Py_DECREF when done */
          ```

          ## Fix
          Where the code makes the borrowed result strong itself (`Py_NewRef(PyList_GetItem(l, i))`,
          `Py_XNewRef(...)`, or a `Py_INCREF(x)` / `return Py_NewRef(x);` after
          `x = PyList_GetItem(...)`, with only reads of `x` and no jump out in between), the fix swaps
          in the strong-reference API and drops the extra increment: exactly equivalent code, minus
          the window in which the reference was borrowed.

          Where the result is kept in a local variable and only used there
          (`PyObject *item = PyList_GetItem(l, i);` then reads of `item`), the fix swaps in the
          strong-reference API and releases the reference after its last use in the block:
          `Py_DECREF(item)` (or `Py_XDECREF` when the code tests `item` for NULL itself, as in
          `if (item) ...`).

          The strong-reference API returns NULL when the item is gone (the list shrank between the
          size check and the call: the very race), and so did the old call, where the code went on
          with NULL anyway (a crash, or for `PyList_GET_ITEM` a read past the end). When no test of
          the variable follows the call, the fix adds one that leaves the way the function's own
          error checks do: it copies the exit of the nearest earlier `if (x == NULL)` / `if (!x)`
          check that only does `return <constant>;` or `goto <label>;` (`return NULL;` in a function
          returning a pointer that has none). That changes only the path that used to crash, so the
          fix stays safe when nothing that needs releasing (a new reference, memory, a lock) was
          taken earlier in the function, or, for a `goto`, when a check after the call leaves by the
          same label (its cleanup serves that state). Otherwise the fix is unsafe and its title
          names the line whose new exit you must check. No exit can be planned inside a critical
          section, under a lock, in a `void` function, or when the nearest check releases things
          itself: then only the unsafe swap is offered, and its title says to handle NULL. Each `return`,
          `break` or `continue` that leaves the block in between gets the release before it, and a
          `return` whose value uses the variable becomes `ret = <value>; Py_DECREF(item); return ret;`.
          This covers every path, so the fix is marked safe. When a `goto` leaves the block, the
          fix is unsafe and its title names the line where you must release the reference yourself.
          When the reference changes owner (stored in a field or another variable, returned as is,
          passed to a function that steals it, reassigned, its address taken) or the variable is
          read after the block, ftls cannot place the release: the only fix then is the
          strong-reference API alone, marked unsafe, whose title says that the variable now owns a
          reference to release (or, for `return PyList_GetItem(...)`, that callers now get a new
          reference). In code that stored or returned the borrowed reference without an increment
          this is often the bug fix itself; elsewhere it leaks until you add the release.

          Dict lookups kept in a variable on a line of their own
          (`PyObject *v = PyDict_GetItemWithError(d, k);`) become `PyDict_GetItemRef(d, k, &v);`
          (`PyDict_GetItemString`: `PyDict_GetItemStringRef`), with the same releases (or the
          increment dropped) as above. The new call leaves `v` NULL when the key is absent, and NULL
          with the exception set on error, exactly as before, so the code's own
          `v == NULL` / `PyErr_Occurred()` tests keep their meaning and no exit is added.
          `PyDict_GetItem` and `PyDict_GetItemString` hid errors (a failing `__hash__` or `__eq__`
          looked like an absent key); the fix keeps hiding them with
          `if (PyDict_GetItemRef(d, k, &v) < 0) { PyErr_Clear(); }`, and its title says so: consider
          handling the error instead. Other shapes (the lookup inside an expression,
          `PyDict_SetDefault`) get no fix.

          Other fixes are offered only when the replacement takes the same arguments, and when the
          target Python has it or the file includes `pythoncapi_compat.h`. When the project's oldest Python
          (`minimumPython` or `requires-python`) predates the replacement and the file neither
          includes `pythoncapi_compat.h` nor defines the name itself, the fix also adds, once per
          file after its `#include` lines, a short definition of the replacement for older
          Pythons built from the old API (`#if PY_VERSION_HEX < 0x030D0000` ... `#endif`); every
          site then uses the plain new call. A file without an `#include` before its first function
          (a header that relies on its includer) gets no fix for such a replacement.

          ## What it does not flag
          - containers no other thread can see yet: a list or dict created in the same function
            by an API that always makes a new object (`PyList_New`, `PyDict_New`, `PyDict_Copy`,
            `PySequence_List`, `PyUnicode_Split`, `PyObject_Dir`, `PyMapping_Keys`,
            `PyList_GetSlice`, `Py_BuildValue("[...]")`, ...) or by a function of the project that
            returns one, and that has not been passed anywhere, stored or returned before the call;
            also when it is kept in a field of a struct declared in the function
            (`struct state st; st.list = PyList_New(0);`) while the struct itself is never handed
            out. A new reference alone does not make a new object: `PySequence_Fast` and
            `Py_BuildValue("O", x)` may return their argument, `PyDict_GetItemRef` an item that
            stays in its dict; those are followed to where the argument comes from;
          - the keyword-arguments dict of the function (`kwargs`, `kwds`): each call gets its own;
          - a parameter of a `static` function whose every call is in the file (its name is never
            taken as a value) when each caller passes a container private to it, as above, and the
            function hands the parameter nowhere before the lookup;
          - containers in the fields of a call's scratch struct: a plain struct defined in the file
            whose every instance is a non-static local, whose address goes only to `static`
            functions of the file (through parameters of the struct's pointer type that they use
            only to reach fields or pass on the same way), whose size is never taken (no
            allocation), and whose field only ever receives NULL or a new container, which is only
            filled, read, released or handed to functions of the file that keep it;
          - containers of an object being torn down: in `tp_dealloc`, `tp_clear`, `tp_traverse`,
            `tp_finalize` and the static helpers only those call, the object (a parameter) and the
            containers in its fields are no other thread's. A helper that also walks into child
            objects it holds (a recursive call on an item) is treated the same, though another
            thread may still hold such a child; write down such a case if it matters to you;
          - tuples (`PyTuple_GetItem`): they cannot change;
          - code in preprocessor branches that are inactive for the target (`#ifndef Py_GIL_DISABLED`);
          - presence and identity tests that never touch the borrowed object:
            `PyDict_GetItem(d, k) != NULL`, `if (PyDict_GetItem(d, k))`, `!PyDict_GetItem(d, k)`,
            `PyList_GET_ITEM(l, i) == needle`, and a variable holding the result that is only
            ever compared or tested for NULL (`item = PyList_GET_ITEM(l, i); if (item == needle)`);
          - a list created by a helper that keeps no other reference to it (`items = collect(...)`,
            in the same file or, through the project index, another one), until it escapes; the
            helper may also return None, True, False or a new int, float, str or bytes on some
            paths (none of them a container anyone could change);
          - lines marked `// ftls: ignore[FT101] reason` or NumPy's `noqa: borrowed-ref`.
          - lookups while a lock of the extension's own is held (a PyMutex, a PyThread or pthread lock,
            a critical section, or a Python lock object called as `self->lock_...()` /
            `self->unlock_...()`): the lock decides who may change the container.
          - containers kept in a struct field that this file never changes and never hands out (no
            store, no `return`, no `PyMemberDef` entry, not passed to other code): tables filled
            once and only read afterwards.
          - containers in a field of an object that its module keeps to one thread at a time: the
            module declares that it runs without the GIL (`Py_mod_gil` in the file, or every `PyInit_` of the project declares it)
            and no function of the file takes a critical section or a lock on objects of the
            field owner's type. A port that locks none of a type's objects shows that its authors
            do not share them between threads (pycurl's handles, for one, are documented that
            way); as soon as one function locks the type, every unlocked lookup in its fields is
            reported. Static race detectors judge shared state by the same consistency rule.
          Known limits: such a field table is trusted even though the code that created it may
          still hold it; an object of a GIL-free module whose type is never locked is trusted to
          stay on one thread, which a port that forgot every lock would not deserve; a table read-only by a convention ftls cannot see (a global filled once)
          is still flagged; suppress it with a reason.

          ## References
          - https://docs.python.org/3/howto/free-threading-extensions.html#borrowed-references
          - https://py-free-threading.github.io/porting-extensions/

          ## Proof
          [FT101-borrowed-item](https://github.com/ftls-dev/ftls/tree/main/test-workspaces/proof/FT101-borrowed-item)
          runs this race on a free-threaded CPython (an attribute of `list[0]` read through a
          borrowed reference while other threads pop the item): the unsafe version reads freed
          items in most trials, the fixed one (the fix's strong reference, released after its last
          use) never; see the README, "Race proofs".
          """,
          true);

  public BorrowedReferenceFromSharedContainer() {
    super(META);
  }

  private static final Set<String> CONTAINER_PREFIXES = Set.of("PyList_", "PyDict_");
  private static final Set<String> MAKE_STRONG = Set.of("Py_NewRef", "Py_XNewRef");

  /** Whether the knowledge base lists the name as a borrowed-reference hazard with a replacement. */
  static Optional<ApiEntry> hazard(KnowledgeBase kb, String name) {
    return kb.get(name).filter(e -> e.returnsBorrowed() && e.replacement() != null && e.isSharedBorrowHazard());
  }

  @Override
  public boolean concerns(String apiName, KnowledgeBase kb) {
    return hazard(kb, apiName).isPresent();
  }

  @Override
  public void check(RuleContext ctx) {
    for (CallSite c : ctx.calls()) {
      if (!reports(ctx, c)) {
        continue;
      }
      ApiEntry e = hazard(ctx.kb(), c.name()).orElseThrow();
      String repl = e.replacement().name();
      String since = e.replacement().since();
      String where = isContainerAccess(c.name()) ? "'" + Edits.baseName(c.arg(0)) + "'" : "its owner";
      String cure;
      if (ctx.targetHas(since)) {
        cure = "use " + repl + (since == null ? "" : " (" + since + "+)") + ", which returns a strong reference";
      } else if (e.replacement().compat() && ctx.includesHeader("pythoncapi_compat.h")) {
        cure = "use " + repl + " (from pythoncapi_compat.h on Pythons older than " + since + "), which returns a strong reference";
      } else {
        cure = "its strong-reference replacement " + repl + " needs Python " + since + " (target is " + ctx.target() + ")"
            + (e.replacement().compat() ? " or pythoncapi_compat.h" : "");
      }
      String message = c.name() + " returns a borrowed reference that another thread can invalidate by "
          + "changing " + where + "; " + cure;
      List<Fix> fixes = ctx.fix(() -> CompatShims.adapt(ctx, strongFix(ctx, c, e), repl, since));
      ctx.report(new Finding(META.id(), META.defaultSeverity(),
          c.name() + ": borrowed, another thread can free it; "
              + (ctx.targetHas(since) || e.replacement().compat() && ctx.includesHeader("pythoncapi_compat.h")
                  ? "use " + repl : repl + " needs " + since + " (target is " + ctx.target() + ")"),
          message, c.start(), c.nameEnd(), fixes));
    }
  }

  /**
   * Whether FT101 reports this call: a borrowed-reference hazard with a replacement, on a
   * container or owner other threads can change, whose result is used beyond an address test.
   * FT102 asks too, so one lookup gets one finding.
   */
  static boolean reports(RuleContext ctx, CallSite c) {
    Optional<ApiEntry> entry = hazard(ctx.kb(), c.name());
    if (entry.isEmpty() || c.function() == null || RemovedApi.isRemoved(ctx, entry.get())) {
      return false; // a name removed in the target is FT103's
    }
    if (onlyTestedForNull(ctx, c) || onlyComparedThroughVariable(ctx, c)) {
      return false; // "PyDict_GetItem(d, k) != NULL": the borrowed object is never touched
    }
    if (isContainerAccess(c.name()) && ReadOnlyFields.of(ctx).isReadOnly(c.arg(0))) {
      return false; // a table in a field that this file never changes or hands out
    }
    if (HeldLocks.of(ctx).heldAt(c.function(), c.start())) {
      return false; // under a lock of the extension's own: it decides who may change the container
    }
    if (isContainerAccess(c.name()) && ctx.containerOrigins().keptToOneThread(c.function(), c.arg(0), c.start())) {
      return false; // in an object that its GIL-free module keeps to one thread: no function locks its type
    }
    return !(isContainerAccess(c.name()) && (ctx.containerOrigins().isPrivate(c.function(), c.arg(0), c.start())
        || ctx.sections().lockedAtAny(c.function(), c.start(),
            ctx.containerOrigins().resolve(c.function(), c.arg(0), c.start()).aliases())));
  }

  /**
   * Whether the result is stored in a variable that is then only compared by address
   * ({@code item = PyList_GET_ITEM(l, i); if (item == needle) ...}): every read of the variable
   * anywhere in the function is a comparison or a NULL test, so the borrowed object is never
   * touched.
   */
  static boolean onlyComparedThroughVariable(RuleContext ctx, CallSite c) {
    String var = SyntaxWalk.assignedVariable(ctx, c);
    if (var == null) {
      return false;
    }
    boolean[] touched = new boolean[1];
    int[] reads = new int[1];
    c.function().accept(new org.eclipse.cdt.core.dom.ast.ASTVisitor(true) {
      @Override
      public int visit(org.eclipse.cdt.core.dom.ast.IASTExpression ex) {
        // every read in the function, also those before the call (a loop may reach them later)
        if (ex instanceof org.eclipse.cdt.core.dom.ast.IASTIdExpression id && id.getName().toString().equals(var)
            && !SyntaxWalk.isAssignedTo(id)) {
          reads[0]++;
          if (!SyntaxWalk.comparedOnly(id)) {
            touched[0] = true;
            return PROCESS_ABORT;
          }
        }
        return PROCESS_CONTINUE;
      }
    });
    return !touched[0] && reads[0] > 0;
  }

  /**
   * Whether the call's result is only compared: with NULL (a presence test) or with another
   * pointer ({@code PyList_GET_ITEM(l, i) == needle}, an identity test). Either way the borrowed
   * object is never touched.
   */
  static boolean onlyTestedForNull(RuleContext ctx, CallSite c) {
    String t = ctx.text();
    String after = t.substring(c.end(), Math.min(t.length(), c.end() + 40));
    String before = t.substring(Math.max(0, c.start() - 20), c.start());
    boolean testedAfter = after.matches("(?s)^\\s*[!=]=.*");
    boolean conditionAlone = before.matches("(?s).*\\bif\\s*\\(\\s*!?\\s*$") && after.matches("(?s)^\\s*\\).*");
    boolean negated = before.matches("(?s).*!\\s*$") && !before.matches("(?s).*!=\\s*$");
    boolean testedBefore = before.matches("(?s).*[!=]=\\s*$");
    return testedAfter || conditionAlone || negated || testedBefore;
  }

  static boolean isContainerAccess(String name) {
    String publicName = name.startsWith("_") ? name.substring(1) : name;   // _PyDict_GetItem_KnownHash
    for (String p : CONTAINER_PREFIXES) {
      if (publicName.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  // ---- the fix: the borrowed result is made strong at once ----

  private Fix strongFix(RuleContext ctx, CallSite c, ApiEntry e) {
    String repl = e.replacement().name();
    if (repl.equals(DictLookupRef.replacement(c.name()))) {
      return dictFix(ctx, c, e, repl);
    }
    if (!sameShape(ctx.kb(), e, repl) || !available(ctx, e)) {
      return null;
    }
    String title = "Use " + repl + " (strong reference) instead of " + c.name() + " + incref";
    String callArgs = ctx.text().substring(c.nameEnd(), c.end());
    for (CallSite outer : ctx.callsIn(c.function())) {
      if (MAKE_STRONG.contains(outer.name()) && outer.args().size() == 1
          && outer.args().get(0).start() == c.start() && outer.args().get(0).end() == c.end()) {
        return new Fix(title, true, List.of(new TextEdit(outer.start(), outer.end(), repl + callArgs)));
      }
    }
    Fix f = increfAfterAssignment(ctx, c, List.of(new TextEdit(c.start(), c.nameEnd(), repl)), title);
    f = f != null ? f : ReleaseAfterLastUse.fix(ctx, c, repl);
    return f != null ? f : ReleaseAfterLastUse.swapOnly(ctx, c, repl);
  }

  /**
   * A dict lookup kept in a variable: the strong form with an out parameter
   * ({@link DictLookupRef}), then the same plans as for a list: drop an increment that follows, or
   * release after the last use. The error-versus-absent distinction is kept; a lookup that hid
   * errors still hides them, and the title says so.
   */
  private Fix dictFix(RuleContext ctx, CallSite c, ApiEntry e, String repl) {
    List<TextEdit> swap = available(ctx, e) ? DictLookupRef.swap(ctx, c) : null;
    if (swap == null) {
      return null;
    }
    String hides = DictLookupRef.swallows(c.name()) ? " (errors are still ignored, as " + c.name() + " did)" : "";
    Fix f = increfAfterAssignment(ctx, c, swap, "Use " + repl + " (strong reference) instead of " + c.name() + " + incref");
    f = f != null ? f : ReleaseAfterLastUse.fix(ctx, c, repl, swap);
    return f == null ? null : new Fix(f.title() + hides, f.safe(), f.edits());
  }

  private Fix increfAfterAssignment(RuleContext ctx, CallSite c, List<TextEdit> swap, String title) {
    IASTStatement stmt = dev.ftls.core.semantic.SyntaxWalk.statementOf(ctx.nodeOf(c));
    if (stmt == null || !(stmt.getParent() instanceof IASTCompoundStatement block) || !ctx.inFile(stmt)) {
      return null;
    }
    String before = ctx.text().substring(ctx.start(stmt), c.start());
    String after = ctx.text().substring(c.end(), ctx.end(stmt)).strip();
    java.util.regex.Matcher m = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*$").matcher(before);
    if (!m.find() || !after.equals(";")) {
      return null;
    }
    String var = m.group(1);
    IASTStatement[] stmts = block.getStatements();
    int i = SyntaxWalk.indexOf(stmts, stmt) + 1;
    if (i < stmts.length && stmts[i] instanceof IASTIfStatement check && SyntaxWalk.isNullCheckThatLeaves(ctx, check, var)) {
      i++;
    }
    // the increment may come after statements that only read the variable (FT102's case): it is
    // the first statement that mentions an ownership change, with no jump out before it
    Pattern owns = Pattern.compile("\\b(Py_X?(INC|DEC)REF|Py_CLEAR|Py_X?SETREF|Py_X?NewRef)\\s*\\(\\s*" + var
        + "\\s*\\)|\\b" + var + "\\s*=[^=]|&\\s*" + var + "\\b");
    while (i < stmts.length && ctx.inFile(stmts[i]) && !owns.matcher(ctx.textOf(stmts[i])).find()
        && !dev.ftls.core.semantic.SyntaxWalk.containsJump(stmts[i])) {
      i++;
    }
    if (i >= stmts.length || !ctx.inFile(stmts[i])) {
      return null;
    }
    IASTStatement incref = stmts[i];
    String next = ctx.textOf(incref).replaceAll("\\s", "");
    if (next.matches("returnPy_X?NewRef\\(" + var + "\\);")) {
      // x = CALL; return Py_NewRef(x);  ->  x = CALL_REF; return x;
      List<TextEdit> edits = new ArrayList<>(swap);
      edits.add(new TextEdit(ctx.start(incref), ctx.end(incref), "return " + var + ";"));
      return new Fix(title, true, edits);
    }
    if (!next.matches("Py_X?INCREF\\(" + var + "\\);")) {
      return null;
    }
    int delStart = ctx.start(incref);
    int delEnd = ctx.end(incref);
    if (Edits.onlySpaceBefore(ctx.text(), delStart) && Edits.onlySpaceAfter(ctx.text(), delEnd)) {
      delStart = Edits.lineStart(ctx.text(), delStart);
      delEnd = Edits.nextLineStart(ctx.text(), delEnd);
    }
    List<TextEdit> edits = new ArrayList<>(swap);
    edits.add(new TextEdit(delStart, delEnd, ""));
    return new Fix(title, true, edits);
  }

  /** Whether the replacement takes the same parameters, so swapping the name is all it takes. */
  private static boolean sameShape(KnowledgeBase kb, ApiEntry e, String repl) {
    Optional<ApiEntry> r = kb.get(repl);
    if (r.isEmpty() || e.params().isEmpty() || !"new".equals(r.get().returns())) {
      return false;
    }
    List<ApiEntry.Param> a = e.params();
    List<ApiEntry.Param> b = r.get().params();
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!normalize(a.get(i).type()).equals(normalize(b.get(i).type()))) {
        return false;
      }
    }
    return true;
  }

  private static String normalize(String type) {
    return type == null ? "" : type.replaceAll("\\s", "");
  }

  /** Whether the replacement can be used: the target has it, or pythoncapi_compat.h provides it. */
  static boolean available(RuleContext ctx, ApiEntry e) {
    Replacement r = e.replacement();
    return ctx.targetHas(r.since()) || (r.compat() && ctx.includesHeader("pythoncapi_compat.h"));
  }

}
