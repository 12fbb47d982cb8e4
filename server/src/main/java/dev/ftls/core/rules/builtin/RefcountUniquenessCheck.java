package dev.ftls.core.rules.builtin;

import dev.ftls.core.fix.Fix;
import dev.ftls.core.fix.TextEdit;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.CallSite;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** FT602: Py_REFCNT(x) compared with 1 to decide whether x may be changed in place. */
public final class RefcountUniquenessCheck extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT602",
          "refcount-uniqueness-check",
          Severity.WARNING,
          "Py_REFCNT(x) == 1 used as a uniqueness test",
          """
          # FT602 refcount-uniqueness-check

          ## What it flags
          Comparisons of `Py_REFCNT(x)` that ask "is this the only reference?": `== 1`, `!= 1`,
          `<= 1`, `< 2`, `> 1`, `>= 2` (either way round). Code uses them to decide whether an
          object can be mutated in place or reused. Also:
          - the same test through a local that holds the count
            (`Py_ssize_t rc = Py_REFCNT(o); if (rc == 1)`), when the local is not changed again;
          - `Py_REFCNT(x) == 2` (and `<= 2`, `< 3`, `!= 2`, `> 2`, `>= 3`) when a comment on its
            line or the line above says it means "only we (and our caller) hold it" (words such as
            only, unique, sole, nobody, no other, exclusive, in place, reuse);
          - CPython's internal `_PyObject_IsUniquelyReferenced` (information): a correct test, but
            internal API.

          ## Why it matters without the GIL
          In the free-threaded build the reference count is split between the owning thread and the
          others, and `Py_REFCNT` reads only an approximation of the sum; another thread may also be
          taking a reference at the same moment. A count of 1 no longer proves that nobody else can
          see the object, and mutating it in place becomes a data race.

          ## Example
          ```c
          if (Py_REFCNT(result) == 1) {
              /* reuse result in place */
          }
          ```

          ## Use instead
          ```c
          if (PyUnstable_Object_IsUniquelyReferenced(result)) {
              /* reuse result in place */
          }
          ```
          (Python 3.14 and later.)

          ## Fix
          Replaces the comparison with `PyUnstable_Object_IsUniquelyReferenced(x)` or its negation
          when the target has it (3.14+). In the default build the two are the same test. Unless
          the project's oldest Python (`minimumPython`, or `requires-python` in pyproject.toml) is
          3.14 or newer (or the file includes `pythoncapi_compat.h`), the fix also adds, once per
          file after its `#include` lines, a definition for older Pythons inside
          `#if PY_VERSION_HEX < 0x030E0000`: with the GIL, `(Py_REFCNT(op) == 1)`, the very test
          the code made before; in the free-threaded 3.13 (`Py_GIL_DISABLED`), 3.14's own test (the
          object is owned by this thread, has one local reference and nothing in its shared count
          field, so no other thread holds or can take a reference). The tests through
          a local and the thresholds of two have no fix (the count may be used for more than the
          test, and there is no public "only two references" test). `_PyObject_IsUniquelyReferenced`
          becomes `PyUnstable_Object_IsUniquelyReferenced` in an unsafe fix: the public test also
          answers false for immortal objects.

          ## What it does not flag
          - other comparisons of the count (`Py_REFCNT(x) > 100`, debugging output), and
            comparisons with 2 that no comment explains: they are as often "still referenced
            elsewhere" as "only us";
          - a local that holds the count and is changed or has its address taken afterwards;
          - writing the count (`Py_SET_REFCNT`) and `ob_refcnt` (FT603 reports the field);
          - checks inside `assert(...)` (and other assertion macros): they document an expectation
            in debug builds rather than decide what the code does;
          - `Py_REFCNT` in code inactive for the target.

          ## References
          - https://docs.python.org/3/c-api/object.html#c.PyUnstable_Object_IsUniquelyReferenced
          - https://docs.python.org/3/howto/free-threading-extensions.html

          ## Proof
          [FT602-refcount-one](https://github.com/ftls-dev/ftls/tree/main/test-workspaces/proof/FT602-refcount-one)
          runs this race on a free-threaded CPython (a function reuses a vector in place when
          `Py_REFCNT` is 1, while other threads take the same vector through a weak reference): the
          vectors change under the threads that hold them in every trial; with 3.14's
          `PyUnstable_Object_IsUniquelyReferenced`, which answers no once a weak reference exists,
          never. CPython 3.13 has no such function; the case's `fixed.c` is what the fix leaves,
          with the definition that makes 3.14's test on the free-threaded 3.13. `scripts/prove.sh`
          shows it (README, "Race proofs").
          """,
          true);

  public RefcountUniquenessCheck() {
    super(META, Set.of("Py_REFCNT", "PyUnstable_Object_IsUniquelyReferenced", INTERNAL));
  }

  private static final String INTERNAL = "_PyObject_IsUniquelyReferenced";
  /** A comment that says the test means "nobody else holds it". */
  private static final Pattern SAYS_UNIQUE = Pattern.compile(
      "(?i)(/\\*|//)[^\\n]*\\b(only|unique(ly)?|sole|nobody|no ?one|no other|exclusive(ly)?|in[- ]place|reuse[ds]?)\\b");

  private static final Pattern AFTER = Pattern.compile("^\\s*(==|!=|<=|>=|<|>)\\s*(\\d+)[uUlL]*\\b");
  private static final Pattern BEFORE = Pattern.compile("\\b(\\d+)[uUlL]*\\s*(==|!=|<=|>=|<|>)\\s*$");

  @Override
  public void check(RuleContext ctx) {
    String t = ctx.text();
    for (CallSite c : ctx.calls()) {
      if (!c.name().equals("Py_REFCNT") || c.args().size() != 1 || inAssertion(ctx, c)) {
        continue;
      }
      int start = c.start();
      int end = c.end();
      Boolean unique = null;
      Matcher a = AFTER.matcher(t.substring(end, Math.min(t.length(), end + 40)));
      if (a.find()) {
        unique = meaning(a.group(1), small(a.group(2)));
        end += a.end();
      } else {
        Matcher b = BEFORE.matcher(t.substring(Math.max(0, start - 40), start));
        if (b.find()) {
          unique = meaning(mirror(b.group(2)), small(b.group(1)));
          start -= b.group().length();
        }
      }
      if (unique == null) {
        int n = aboutTwo(t, c.end(), start);
        if (n != 0 && saysUnique(t, c.start())) {
          ctx.report(new Finding(META.id(), META.defaultSeverity(),
              "Py_REFCNT compared with " + n + " does not prove sole ownership; add #ifndef Py_GIL_DISABLED",
              "Py_REFCNT(" + c.arg(0) + ") compared with "
              + n + " as \"only we and our caller hold it\": the free-threaded build's count does not prove "
              + "that no other thread holds a reference; keep this shortcut out of that build "
              + "(#ifndef Py_GIL_DISABLED) or copy the object", c.start(), c.nameEnd(), List.of()));
        }
        continue;
      }
      String call = "PyUnstable_Object_IsUniquelyReferenced(" + c.arg(0) + ")";
      TextEdit edit = new TextEdit(start, end, unique ? call : "!" + call);
      List<Fix> fixes = !ctx.targetHas("3.14") ? List.of() : ctx.fix(() -> dev.ftls.core.fix.CompatShims.adapt(ctx,
          new Fix("Use PyUnstable_Object_IsUniquelyReferenced", true, List.of(edit)),
          "PyUnstable_Object_IsUniquelyReferenced", "3.14"));
      ctx.report(new Finding(META.id(), META.defaultSeverity(),
          "Py_REFCNT test does not prove uniqueness; use PyUnstable_Object_IsUniquelyReferenced",
          "Py_REFCNT(" + c.arg(0)
          + ") does not prove that no other thread holds a reference in the free-threaded build; use "
          + "PyUnstable_Object_IsUniquelyReferenced (3.14+)", c.start(), c.nameEnd(), fixes));
    }
    throughVariables(ctx);
    internalTest(ctx);
  }

  /** Comparisons of a local that holds Py_REFCNT(x) with 1 ({@code rc = Py_REFCNT(o); if (rc == 1)}). */
  private static void throughVariables(RuleContext ctx) {
    String t = ctx.text();
    for (CallSite c : ctx.calls()) {
      if (!c.name().equals("Py_REFCNT") || c.args().size() != 1 || c.function() == null || inAssertion(ctx, c)) {
        continue;
      }
      Matcher held = HELD_IN.matcher(t.substring(Math.max(ctx.start(c.function()), c.start() - 80), c.start()));
      if (!held.find()) {
        continue;
      }
      String var = held.group(1);
      int fnEnd = ctx.end(c.function());
      String rest = t.substring(c.end(), fnEnd);
      if (Pattern.compile("(?<![\\w.>])" + Pattern.quote(var) + "\\s*([-+*/|&]?=(?!=)|\\+\\+|--)").matcher(rest).find()
          || Pattern.compile("(\\+\\+|--|&)\\s*" + Pattern.quote(var) + "\\b").matcher(rest).find()) {
        continue; // changed again later: no longer just the count
      }
      Matcher cmp = Pattern.compile("(?<![\\w.>])" + Pattern.quote(var) + "\\s*(==|!=|<=|>=|<|>)\\s*(\\d+)[uUlL]*\\b"
          + "|\\b(\\d+)[uUlL]*\\s*(==|!=|<=|>=|<|>)\\s*" + Pattern.quote(var) + "\\b").matcher(rest);
      while (cmp.find()) {
        Boolean unique = cmp.group(1) != null ? meaning(cmp.group(1), small(cmp.group(2)))
            : meaning(mirror(cmp.group(4)), small(cmp.group(3)));
        int at = c.end() + cmp.start();
        if (unique == null || inAssertionAt(ctx, c.function(), at)) {
          continue;
        }
        int varAt = c.end() + (cmp.group(1) != null ? cmp.start() : cmp.end() - var.length());
        ctx.report(new Finding(META.id(), META.defaultSeverity(),
            "Py_REFCNT in '" + var + "' does not prove uniqueness; use PyUnstable_Object_IsUniquelyReferenced",
            "'" + var + "' holds Py_REFCNT(" + c.arg(0)
            + ") (line " + (ctx.source().lines().line(c.start()) + 1) + "), and comparing it with 1 does not prove that "
            + "no other thread holds a reference in the free-threaded build; use "
            + "PyUnstable_Object_IsUniquelyReferenced (3.14+)", varAt, varAt + var.length(), List.of()));
      }
    }
  }

  /** {@code rc = Py_REFCNT(}, {@code Py_ssize_t rc = (Py_ssize_t)Py_REFCNT(}: the local that holds the count. */
  private static final Pattern HELD_IN =
      Pattern.compile("(?<![\\w.>])([A-Za-z_]\\w*)\\s*=\\s*(?:\\([^()]*\\)\\s*)?$");

  /** Calls of CPython's internal uniqueness test. */
  private static void internalTest(RuleContext ctx) {
    for (CallSite c : ctx.calls()) {
      if (!c.name().equals(INTERNAL) || c.args().size() != 1 || c.macro()) {
        continue;
      }
      List<Fix> fixes = !ctx.targetHas("3.14") ? List.of() : ctx.fix(() -> dev.ftls.core.fix.CompatShims.adapt(ctx,
          new Fix("Use PyUnstable_Object_IsUniquelyReferenced (also false for immortal objects; check "
              + "that the code does not rely on them)", false, List.of(new TextEdit(c.start(), c.nameEnd(),
              "PyUnstable_Object_IsUniquelyReferenced"))),
          "PyUnstable_Object_IsUniquelyReferenced", "3.14"));
      ctx.report(new Finding(META.id(), Severity.INFORMATION,
          INTERNAL + " is CPython-internal; use PyUnstable_Object_IsUniquelyReferenced",
          INTERNAL + " is CPython's internal test, only "
          + "available with Py_BUILD_CORE and free to change in any release; extensions have "
          + "PyUnstable_Object_IsUniquelyReferenced (3.14+)", c.start(), c.nameEnd(), fixes));
    }
  }

  /** The 2 of a comparison with 2 ({@code == 2}, {@code <= 2}, {@code < 3}, ...), else 0. */
  private static int aboutTwo(String t, int end, int start) {
    Matcher a = AFTER.matcher(t.substring(end, Math.min(t.length(), end + 40)));
    if (a.find()) {
      return two(a.group(1), small(a.group(2)));
    }
    Matcher b = BEFORE.matcher(t.substring(Math.max(0, start - 40), start));
    return b.find() ? two(mirror(b.group(2)), small(b.group(1))) : 0;
  }

  private static int two(String op, int n) {
    boolean yes = ((op.equals("==") || op.equals("!=") || op.equals("<=") || op.equals(">")) && n == 2)
        || ((op.equals("<") || op.equals(">=")) && n == 3);
    return yes ? n : 0;
  }

  /** Whether a comment on the line of the test, or on the line above it, says it is about uniqueness. */
  private static boolean saysUnique(String t, int at) {
    int lineStart = dev.ftls.core.fix.Edits.lineStart(t, at);
    int prevStart = lineStart == 0 ? 0 : dev.ftls.core.fix.Edits.lineStart(t, lineStart - 1);
    int lineEnd = t.indexOf('\n', at);
    return SAYS_UNIQUE.matcher(t.substring(prevStart, lineEnd < 0 ? t.length() : lineEnd)).find();
  }

  private static boolean inAssertionAt(RuleContext ctx, org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition fn, int at) {
    for (CallSite outer : ctx.callsIn(fn)) {
      if (outer.start() <= at && at < outer.end() && outer.name().toLowerCase(java.util.Locale.ROOT).contains("assert")) {
        return true;
      }
    }
    return false;
  }

  /** Whether the call sits in an assert(...) (a debugging check, not a decision). */
  private static boolean inAssertion(RuleContext ctx, CallSite c) {
    for (CallSite outer : c.function() == null ? ctx.calls() : ctx.callsIn(c.function())) {
      if (outer.start() <= c.start() && c.end() <= outer.end() && outer != c
          && outer.name().toLowerCase(java.util.Locale.ROOT).contains("assert")) {
        return true;
      }
    }
    return false;
  }

  /** True for a test meaning "unique", false for "shared", null for anything else. */
  /** A decimal literal's value, or -1 when it does not fit an int (then it is neither 1 nor 2). */
  private static int small(String digits) {
    String d = digits.replaceFirst("^0+(?=\\d)", "");
    return d.length() > 9 ? -1 : Integer.parseInt(d);
  }

  private static Boolean meaning(String op, int n) {
    switch (op) {
      case "==":
        return n == 1 ? Boolean.TRUE : null;
      case "!=":
        return n == 1 ? Boolean.FALSE : null;
      case "<=":
        return n == 1 ? Boolean.TRUE : null;
      case "<":
        return n == 2 ? Boolean.TRUE : null;
      case ">":
        return n == 1 ? Boolean.FALSE : null;
      case ">=":
        return n == 2 ? Boolean.FALSE : null;
      default:
        return null;
    }
  }

  private static String mirror(String op) {
    switch (op) {
      case "<":
        return ">";
      case ">":
        return "<";
      case "<=":
        return ">=";
      case ">=":
        return "<=";
      default:
        return op;
    }
  }
}
