package dev.ftls.core.rules.builtin;

import dev.ftls.core.fix.Edits;
import dev.ftls.core.fix.Fix;
import dev.ftls.core.fix.TextEdit;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.CallSite;
import dev.ftls.core.semantic.ContainerOrigins;
import dev.ftls.core.semantic.CriticalSections;
import dev.ftls.core.semantic.ReadOnlyFields;
import java.util.List;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.IASTExpressionStatement;
import org.eclipse.cdt.core.dom.ast.IASTForStatement;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTStatement;
import org.eclipse.cdt.core.dom.ast.IASTWhileStatement;

/** FT201: a PyDict_Next loop over a dict other threads can reach, without a critical section on it. */
public final class DictNextWithoutCriticalSection extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT201",
          "dict-next-without-critical-section",
          Severity.WARNING,
          "PyDict_Next iterates a shared dict without a critical section on it",
          """
          # FT201 dict-next-without-critical-section

          ## What it flags
          A call of `PyDict_Next` whose dict other threads can reach (a parameter, a global, a field
          of an object, a dict obtained from another call) when no critical section on that dict
          encloses the call. ftls compares the argument of the enclosing
          `Py_BEGIN_CRITICAL_SECTION(...)` (or either argument of `Py_BEGIN_CRITICAL_SECTION2`)
          with the first argument of `PyDict_Next`, ignoring casts, `&` and parentheses.

          ## Why it matters without the GIL
          Most dict functions lock the dict internally in the free-threaded build, but
          `PyDict_Next` cannot: the iteration spans many calls, and the position it keeps is an
          index into the dict's internal table. If another thread inserts or deletes a key between
          two calls, the table can be resized or rebuilt, and the loop skips entries, sees one twice,
          or reads keys and values that are being freed. With the GIL the loop body ran without
          interruption unless it called back into Python; now nothing stops the other thread.

          ## Example
          ```c
          Py_ssize_t pos = 0;
          PyObject *key, *value;
          while (PyDict_Next(registry, &pos, &key, &value)) {
              total += PyLong_AsLong(value);
          }
          ```

          ## Use instead
          ```c
          Py_BEGIN_CRITICAL_SECTION(registry);
          Py_ssize_t pos = 0;
          PyObject *key, *value;
          while (PyDict_Next(registry, &pos, &key, &value)) {
              total += PyLong_AsLong(value);
          }
          Py_END_CRITICAL_SECTION();
          ```
          If the loop body calls code that may block or run Python code, the critical section can
          be suspended in the middle of the loop; iterating over a snapshot
          (`PyDict_Copy(registry)`, or `PyDict_Items`) is then the robust choice.

          ## Fix
          When `PyDict_Next` is the condition of a `while` or `for` loop whose body neither returns
          nor jumps out with `goto`, the fix puts the whole loop inside
          `Py_BEGIN_CRITICAL_SECTION(dict);` ... `Py_END_CRITICAL_SECTION();` (offered for 3.13+
          targets, where the macros exist in every build; `break` and `continue` stay inside the
          section). When the project still supports Pythons before 3.13 (`minimumPython`, or
          `requires-python`), the file also gets, once, after its `#include` lines, definitions of
          the two macros as a plain block for those versions, whose GIL already serializes the loop
          (the default build of 3.13+ defines them the same way). Otherwise there is no automatic fix: where the section should end, or whether a
          snapshot (`PyDict_Copy`) is better, depends on the loop body.

          ## What it does not flag
          - dicts private to the function: created in it (`PyDict_New`, `PyDict_Copy`,
            `Py_BuildValue`, a function whose name says it makes a new object, ...) and not passed
            anywhere, stored or returned before the loop; this is the same privacy test FT101 uses;
          - dicts kept in a struct field that this file never changes or hands out (a table filled
            once and only read afterwards, as FT101 explains);
          - the keyword-arguments dict of the function (`kwargs`, `kwds`): every call gets its own;
          - fields of objects that their GIL-free module keeps to one thread (no function of the file
            locks objects of the owner's type; as FT101 explains);
          - loops inside a critical section on the dict, or on the object that owns it
            (`Py_BEGIN_CRITICAL_SECTION(self)` around `PyDict_Next(self->dict, ...)`: ftls assumes
            the owner's lock guards its dict);
          - functions that run with the lock already held: their name ends in `_lock_held` or
            `_locked`, they assert it with `_Py_CRITICAL_SECTION_ASSERT_OBJECT_LOCKED(dict)`, or they
            are `static`, never used as a function pointer, and every call in the file passes a dict
            whose critical section the caller holds;
          - code in preprocessor branches that are inactive for the target (`#ifndef Py_GIL_DISABLED`).
          Known false positives: a dict that only one thread ever sees by a convention ftls cannot
          see (built at module init and never changed afterwards, say) is still flagged; suppress it
          with `// ftls: ignore[FT201] reason`.

          ## References
          - https://docs.python.org/3/howto/free-threading-extensions.html#container-thread-safety
          - https://docs.python.org/3/c-api/dict.html#c.PyDict_Next
          - https://docs.python.org/3/c-api/init.html#c.Py_BEGIN_CRITICAL_SECTION
          - https://py-free-threading.github.io/porting-extensions/

          ## Proof
          [FT201-dict-next](https://github.com/ftls-dev/ftls/tree/main/test-workspaces/proof/FT201-dict-next)
          runs this race on a free-threaded CPython (a `PyDict_Next` loop while other threads insert
          and delete keys): the unsafe loop returns wrong results in most trials, the fixed one
          never. Old entries are freed with a delay, so a busy machine needs more trials; see the
          README, "Race proofs".
          """,
          true);

  public DictNextWithoutCriticalSection() {
    super(META, CONCERNS);
  }

  private static final Set<String> CONCERNS = Set.of("PyDict_Next", "Py_BEGIN_CRITICAL_SECTION");

  /** The fix: the whole loop inside a critical section on the dict, when nothing leaves it. */
  private static List<Fix> wrapFix(RuleContext ctx, CallSite c, String dict) {
    if (!ctx.targetHas("3.13")) {
      return List.of();
    }
    IASTNode n = ctx.nodeOf(c);
    IASTStatement loop = null;
    for (; n != null && !(n instanceof IASTFunctionDefinition); n = n.getParent()) {
      if (n instanceof IASTWhileStatement w && contains(ctx, w.getCondition(), c)) {
        loop = w;
        break;
      }
      if (n instanceof IASTForStatement f && f.getConditionExpression() != null && contains(ctx, f.getConditionExpression(), c)) {
        loop = f;
        break;
      }
      if (n instanceof IASTStatement && !(n instanceof IASTExpressionStatement)) {
        break;
      }
    }
    if (loop == null || !ctx.inFile(loop) || !Edits.onlySpaceBefore(ctx.text(), ctx.start(loop))
        || !Edits.onlySpaceAfter(ctx.text(), ctx.end(loop))) {
      return List.of();
    }
    boolean leaves = false;
    IASTStatement body = loop instanceof IASTWhileStatement w ? w.getBody() : ((IASTForStatement) loop).getBody();
    String bodyText = body == null || !ctx.inFile(body) ? "" : ctx.textOf(body);
    if (bodyText.matches("(?s).*\\b(return|goto)\\b.*") || bodyText.isEmpty()) {
      leaves = true;
    }
    if (leaves) {
      return List.of();
    }
    String nl = Edits.newline(ctx.text());
    String indent = Edits.indentOf(ctx.text(), ctx.start(loop));
    int lineStart = Edits.lineStart(ctx.text(), ctx.start(loop));
    int after = Edits.nextLineStart(ctx.text(), ctx.end(loop));
    String tail = after == ctx.text().length() && !Edits.endsWithLineBreak(ctx.text()) ? nl : "";
    Fix fix = new Fix("Lock '" + dict + "' for the whole loop (Py_BEGIN_CRITICAL_SECTION)", true, List.of(
        new TextEdit(lineStart, lineStart, indent + "Py_BEGIN_CRITICAL_SECTION(" + dict + ");" + nl),
        new TextEdit(after, after, tail + indent + "Py_END_CRITICAL_SECTION();" + nl)));
    fix = dev.ftls.core.fix.CompatShims.adapt(ctx, fix, "Py_BEGIN_CRITICAL_SECTION", "3.13");
    return fix == null ? List.of() : List.of(fix);
  }

  private static boolean contains(RuleContext ctx, IASTNode outer, CallSite c) {
    return outer != null && ctx.inFile(outer) && ctx.start(outer) <= c.start() && c.end() <= ctx.end(outer);
  }

  @Override
  public void check(RuleContext ctx) {
    CriticalSections sections = null;
    ContainerOrigins origins = null;
    for (CallSite c : ctx.calls()) {
      if (!c.name().equals("PyDict_Next") || c.function() == null || c.arg(0) == null) {
        continue;
      }
      if (sections == null) {
        sections = ctx.sections();
        origins = ctx.containerOrigins();
      }
      String dict = CriticalSections.key(c.arg(0));
      if (origins.isPrivate(c.function(), dict, c.start()) || ReadOnlyFields.of(ctx).isReadOnly(dict)
          || origins.keptToOneThread(c.function(), dict, c.start())
          || sections.lockedAtAny(c.function(), c.start(),
          origins.resolve(c.function(), dict, c.start()).aliases())) {
        continue;
      }
      ctx.report(new Finding(META.id(), META.defaultSeverity(),
          "PyDict_Next over '" + dict + "' without a critical section; wrap in Py_BEGIN_CRITICAL_SECTION",
          
          "PyDict_Next iterates '" + dict + "' without a critical section on it: another thread can "
              + "change the dict during the loop; wrap the loop in Py_BEGIN_CRITICAL_SECTION(" + dict + ")",
          c.start(), c.nameEnd(), ctx.fixes(() -> wrapFix(ctx, c, c.arg(0).strip()))));
    }
  }
}
