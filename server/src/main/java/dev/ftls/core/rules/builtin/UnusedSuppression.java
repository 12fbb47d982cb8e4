package dev.ftls.core.rules.builtin;

import dev.ftls.core.fix.Fix;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;

/**
 * FT900: suppression comments that do nothing. The Analyzer runs this audit after every other
 * rule, since only then is it known which suppressions were used.
 */
public final class UnusedSuppression extends RuleBase {
  public static final RuleMeta META =
      new RuleMeta(
          "FT900",
          "unused-suppression",
          Severity.INFORMATION,
          "Suppression comment that silences nothing, names an unknown rule, or is not closed",
          """
          # FT900 unused-suppression

          ## What it flags
          An ftls suppression comment that has no effect:
          - `// ftls: ignore[FT101]` on a line where (and under which) FT101 reports nothing;
          - a rule id that no ftls rule has, such as `ignore[FT999]` or a misspelling;
          - `// ftls: ignore-begin[ID]` without a matching `// ftls: ignore-end[ID]` (it silences
            everything to the end of the file), or an `ignore-end` without a begin.

          ## Why it matters without the GIL
          Suppressions are promises that someone checked a race by hand. When the code under them
          changes, a stale suppression keeps silencing whatever new hazard appears there, and a
          misspelled one never silenced anything at all. Reporting them keeps the promises honest.

          ## Example
          ```c
          PyObject *item = PyTuple_GetItem(args, 0);   // ftls: ignore[FT101] tuples are immutable
          ```

          ## Use instead
          Delete the comment, or fix the rule id.

          ## Fix
          For an unused line suppression, the fix deletes the comment, reason included (the whole
          line when the comment stands alone on it). The code is unchanged and so is every other
          finding, so the fix is safe. It is offered only when the comment starts with the
          suppression; a comment that says something else first is left for you to edit. Unknown
          ids, unclosed regions and stray ends get no fix: which rule was meant, or where the
          region should end, is for the author to say.

          ## What it does not flag
          - suppressions for rules that are turned off (`ignore`, or not in `select`): they may be
            in use in another configuration;
          - NumPy's `noqa: borrowed-ref` markers: other tools read them too.

          ## References
          - https://docs.python.org/3/howto/free-threading-extensions.html

          ## Proof
          No proof case: this rule is about ftls's own suppression comments, which the
          compiler never sees, so there is no code to race.
          """,
          true);

  public UnusedSuppression() {
    super(META);
  }

  @Override
  public void check(RuleContext ctx) {
    // The Analyzer runs the audit (see Analyzer.auditSuppressions): it needs every finding first.
  }
}
