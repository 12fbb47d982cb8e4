package dev.ftls.core.rules.builtin;

import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.CallSite;
import dev.ftls.core.semantic.CriticalSections;
import dev.ftls.core.semantic.HeldLocks;
import dev.ftls.core.semantic.ObjectLifecycle;
import dev.ftls.core.semantic.ObjectAliases;
import dev.ftls.core.semantic.ObjectStructs;
import dev.ftls.core.semantic.SerializedFunctions;
import dev.ftls.core.semantic.SyntaxWalk;
import dev.ftls.core.semantic.SynchronizedTypes;
import dev.ftls.core.semantic.TypeSlots;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTBinaryExpression;
import org.eclipse.cdt.core.dom.ast.IASTCompoundStatement;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTFieldReference;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTIfStatement;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTStatement;

/**
 * FT304: a field of the extension's own object struct filled lazily, replaced or dropped in a
 * method that runs without a critical section on the object or a lock.
 */
public final class UnsynchronizedObjectField extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT304",
          "unsynchronized-object-field",
          Severity.WARNING,
          "Field of a shared object changed without a lock",
          """
          # FT304 unsynchronized-object-field

          ## What it flags
          Changes to a field of the extension's own object struct (a struct whose first member is
          `PyObject_HEAD`, `PyObject_VAR_HEAD` or another object struct) reached through the
          function's object parameter (`self`, an iterator, the object a getter or setter gets, or
          a local cast from it), with no critical section on that object and no lock held:
          - the lazy fill of a pointer field: `if (self->x == NULL) { self->x = make(); }` (also
            `if (!self->x)`, and `if (self->x != NULL) return self->x;` followed by the fill);
          - the replacement of an object-pointer field that releases the old value:
            `Py_SETREF(self->x, v)`, `Py_XSETREF(self->x, v)`, `Py_CLEAR(self->x)`, and
            `self->x = v` after `Py_DECREF(self->x)` or after saving the old value in a local that
            is released;
          - in an iterator's `tp_iternext`, the state dropped when the iterator is exhausted
            (`Py_CLEAR(it->seq)`, `Py_DECREF(it->seq); it->seq = NULL;`).
          One finding per function, kind and object, at the first change; it names the other
          fields the function changes the same way (a `reset()` that clears twenty fields is one
          place to lock). A struct defined in a project header (which the file's own parse does not
          read) counts as an object struct when the file allocates it as one (`PyObject_New(T,
          ...)`, `tp_alloc`), gives `sizeof(T)` as a type's basic size, or names it `...Object`.

          ## Why it matters without the GIL
          Other threads can call methods of the same object at the same time. Two threads can
          both see the field empty and both build its value: one of them is lost (a leak), or,
          with `Py_SETREF`, released while the other thread still uses it. A thread that replaces
          or clears a field releases the old object while another thread may be using the
          borrowed pointer it read from the field a moment before: a use after free. Two threads
          that exhaust the same iterator together both release its sequence: a double `DECREF`.

          ## Example
          ```c
          static PyObject *
          Parser_get_table(ParserObject *self, void *closure)
          {
              if (self->table == NULL) {
                  self->table = build_table(self);
              }
              return Py_XNewRef(self->table);
          }

          static PyObject *
          Reader_next(ReaderObject *it)
          {
              ...
              Py_CLEAR(it->source);
              return NULL;
          }
          ```

          ## Use instead
          Do the change, and the reads that borrow the field, inside a critical section on the
          object (Python 3.13+; the macros do nothing in builds with the GIL):
          ```c
          PyObject *table;
          Py_BEGIN_CRITICAL_SECTION(self);
          if (self->table == NULL) {
              self->table = build_table(self);
          }
          table = Py_XNewRef(self->table);
          Py_END_CRITICAL_SECTION();
          return table;
          ```
          Readers that keep the value should take a strong reference while the object is locked.
          Alternatively fill the field once in `tp_new`/`tp_init`, before other threads can see
          the object, or guard the object's state with a `PyMutex` of its own.

          ## Fix
          None: where the critical section must begin and end depends on every function that
          reads the field, not only on the one that writes it; wrapping the write alone leaves
          borrowed reads racing, and wrapping a function body changes where its early `return`s
          and `goto`s go (they must leave the section through `Py_END_CRITICAL_SECTION`). The
          change is for the author to place.

          ## What it does not flag
          - `tp_new`, `tp_init`, `tp_dealloc`, `tp_clear`, `tp_traverse`, `tp_finalize` (found
            through `PyType_Slot` arrays and `PyTypeObject` initializers, otherwise by name), and
            static helpers only they call: the object is fresh there, or about to die. `tp_init`
            can in fact run again on a live object (`obj.__init__(...)`), but a concurrent
            re-initialization is rare enough that ftls stays quiet;
          - objects the function made itself (a local from `tp_alloc` or `PyObject_New`);
          - changes under a critical section on the object (also through a cast or a local alias,
            or a caller that holds it, see FT401) or with any lock held, and functions that only
            run during module initialization;
          - fields of structs without an object header, such as a module state struct from
            `PyModule_GetState`: shared too, but as module-wide state like globals, which FT301 and
            FT302 cover;
          - plain C scalar fields (counters, flags) and assignments that do not release the old
            value (a store into a field known to be empty leaks nothing);
          - targets without free threading;
          - in a module that declares it runs without the GIL, replacements and dropped iterator
            state on an object struct type that no function of the file locks: no function handed
            an object of that type takes a critical section on it or takes any lock. Such a type
            shows that its maintainers keep each object to one thread at a time (a handle the
            library documents as not to be shared, such as pycurl's `Curl`), and the changes are
            safe by that contract. Lazy fills are still reported on such types (a read that writes
            surprises callers that share the object only for reading), and a type that some
            function does lock keeps every finding in its unlocked functions (the message says the
            file locks the type elsewhere). The declaration counts when this file names
            `Py_MOD_GIL_NOT_USED` or `mod_gil_not_used`, or when every `PyInit_` function of the
            project calls `PyUnstable_Module_SetGIL`, itself or through its helpers (from the
            project index: a project that builds several modules counts as ported only when all do);
            a `Py_mod_gil` slot in another file is not seen, and the file is then treated as not
            ported: everything is reported. Modules that declare nothing are reported in full.
          If such a contract is not what your users can count on, make the methods safe anyway: in
          the free-threaded build a misuse then raises or serializes instead of freeing memory
          under another thread.

          ## References
          - https://docs.python.org/3/howto/free-threading-extensions.html#using-critical-sections
          - https://docs.python.org/3/c-api/init.html#c.Py_BEGIN_CRITICAL_SECTION
          - https://py-free-threading.github.io/porting-extensions/#dealing-with-thread-unsafe-objects

          ## Proof
          [FT304-object-field](https://github.com/ftls-dev/ftls/tree/main/test-workspaces/proof/FT304-object-field)
          runs this race on a free-threaded CPython (a `set` method replaces a field with
          `Py_XSETREF` while other threads read it through a `get` that locks the object);
          `scripts/prove.sh` shows `unsafe.c` failing and `fixed.c` holding (README, "Race proofs").
          """,
          false);

  private static final Set<String> RELEASING_MACROS = Set.of("Py_CLEAR", "Py_SETREF", "Py_XSETREF");
  private static final Set<String> DECREFS = Set.of("Py_DECREF", "Py_XDECREF", "Py_DecRef", "Py_XDecRef");

  private static final Pattern LAST_FIELD = Pattern.compile("->\\s*([A-Za-z_]\\w*)\\s*\\)*\\s*$");

  private enum Kind { LAZY, REPLACE, EXHAUSTED }

  public UnsynchronizedObjectField() {
    super(META, Set.of("Py_SETREF", "Py_XSETREF", "Py_CLEAR", "Py_BEGIN_CRITICAL_SECTION"));
  }

  @Override
  public void check(RuleContext ctx) {
    if (!ctx.target().freeThreaded()) {
      return;
    }
    ObjectLifecycle lifecycle = ObjectLifecycle.of(ctx);
    SerializedFunctions serialized = SerializedFunctions.of(ctx);
    for (IASTFunctionDefinition fn : ctx.functions()) {
      if (fn.getBody() != null && !lifecycle.lifecycleOnly(fn) && !serialized.contains(fn)) {
        checkFunction(ctx, fn);
      }
    }
  }

  private void checkFunction(RuleContext ctx, IASTFunctionDefinition fn) {
    ObjectAliases aliases = ObjectAliases.of(ctx, fn);
    if (aliases.isEmpty()) {
      return;
    }
    ObjectStructs structs = ObjectStructs.of(ctx);
    // the fields the releasing macros name (Py_CLEAR(self->x): "x")
    Set<String> macroFields = new HashSet<>();
    for (CallSite c : ctx.callsIn(fn)) {
      if (RELEASING_MACROS.contains(c.name()) && !c.args().isEmpty()) {
        java.util.regex.Matcher m = LAST_FIELD.matcher(c.arg(0));
        if (m.find()) {
          macroFields.add(m.group(1));
        }
      }
    }
    // the field references that may be written, by where their field name is written (finding
    // where a name stands is slow inside macro expansions: only for these)
    TreeMap<Integer, IASTFieldReference> refs = new TreeMap<>();
    fn.getBody().accept(new ASTVisitor() {
      {
        shouldVisitExpressions = true;
      }

      @Override
      public int visit(IASTExpression e) {
        if (e instanceof IASTFieldReference r && r.isPointerDereference()
            && (macroFields.contains(r.getFieldName().toString()) || assignmentTarget(r) != null)) {
          int at = ctx.nameOffset(r.getFieldName());
          if (at >= 0) {
            refs.putIfAbsent(at, r);
          }
        }
        return PROCESS_CONTINUE;
      }
    });
    if (refs.isEmpty()) {
      return;
    }
    boolean iternext = "tp_iternext".equals(TypeSlots.of(ctx).slotOf(fn))
        || dev.ftls.core.semantic.CallGraph.nameOf(fn).matches("(?i).*(iternext|_next)");
    Set<Integer> reported = new HashSet<>();
    List<Site> sites = new java.util.ArrayList<>();
    for (var entry : refs.entrySet()) {
      IASTFieldReference r = entry.getValue();
      int at = entry.getKey();
      String root = aliases.rootOf(r.getFieldOwner());
      ObjectStructs.Field f = root == null ? null : structs.field(r, aliases.typeOf(r.getFieldOwner()));
      if (f == null || !isPlainAssignmentTarget(ctx, r, at)) {
        continue;
      }
      String target = root + "->" + f.name();
      // a field of a struct defined in a header: its type is unknown; releasing the old value
      // shows it holds an object, and a fill by a call (not a flag set to 1) shows a pointer
      Kind kind = filledLazily(ctx, fn, r, root, f.name()) ? Kind.LAZY
          : (f.objectPointer() || !f.known()) && releasedBefore(ctx, fn, target, at)
              ? (iternext ? Kind.EXHAUSTED : Kind.REPLACE)
          : null;
      boolean pointerFill = f.known() ? f.pointer() : assignsCallResult(r);
      if (kind != null && (kind != Kind.LAZY || pointerFill) && reported.add(at)) {
        sites.add(new Site(kind, root, f.name(), at, at + f.name().length()));
      }
    }
    for (CallSite c : ctx.callsIn(fn)) {
      if (!RELEASING_MACROS.contains(c.name()) || c.args().isEmpty()) {
        continue;
      }
      CallSite.Arg a = c.args().get(0);
      var last = refs.floorEntry(a.end() - 1);
      if (last == null || last.getKey() < a.start()) {
        continue;
      }
      IASTFieldReference r = last.getValue();
      String root = aliases.rootOf(r.getFieldOwner());

      ObjectStructs.Field f = root == null ? null : structs.field(r, aliases.typeOf(r.getFieldOwner()));
      if (f == null || (f.known() && !f.objectPointer())
          || !ctx.text().substring(last.getKey(), a.end()).equals(f.name())) {
        continue; // Py_CLEAR(self->x->y) or a field of something else
      }
      Kind kind = filledLazily(ctx, fn, r, root, f.name()) ? Kind.LAZY
          : iternext && c.name().equals("Py_CLEAR") ? Kind.EXHAUSTED : Kind.REPLACE;
      if (reported.add(c.start())) {
        sites.add(new Site(kind, root, f.name(), c.start(), c.nameEnd()));
      }
    }
    report(ctx, fn, aliases, sites);
  }

  /** One unprotected change: what kind, of which field of which object, where. */
  private record Site(Kind kind, String root, String field, int start, int end) {}

  /**
   * Reports the unprotected changes of a function, one finding per kind and object at its first
   * change, naming the other fields changed the same way (a reset() that clears twenty fields is
   * one problem, not twenty).
   */
  private void report(RuleContext ctx, IASTFunctionDefinition fn, ObjectAliases aliases, List<Site> sites) {
    sites.sort(java.util.Comparator.comparingInt(Site::start));
    java.util.Map<String, List<Site>> groups = new java.util.LinkedHashMap<>();
    for (Site site : sites) {
      if (!HeldLocks.of(ctx).heldAt(fn, site.start())
          && !ctx.sections().lockedAtAny(fn, site.start(), aliases.namesOf(site.root()))) {
        groups.computeIfAbsent(site.kind() + " " + site.root(), k -> new java.util.ArrayList<>()).add(site);
      }
    }
    SynchronizedTypes sync = SynchronizedTypes.of(ctx);
    for (List<Site> group : groups.values()) {
      Site first = group.get(0);
      String root = first.root();
      boolean typeLocked = sync.ported()
          && SynchronizedTypes.typesOf(ctx, fn, aliases, root).stream().anyMatch(sync::locked);
      if (sync.ported() && !typeLocked && first.kind() != Kind.LAZY) {
        continue; // a ported module's type that nothing locks: kept to one thread by its contract
      }
      String f = "'" + root + "->" + first.field() + "'";
      String message = switch (first.kind()) {
        case LAZY -> f + " is filled on first use without a critical section on '" + root + "': two threads can "
            + "both see it empty and both fill it, and one value leaks or is released while the other thread uses it";
        case REPLACE -> f + " is replaced and its old value released without a critical section on '" + root
            + "': another thread may still be using the old value it read from the field";
        case EXHAUSTED -> "The iterator's " + f + " is dropped without a critical section on '" + root
            + "': two threads that reach the end together can both release it (a double DECREF)";
      };
      String brief = switch (first.kind()) {
        case LAZY -> f + " is filled on first use unlocked; use Py_BEGIN_CRITICAL_SECTION";
        case REPLACE -> f + " is replaced and released unlocked; use Py_BEGIN_CRITICAL_SECTION";
        case EXHAUSTED -> f + " is dropped unlocked (a double DECREF); use Py_BEGIN_CRITICAL_SECTION";
      };
      java.util.Set<String> others = new java.util.LinkedHashSet<>();
      for (Site s : group) {
        if (!s.field().equals(first.field())) {
          others.add(s.field());
        }
      }
      if (!others.isEmpty()) {
        List<String> names = others.stream().limit(3).map(n -> "'" + root + "->" + n + "'").toList();
        message += (others.size() == 1 ? "; so is " : "; so are ") + String.join(", ", names)
            + (others.size() > 3 ? " and " + (others.size() - 3) + " more fields" : "") + " in this function";
      }
      if (typeLocked) {
        message += "; the file locks objects of this type elsewhere, so they are shared between threads";
      }
      ctx.report(new Finding(META.id(), META.defaultSeverity(), brief, message, first.start(), first.end(), List.of()));
    }
  }

  /** The plain assignment ({@code =}) whose target is the field reference (through brackets), or null. */
  private static IASTBinaryExpression assignmentTarget(IASTFieldReference r) {
    IASTNode child = r;
    IASTNode p = r.getParent();
    while (p instanceof org.eclipse.cdt.core.dom.ast.IASTUnaryExpression u
        && u.getOperator() == org.eclipse.cdt.core.dom.ast.IASTUnaryExpression.op_bracketedPrimary) {
      child = p;
      p = p.getParent();
    }
    return p instanceof IASTBinaryExpression b && b.getOperator() == IASTBinaryExpression.op_assign
        && b.getOperand1() == child ? b : null;
  }

  /** {@code x->f = v} as written in the file (not an assignment a macro such as Py_CLEAR makes). */
  private static boolean isPlainAssignmentTarget(RuleContext ctx, IASTFieldReference r, int at) {
    if (assignmentTarget(r) == null) {
      return false;
    }
    String t = ctx.text();
    int i = at + r.getFieldName().toString().length();
    while (i < t.length() && (Character.isWhitespace(t.charAt(i)) || t.charAt(i) == ')')) {
      i++;
    }
    return i + 1 < t.length() && t.charAt(i) == '=' && t.charAt(i + 1) != '=';
  }

  /** Whether the assignment whose target is {@code r} stores what a call returns (through casts). */
  private static boolean assignsCallResult(IASTFieldReference r) {
    IASTBinaryExpression b = assignmentTarget(r);
    if (b == null) {
      return false;
    }
    IASTExpression v = b.getOperand2();
    while (v instanceof org.eclipse.cdt.core.dom.ast.IASTCastExpression
        || (v instanceof org.eclipse.cdt.core.dom.ast.IASTUnaryExpression u
            && u.getOperator() == org.eclipse.cdt.core.dom.ast.IASTUnaryExpression.op_bracketedPrimary)) {
      v = v instanceof org.eclipse.cdt.core.dom.ast.IASTCastExpression c ? c.getOperand()
          : ((org.eclipse.cdt.core.dom.ast.IASTUnaryExpression) v).getOperand();
    }
    return v instanceof org.eclipse.cdt.core.dom.ast.IASTFunctionCallExpression;
  }

  /**
   * Whether the write stands in the then-branch of {@code if (x->f == NULL)} ({@code !x->f}, ...),
   * or after {@code if (x->f != NULL) return ...;} in an enclosing block.
   */
  private static boolean filledLazily(RuleContext ctx, IASTFunctionDefinition fn, IASTNode write, String root,
      String field) {
    String x = "(?:\\(\\s*)*" + Pattern.quote(root) + "(?:\\s*\\))*\\s*->\\s*" + Pattern.quote(field) + "(?![\\w\\[.]|\\s*->)";
    Pattern empty = Pattern.compile("(?<![\\w>.])(!\\s*(\\(\\s*)*" + x + "|" + x + "\\s*==\\s*(NULL|0|nullptr)\\b"
        + "|\\b(NULL|nullptr)\\s*==\\s*" + x + ")");
    Pattern present = Pattern.compile("^\\s*(" + x + "|" + x + "\\s*!=\\s*(NULL|nullptr|0)|(NULL|nullptr)\\s*!=\\s*" + x
        + ")\\s*$");
    IASTNode child = write;
    for (IASTNode p = write.getParent(); p != null && p != fn; p = p.getParent()) {
      if (p instanceof IASTIfStatement ifs && ifs.getThenClause() == child && ctx.inFile(ifs.getConditionExpression())
          && empty.matcher(ctx.textOf(ifs.getConditionExpression())).find()) {
        return true;
      }
      if (p instanceof IASTCompoundStatement block && child instanceof IASTStatement s) {
        IASTStatement[] stmts = block.getStatements();
        for (int i = SyntaxWalk.indexOf(stmts, s) - 1; i >= 0; i--) {
          if (stmts[i] instanceof IASTIfStatement ifs && ifs.getElseClause() == null
              && ctx.inFile(ifs.getConditionExpression())
              && present.matcher(ctx.textOf(ifs.getConditionExpression())).find()
              && SyntaxWalk.containsJump(ifs.getThenClause())) {
            return true;
          }
        }
      }
      child = p;
    }
    return false;
  }

  /**
   * Whether the function releases the field's old value: {@code Py_DECREF(x->f)} before the
   * write, or {@code old = x->f;} before it and {@code Py_DECREF(old)} anywhere.
   */
  private static boolean releasedBefore(RuleContext ctx, IASTFunctionDefinition fn, String target, int at) {
    String key = CriticalSections.key(target);
    Set<String> saved = new HashSet<>();
    String body = ctx.text().substring(ctx.start(fn.getBody()), at);
    java.util.regex.Matcher m = Pattern.compile("\\b([A-Za-z_]\\w*)\\s*=\\s*(?:\\([^()]*\\)\\s*)?"
        + Pattern.quote(target).replace("->", "\\E\\s*->\\s*\\Q") + "\\s*;").matcher(body);
    while (m.find()) {
      saved.add(m.group(1));
    }
    for (CallSite c : ctx.callsIn(fn)) {
      if (!DECREFS.contains(c.name()) || c.arg(0) == null) {
        continue;
      }
      String arg = CriticalSections.key(c.arg(0));
      if ((c.start() < at && arg.equals(key)) || saved.contains(arg)) {
        return true;
      }
    }
    return false;
  }
}
