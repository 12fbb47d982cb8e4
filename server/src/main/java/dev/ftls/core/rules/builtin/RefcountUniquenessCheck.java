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
          object can be mutated in place or reused.

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
          file after its `#include` lines, a definition for older Pythons:
          `#define PyUnstable_Object_IsUniquelyReferenced(op) (Py_REFCNT(op) == 1)` inside
          `#if PY_VERSION_HEX < 0x030E0000`, the very test the code made before.

          ## What it does not flag
          - other comparisons of the count (`Py_REFCNT(x) > 2`, debugging output);
          - checks inside `assert(...)` (and other assertion macros): they document an expectation
            in debug builds rather than decide what the code does;
          - `Py_REFCNT` in code inactive for the target.

          ## References
          - https://docs.python.org/3/c-api/object.html#c.PyUnstable_Object_IsUniquelyReferenced
          - https://docs.python.org/3/howto/free-threading-extensions.html
          """,
          true);

  public RefcountUniquenessCheck() {
    super(META, Set.of("Py_REFCNT", "PyUnstable_Object_IsUniquelyReferenced"));
  }

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
        continue;
      }
      List<Fix> fixes = new ArrayList<>();
      String call = "PyUnstable_Object_IsUniquelyReferenced(" + c.arg(0) + ")";
      if (ctx.targetHas("3.14")) {
        Fix fix = new Fix("Use PyUnstable_Object_IsUniquelyReferenced", true,
            List.of(new TextEdit(start, end, unique ? call : "!" + call)));
        fix = dev.ftls.core.fix.CompatShims.adapt(ctx, fix, "PyUnstable_Object_IsUniquelyReferenced", "3.14");
        if (fix != null) {
          fixes.add(fix);
        }
      }
      ctx.report(new Finding(META.id(), META.defaultSeverity(), "Py_REFCNT(" + c.arg(0)
          + ") does not prove that no other thread holds a reference in the free-threaded build; use "
          + "PyUnstable_Object_IsUniquelyReferenced (3.14+)", c.start(), c.nameEnd(), fixes));
    }
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
