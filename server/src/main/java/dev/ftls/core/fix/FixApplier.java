package dev.ftls.core.fix;

import dev.ftls.core.rules.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Applies the fixes of findings to a text, the same way for the CLI's --fix and the editor's
 * "fix all": the first eligible fix of each finding, in order, skipping any fix whose edits
 * overlap an edit already taken (the next run picks it up). The definitions for older Pythons
 * that fixes carry ({@link CompatShims}) do not conflict with each other: each goes in once.
 */
public final class FixApplier {
  private FixApplier() {}

  /** The result: the new text and the fixes that were applied (with their findings). */
  public record Result(String text, List<Finding> fixed, List<TextEdit> edits) {
    public boolean changed() {
      return !edits.isEmpty();
    }
  }

  /** Safe fixes only, or every fix when {@code unsafe}; {@code which} narrows the findings. */
  public static Result apply(String text, List<Finding> findings, boolean unsafe, Predicate<Finding> which) {
    List<TextEdit> taken = new ArrayList<>();
    List<Finding> fixed = new ArrayList<>();
    for (Finding f : findings) {
      if (!which.test(f)) {
        continue;
      }
      Fix fix = chosen(f, unsafe);
      if (fix != null && !overlapsAny(fix.edits(), taken)) {
        taken.addAll(fix.edits());
        fixed.add(f);
      }
    }
    List<TextEdit> edits = CompatShims.merge(taken);
    return new Result(applyEdits(text, edits), List.copyOf(fixed), List.copyOf(edits));
  }

  /** The fix applying takes for a finding: its first safe one, or first of all when {@code unsafe}; null if none. */
  public static Fix chosen(Finding f, boolean unsafe) {
    for (Fix fix : f.fixes()) {
      if (fix.safe() || unsafe) {
        return fix;
      }
    }
    return null;
  }

  /** How many times {@link #applyRepeatedly} applies fixes and analyzes again. */
  public static final int ROUNDS = 3;

  /**
   * Applies the fixes, analyzes the result again and applies the fixes that became possible, until
   * nothing changes or {@link #ROUNDS} rounds are done: what {@code ftls check --fix} and the
   * editor's fix-all actions both do, so they agree. The result's edit is one replacement of the
   * changed part of the text.
   */
  public static Result applyRepeatedly(String text, List<Finding> findings, boolean unsafe, Predicate<Finding> which,
      java.util.function.Function<String, List<Finding>> analyze) {
    String now = text;
    List<Finding> current = findings;
    List<Finding> fixed = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      Result r = apply(now, current, unsafe, which);
      if (!r.changed()) {
        break;
      }
      fixed.addAll(r.fixed());
      now = r.text();
      if (round + 1 < ROUNDS) {
        current = analyze.apply(now);
      }
    }
    if (now.equals(text)) {
      return new Result(text, List.of(), List.of());
    }
    int prefix = 0;
    int max = Math.min(text.length(), now.length());
    while (prefix < max && text.charAt(prefix) == now.charAt(prefix)) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < max - prefix
        && text.charAt(text.length() - 1 - suffix) == now.charAt(now.length() - 1 - suffix)) {
      suffix++;
    }
    TextEdit edit = new TextEdit(prefix, text.length() - suffix, now.substring(prefix, now.length() - suffix));
    return new Result(now, List.copyOf(fixed), List.of(edit));
  }

  /** Applies non-overlapping edits (given in any order) to a text. */
  public static String applyEdits(String text, List<TextEdit> edits) {
    List<TextEdit> sorted = new ArrayList<>(edits);
    sorted.sort(Comparator.comparingInt(TextEdit::start).thenComparingInt(TextEdit::end).reversed());
    StringBuilder sb = new StringBuilder(text);
    for (TextEdit e : sorted) {
      sb.replace(Math.min(e.start(), sb.length()), Math.min(e.end(), sb.length()), e.newText());
    }
    return sb.toString();
  }

  private static boolean overlapsAny(List<TextEdit> edits, List<TextEdit> taken) {
    for (TextEdit a : edits) {
      for (TextEdit b : taken) {
        if (CompatShims.isShim(a) && CompatShims.isShim(b)) {
          continue; // definitions for older Pythons: merged afterwards, each once
        }
        boolean sameInsertPoint = a.start() == a.end() && b.start() == b.end() && a.start() == b.start();
        if (sameInsertPoint || (a.start() < b.end() && b.start() < a.end())) {
          return true;
        }
      }
    }
    return false;
  }
}
