package dev.ftls.core.rules.builtin;

import dev.ftls.core.fix.Fix;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.CallSite;
import dev.ftls.core.semantic.CriticalSections;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** FT402: a critical section on a third object while a two-object critical section is held. */
public final class ObjectLockedInsideTwoObjectSection extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT402",
          "object-locked-inside-two-object-section",
          Severity.INFORMATION,
          "A third object is locked while a two-object critical section is held",
          """
          # FT402 object-locked-inside-two-object-section

          ## What it flags
          A critical section that starts inside a `Py_BEGIN_CRITICAL_SECTION2(a, b)` (or that is
          itself a two-object section inside another section) on an object the enclosing sections
          do not already lock, so that the code asks for three or more objects at once.

          ## Why it matters without the GIL
          Critical sections can hold at most two objects at a time. When the inner section has to
          wait for its object, the thread suspends the enclosing sections, releasing `a` and `b`;
          only the innermost section is guaranteed to be held. Whatever the code inside assumes
          about `a` and `b` may have been changed by another thread in the meantime. This is
          information rather than a warning: it is correct as long as the inner code only relies on
          the inner object, and ftls cannot tell.

          ## Example
          ```c
          Py_BEGIN_CRITICAL_SECTION2(src, dst);
          Py_BEGIN_CRITICAL_SECTION(log);       /* may release src and dst */
          append_entry(log, src, dst);
          Py_END_CRITICAL_SECTION();
          Py_END_CRITICAL_SECTION2();
          ```

          ## Use instead
          Restructure so that no code needs three objects locked: copy what you need from `src` and
          `dst` under their section, end it, then lock `log`:
          ```c
          Py_BEGIN_CRITICAL_SECTION2(src, dst);
          entry = make_entry(src, dst);
          Py_END_CRITICAL_SECTION2();
          Py_BEGIN_CRITICAL_SECTION(log);
          append_entry(log, entry);
          Py_END_CRITICAL_SECTION();
          ```

          ## Fix
          No automatic fix: splitting the work is a design decision.

          ## What it does not flag
          - a nested section on one of the objects already held (`a` or `b` again);
          - two nested single-object sections (FT401's finding);
          - sections started in a function called from inside the section: ftls looks at one
            function at a time.

          ## References
          - https://docs.python.org/3/howto/free-threading-extensions.html#critical-sections
          - https://docs.python.org/3/c-api/init.html#c.Py_BEGIN_CRITICAL_SECTION2

          ## Proof
          [FT402-third-object](https://github.com/ftls-dev/ftls/tree/main/test-workspaces/proof/FT402-third-object)
          runs this race on a free-threaded CPython (a transfer locks the fee account
          inside the two-object section on both accounts; when the fee account's lock is
          contended, the accounts are updated unlocked and money appears or vanishes);
          `scripts/prove.sh` shows `unsafe.c` failing and `fixed.c`, which locks the fee
          account after the section, holding (README, "Race proofs").
          """,
          false);

  public ObjectLockedInsideTwoObjectSection() {
    super(META, Set.of("Py_BEGIN_CRITICAL_SECTION2"));
  }

  @Override
  public void check(RuleContext ctx) {
    CriticalSections sections = ctx.sections();
    for (CriticalSections.Section inner : sections.sections()) {
      CallSite b = inner.begin();
      if (b == null) {
        continue;
      }
      List<CriticalSections.Section> around = sections.enclosing(inner.function(), b.start());
      boolean twoInvolved = inner.twoObjects();
      Set<String> held = new LinkedHashSet<>();
      for (CriticalSections.Section s : around) {
        held.addAll(s.objects());
        twoInvolved |= s.twoObjects();
      }
      List<String> added = new ArrayList<>(inner.objects());
      added.removeAll(held);
      Set<String> all = new LinkedHashSet<>(held);
      all.addAll(inner.objects());
      if (around.isEmpty() || !twoInvolved || added.isEmpty() || all.size() <= 2) {
        continue;
      }
      CriticalSections.Section outer = around.get(0);
      int line = ctx.source().lines().line(outer.begin() == null ? b.start() : outer.begin().start()) + 1;
      ctx.report(new Finding(META.id(), META.defaultSeverity(),
          "locking '" + String.join("', '", added) + "' inside a section on '" + String.join("', '", held) + "' unlocks them when contended",
          
          "locking '" + String.join("', '", added) + "' while the critical section on '" + String.join("', '", held)
              + "' (line " + line + ") is held asks for " + all.size() + " objects at once: when '"
              + added.get(0) + "' is contended the enclosing section is suspended and its objects unlocked",
          b.start(), b.nameEnd(), List.of()));
    }
  }
}
