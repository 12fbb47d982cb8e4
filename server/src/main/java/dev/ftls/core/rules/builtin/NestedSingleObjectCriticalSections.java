package dev.ftls.core.rules.builtin;

import dev.ftls.core.fix.CompatShims;
import dev.ftls.core.fix.Edits;
import dev.ftls.core.fix.Fix;
import dev.ftls.core.fix.TextEdit;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.CallSite;
import dev.ftls.core.semantic.CriticalSections;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** FT401: a single-object critical section nested in another to hold two objects at once. */
public final class NestedSingleObjectCriticalSections extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT401",
          "nested-single-object-critical-sections",
          Severity.WARNING,
          "Two nested single-object critical sections used to hold two objects at once",
          """
          # FT401 nested-single-object-critical-sections

          ## What it flags
          A `Py_BEGIN_CRITICAL_SECTION(b)` directly inside a `Py_BEGIN_CRITICAL_SECTION(a)` on
          another object, when the code evidently needs both objects locked together: the inner
          section starts right at the top of the outer one, or its body uses `a` as well.

          ## Why it matters without the GIL
          Nested critical sections do not hold both locks at once. If `b` is contended when the inner
          section starts, the thread suspends the outer section (it releases `a`) so that two
          threads locking the same pair in opposite orders cannot deadlock; only the innermost
          section is guaranteed to be held. Code in the inner section that reads or writes `a` can
          therefore race with another thread that locked `a` in the meantime.
          `Py_BEGIN_CRITICAL_SECTION2(a, b)` locks both objects as one step, in a deadlock-free
          order, and keeps both held for the whole section.

          The default severity is a warning rather than an error because nesting is correct when
          the inner body only touches `b`; ftls flags only the nestings that look meant to hold both.

          ## Example
          ```c
          Py_BEGIN_CRITICAL_SECTION(self);
          Py_BEGIN_CRITICAL_SECTION(other);
          self->total += other->total;
          Py_END_CRITICAL_SECTION();
          Py_END_CRITICAL_SECTION();
          ```

          ## Use instead
          ```c
          Py_BEGIN_CRITICAL_SECTION2(self, other);
          self->total += other->total;
          Py_END_CRITICAL_SECTION2();
          ```

          ## Fix
          When the inner section is the whole body of the outer one (the inner `BEGIN` follows the
          outer `BEGIN` and the inner `END` is followed by the outer `END`, with nothing but white
          space and comments in between, each macro on its own line), the fix merges the pair into
          `Py_BEGIN_CRITICAL_SECTION2(a, b)` / `Py_END_CRITICAL_SECTION2()`. The code in between is
          unchanged, and it runs with both objects locked as before, only now guaranteed: exactly
          equivalent code with the guarantee the nesting was meant to give. Other shapes are
          reported without a fix, because merging them would lock `b` earlier or longer.
          `Py_BEGIN_CRITICAL_SECTION2` is new in Python 3.13: when the project's oldest Python is
          older and the file does not include `pythoncapi_compat.h` or define the macro itself, the
          fix also adds, once per file after the includes, definitions of the pair for those
          Pythons as a plain block (`{` ... `}`), which is what they are in builds with the GIL.

          ## What it does not flag
          - an inner section on the same object as the outer one (allowed, only slower);
          - an inner section whose body does not mention the outer object and that does not start
            the outer section's body (it only needs `b`, so losing `a` for a moment is harmless);
          - `Py_BEGIN_CRITICAL_SECTION2` used correctly, and sections nested inside a two-object
            section (FT402 reports those);
          - sections in different functions (a function called inside a section that starts its own).

          ## References
          - https://docs.python.org/3/howto/free-threading-extensions.html#critical-sections
          - https://docs.python.org/3/c-api/init.html#c.Py_BEGIN_CRITICAL_SECTION2

          ## Proof
          [FT401-nested-sections](https://github.com/ftls-dev/ftls/tree/main/test-workspaces/proof/FT401-nested-sections)
          runs this race on a free-threaded CPython (a transfer nests a section on the
          target account inside one on the source account while other threads deposit into
          both; when the inner lock is contended the source account is updated unlocked
          and money appears or vanishes); `scripts/prove.sh` shows `unsafe.c` failing and
          the fix's `fixed.c` holding (README, "Race proofs").
          """,
          true);

  public NestedSingleObjectCriticalSections() {
    super(META, Set.of(BEGIN, "Py_BEGIN_CRITICAL_SECTION2"));
  }

  private static final String BEGIN = "Py_BEGIN_CRITICAL_SECTION";

  @Override
  public void check(RuleContext ctx) {
    CriticalSections sections = ctx.sections();
    for (CriticalSections.Section inner : sections.sections()) {
      CallSite b = inner.begin();
      if (b == null || !b.name().equals(BEGIN) || inner.objects().size() != 1) {
        continue;
      }
      List<CriticalSections.Section> around = sections.enclosing(inner.function(), b.start());
      if (around.isEmpty()) {
        continue;
      }
      CriticalSections.Section outer = around.get(0);
      if (outer.begin() == null || !outer.begin().name().equals(BEGIN) || outer.objects().size() != 1
          || outer.objects().equals(inner.objects())) {
        continue;
      }
      String a = outer.objects().get(0);
      boolean direct = onlyFiller(ctx.text().substring(outer.begin().end(), b.start()));
      if (!direct && !usesObject(ctx, inner, a)) {
        continue;
      }
      int line = ctx.source().lines().line(outer.begin().start()) + 1;
      String other = inner.objects().get(0);
      List<Fix> fixes = ctx.fix(() -> direct ? mergeFix(ctx, outer, inner) : null);
      ctx.report(new Finding(META.id(), META.defaultSeverity(),
          "critical section on '" + other + "' nested in one on '" + a + "'; use Py_BEGIN_CRITICAL_SECTION2",
          
          "critical section on '" + other + "' nested in the one on '" + a + "' (line " + line + "): when '" + other
              + "' is contended the outer section is suspended and '" + a + "' unlocked; use "
              + "Py_BEGIN_CRITICAL_SECTION2(" + a + ", " + other + ") to hold both",
          b.start(), b.nameEnd(), fixes));
    }
  }

  private static boolean usesObject(RuleContext ctx, CriticalSections.Section inner, String object) {
    if (inner.end() == null || !Edits.isIdentifier(object)) {
      return false;
    }
    String body = ctx.text().substring(inner.begin().end(), inner.end().start());
    return Pattern.compile("\\b" + Pattern.quote(object) + "\\b").matcher(body).find();
  }

  /** Only white space, semicolons and comments. */
  private static boolean onlyFiller(String s) {
    return s.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "").replace(";", "").isBlank();
  }

  private static Fix mergeFix(RuleContext ctx, CriticalSections.Section outer, CriticalSections.Section inner) {
    String t = ctx.text();
    if (outer.end() == null || inner.end() == null || !onlyFiller(t.substring(inner.end().end(), outer.end().start()))
        || !aloneOnLine(t, inner.begin()) || !aloneOnLine(t, inner.end()) || outer.end().name().equals(inner.end().name()) == false
        || !outer.end().name().equals("Py_END_CRITICAL_SECTION")) {
      return null;
    }
    String a = outer.begin().arg(0);
    String b = inner.begin().arg(0);
    Fix fix = new Fix("Merge into Py_BEGIN_CRITICAL_SECTION2(" + a + ", " + b + ")", true, List.of(
        new TextEdit(outer.begin().start(), outer.begin().end(), "Py_BEGIN_CRITICAL_SECTION2(" + a + ", " + b + ")"),
        new TextEdit(Edits.lineStart(t, inner.begin().start()), Edits.nextLineStart(t, inner.begin().end()), ""),
        new TextEdit(Edits.lineStart(t, inner.end().start()), Edits.nextLineStart(t, inner.end().end()), ""),
        new TextEdit(outer.end().start(), outer.end().end(), "Py_END_CRITICAL_SECTION2()")));
    return CompatShims.adapt(ctx, fix, "Py_BEGIN_CRITICAL_SECTION2", "3.13");
  }

  /** Whether a macro call is the only thing on its line (an optional ';' after it). */
  private static boolean aloneOnLine(String t, CallSite c) {
    int after = c.end();
    while (after < t.length() && (t.charAt(after) == ' ' || t.charAt(after) == '\t')) {
      after++;
    }
    if (after < t.length() && t.charAt(after) == ';') {
      after++;
    }
    return Edits.onlySpaceBefore(t, c.start()) && Edits.onlySpaceAfter(t, after);
  }
}
