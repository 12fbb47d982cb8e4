package dev.ftls.core.rules.builtin;

import dev.ftls.core.fix.Fix;
import dev.ftls.core.kb.KnowledgeBase;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.CallSite;
import dev.ftls.core.semantic.Conditionals;
import dev.ftls.core.semantic.CriticalSections;
import dev.ftls.core.source.LineBreaks;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** FT403: a critical-section BEGIN and END that are not a pair in the same C block. */
public final class UnpairedCriticalSection extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT403",
          "unpaired-critical-section",
          Severity.ERROR,
          "Critical-section BEGIN and END macros not paired in the same C block",
          """
          # FT403 unpaired-critical-section

          ## What it flags
          - a `Py_BEGIN_CRITICAL_SECTION...` macro with no matching `Py_END_CRITICAL_SECTION...`
            later in the same function, and an `END` with no `BEGIN` before it;
          - a `BEGIN` and its `END` written in different C blocks (`BEGIN` inside an `if` body and
            `END` after it, say);
          - a `BEGIN` closed by the wrong `END`: `Py_BEGIN_CRITICAL_SECTION2` (and `..._MUTEX`
            variants) must be closed by `Py_END_CRITICAL_SECTION2`, the single-object forms by
            `Py_END_CRITICAL_SECTION`.

          ## Why it matters without the GIL
          The macros are not function calls: in the free-threaded build `BEGIN` opens a brace and
          declares the section variable, and `END` uses that variable and closes the brace. A pair
          split across blocks or functions does not compile there, or worse, an `END` of the wrong
          kind ends a different section than the one intended. In the default build the macros are
          only braces, so the mistake can go unnoticed until the first free-threaded build.

          ## Example
          ```c
          if (self->cache != NULL) {
              Py_BEGIN_CRITICAL_SECTION(self);
              value = Py_NewRef(self->cache);
          }
          Py_END_CRITICAL_SECTION();
          ```

          ## Use instead
          ```c
          Py_BEGIN_CRITICAL_SECTION(self);
          if (self->cache != NULL) {
              value = Py_NewRef(self->cache);
          }
          Py_END_CRITICAL_SECTION();
          ```

          ## Fix
          No automatic fix: where the section should end is the author's decision.

          ## What it does not flag
          - the function forms `PyCriticalSection_Begin` / `PyCriticalSection_End`, which are
            ordinary calls and may legitimately be split (C++ guard objects do that);
          - macros in preprocessor branches that are inactive for the target, and braces there;
          - macros hidden inside other macros of the project (`#define LOCK(o)
            Py_BEGIN_CRITICAL_SECTION(o)`): ftls sees the outer macro's name only.

          ## References
          - https://docs.python.org/3/howto/free-threading-extensions.html#using-critical-sections
          - https://docs.python.org/3/c-api/init.html#c.Py_BEGIN_CRITICAL_SECTION

          ## Proof
          No proof case: this is a build error, not a race. In the free-threaded build
          `BEGIN` opens a brace and declares the section's variable and `END` uses it and
          closes the brace, so a pair split across blocks, a missing half or an `END` of
          the wrong kind does not compile there, and there is no program to run.
          """,
          false);

  public UnpairedCriticalSection() {
    super(META);
  }

  @Override
  public boolean concerns(String apiName, KnowledgeBase kb) {
    return CriticalSections.MACRO_PAIRS.containsKey(apiName) || CriticalSections.MACRO_PAIRS.containsValue(apiName);
  }

  @Override
  public void check(RuleContext ctx) {
    for (CriticalSections.Section s : ctx.sections().sections()) {
      if (!s.macro()) {
        continue;
      }
      CallSite b = s.begin();
      CallSite e = s.end();
      if (b == null) {
        report(ctx, e, e.name() + " without a matching BEGIN; remove it or add the BEGIN",
            e.name() + " has no matching BEGIN before it in this function");
      } else if (e == null) {
        report(ctx, b, b.name() + " never closed; add " + CriticalSections.MACRO_PAIRS.get(b.name()),
            b.name() + " is never closed in this function: add "
            + CriticalSections.MACRO_PAIRS.get(b.name()) + "() in the same block");
      } else if (!CriticalSections.MACRO_PAIRS.get(b.name()).equals(e.name())) {
        report(ctx, e, e.name() + " closes " + b.name() + "; use " + CriticalSections.MACRO_PAIRS.get(b.name()),
            e.name() + " closes " + b.name() + " (line " + line(ctx, b) + "); it must be closed by "
            + CriticalSections.MACRO_PAIRS.get(b.name()) + "()");
      } else if (blockAt(ctx, b.start()) != blockAt(ctx, e.start())) {
        report(ctx, b, b.name() + " and " + e.name() + " in different C blocks; put them in one block",
            b.name() + " and its " + e.name() + " (line " + line(ctx, e) + ") are in different C blocks: "
            + "the macros open and close a brace, so they must be in the same block");
      }
    }
  }

  private static int line(RuleContext ctx, CallSite c) {
    return ctx.source().lines().line(c.start()) + 1;
  }

  private static void report(RuleContext ctx, CallSite c, String brief, String message) {
    ctx.report(new Finding(META.id(), META.defaultSeverity(), brief, message, c.start(), c.nameEnd(), List.of()));
  }

  /**
   * The offset of the '{' of the innermost block around an offset, counting the braces written in
   * the enclosing function (not in comments, strings or inactive branches); -1 at the function's
   * top level.
   */
  private static int blockAt(RuleContext ctx, int offset) {
    String t = ctx.text();
    int from = offset;
    CallSite probe = null;
    for (CallSite c : ctx.calls()) {
      if (c.start() == offset) {
        probe = c;
        break;
      }
    }
    if (probe != null && probe.function() != null) {
      from = ctx.start(probe.function());
    }
    List<int[]> inactive = new ArrayList<>();
    for (Conditionals.Branch br : ctx.conditionals().branches()) {
      if (!br.taken()) {
        inactive.add(new int[] {br.start(), br.end()});
      }
    }
    Deque<Integer> open = new ArrayDeque<>();
    for (int i = from; i < offset && i < t.length(); i++) {
      int skip = skipInactive(inactive, i);
      if (skip > i) {
        i = skip - 1;
        continue;
      }
      char c = t.charAt(i);
      if (c == '/' && i + 1 < t.length() && t.charAt(i + 1) == '/') {
        int eol = LineBreaks.next(t, i);
        i = eol < 0 ? t.length() : eol;
      } else if (c == '/' && i + 1 < t.length() && t.charAt(i + 1) == '*') {
        int close = t.indexOf("*/", i + 2);
        i = close < 0 ? t.length() : close + 1;
      } else if (c == '"' || c == '\'') {
        int q = i + 1;
        while (q < t.length() && t.charAt(q) != c && !LineBreaks.startsAt(t, q)) {
          q += t.charAt(q) == '\\' ? 2 : 1;
        }
        i = q;
      } else if (c == '#' && onlySpaceBefore(t, i)) {
        int eol = LineBreaks.next(t, i);
        while (eol > 0 && t.charAt(eol - 1) == '\\') {
          eol = LineBreaks.next(t, eol + LineBreaks.length(t, eol));
        }
        i = eol < 0 ? t.length() : eol;
      } else if (c == '{') {
        open.push(i);
      } else if (c == '}' && !open.isEmpty()) {
        open.pop();
      }
    }
    return open.isEmpty() ? -1 : open.peek();
  }

  private static boolean onlySpaceBefore(String t, int i) {
    return dev.ftls.core.fix.Edits.onlySpaceBefore(t, i);
  }

  private static int skipInactive(List<int[]> inactive, int i) {
    for (int[] r : inactive) {
      if (i >= r[0] && i < r[1]) {
        return r[1];
      }
    }
    return i;
  }
}
