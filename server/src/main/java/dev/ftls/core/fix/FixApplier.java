package dev.ftls.core.fix;

import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.Fix;
import dev.ftls.core.rules.TextEdit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Applies the fixes of findings to a text, the same way for the CLI's --fix and the editor's
 * "fix all": the first eligible fix of each finding, in order, skipping any fix whose edits
 * overlap an edit already taken (the next run picks it up).
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
      for (Fix fix : f.fixes()) {
        if (!fix.safe() && !unsafe) {
          continue;
        }
        if (overlapsAny(fix.edits(), taken)) {
          break;
        }
        taken.addAll(fix.edits());
        fixed.add(f);
        break;
      }
    }
    return new Result(applyEdits(text, taken), List.copyOf(fixed), List.copyOf(taken));
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
        boolean sameInsertPoint = a.start() == a.end() && b.start() == b.end() && a.start() == b.start();
        if (sameInsertPoint || (a.start() < b.end() && b.start() < a.end())) {
          return true;
        }
      }
    }
    return false;
  }
}
