package dev.ftls.core.rules;

import java.util.List;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;

/** The Py_BEGIN_CRITICAL_SECTION regions of a file and the objects they lock. */
public final class CriticalSections {
  public static final Set<String> BEGINS =
      Set.of("Py_BEGIN_CRITICAL_SECTION", "Py_BEGIN_CRITICAL_SECTION2", "Py_BEGIN_CRITICAL_SECTION_MUTEX",
          "Py_BEGIN_CRITICAL_SECTION2_MUTEX");
  public static final Set<String> ENDS = Set.of("Py_END_CRITICAL_SECTION", "Py_END_CRITICAL_SECTION2");

  private CriticalSections() {}

  public static List<Regions.Region> all(RuleContext ctx) {
    return Regions.pairs(ctx, BEGINS, ENDS);
  }

  /** Whether an offset of a function lies inside a critical section on the object {@code expr}. */
  public static boolean protects(RuleContext ctx, IASTFunctionDefinition fn, String expr, int offset) {
    String target = Edits.baseName(expr);
    for (Regions.Region r : ctx.criticalSections()) {
      if (r.function() != fn || r.begin() == null || !r.contains(offset, ctx)) {
        continue;
      }
      for (CallSite.Arg a : r.begin().args()) {
        if (Edits.baseName(a.text()).equals(target)) {
          return true;
        }
      }
    }
    return false;
  }
}
