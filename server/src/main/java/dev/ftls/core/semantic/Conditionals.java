package dev.ftls.core.semantic;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.eclipse.cdt.core.dom.ast.IASTFileLocation;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorElifStatement;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorElseStatement;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorEndifStatement;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorIfStatement;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorIfdefStatement;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorIfndefStatement;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorStatement;

/**
 * The preprocessor conditional branches of this file (#if/#ifdef/#ifndef/#elif/#else ... #endif)
 * as offset ranges, so a rule can ask under which conditions a piece of code is compiled, e.g.
 * whether a call is guarded by {@code #ifdef Py_GIL_DISABLED}. Inactive branches have no AST;
 * this is about the branches that are active.
 */
public final class Conditionals {
  /**
   * One branch: [start, end) of its body; {@code condition} is normalized: "defined(X)" for
   * #ifdef X, "!defined(X)" for #ifndef X, the expression text for #if/#elif, and
   * "!(<previous conditions>)" for #else.
   */
  public record Branch(int start, int end, String condition, boolean taken) {}

  private final List<Branch> branches = new ArrayList<>();

  Conditionals(FileModel ctx) {
    String path = ctx.ast().getFilePath();
    Deque<List<Object[]>> stack = new ArrayDeque<>();
    for (IASTPreprocessorStatement st : ctx.ast().getAllPreprocessorStatements()) {
      IASTFileLocation loc = st.getFileLocation();
      if (loc == null || !path.equals(loc.getFileName())) {
        continue;
      }
      int at = loc.getNodeOffset();
      int after = at + loc.getNodeLength();
      if (st instanceof IASTPreprocessorIfdefStatement d) {
        stack.push(new ArrayList<>());
        stack.peek().add(new Object[] {after, "defined(" + d.getMacroReference() + ")", d.taken()});
      } else if (st instanceof IASTPreprocessorIfndefStatement d) {
        stack.push(new ArrayList<>());
        stack.peek().add(new Object[] {after, "!defined(" + d.getMacroReference() + ")", d.taken()});
      } else if (st instanceof IASTPreprocessorIfStatement d) {
        stack.push(new ArrayList<>());
        stack.peek().add(new Object[] {after, normalize(new String(d.getCondition())), d.taken()});
      } else if (st instanceof IASTPreprocessorElifStatement d && !stack.isEmpty()) {
        close(stack.peek(), at);
        stack.peek().add(new Object[] {after, normalize(new String(d.getCondition())), d.taken()});
      } else if (st instanceof IASTPreprocessorElseStatement d && !stack.isEmpty()) {
        close(stack.peek(), at);
        List<String> prev = new ArrayList<>();
        for (Object[] b : stack.peek()) {
          prev.add((String) b[1]);
        }
        stack.peek().add(new Object[] {after, "!(" + String.join(" || ", prev) + ")", d.taken()});
      } else if (st instanceof IASTPreprocessorEndifStatement && !stack.isEmpty()) {
        List<Object[]> group = stack.pop();
        close(group, at);
        for (Object[] b : group) {
          branches.add(new Branch((int) b[0], (int) b[3], (String) b[1], (boolean) b[2]));
        }
      }
    }
  }

  private static void close(List<Object[]> group, int at) {
    Object[] last = group.get(group.size() - 1);
    if (last.length == 3) {
      group.set(group.size() - 1, new Object[] {last[0], last[1], last[2], at});
    }
  }

  private static String normalize(String cond) {
    return cond.replaceAll("\\s+", " ").strip();
  }

  /** The conditions of the active branches that enclose an offset, outermost first. */
  public List<String> conditionsAt(int offset) {
    List<Branch> hits = new ArrayList<>();
    for (Branch b : branches) {
      if (b.taken && b.start <= offset && offset < b.end) {
        hits.add(b);
      }
    }
    hits.sort((a, b) -> Integer.compare(a.start, b.start));
    List<String> out = new ArrayList<>();
    for (Branch b : hits) {
      out.add(b.condition);
    }
    return out;
  }

  /** Whether code at an offset only compiles when the macro is defined (#ifdef X, #if defined(X) ...). */
  public boolean requiresDefined(int offset, String macro) {
    for (String c : conditionsAt(offset)) {
      String s = c.replace(" ", "");
      if (s.equals("defined(" + macro + ")") || s.equals("defined" + macro)
          || s.startsWith("defined(" + macro + ")&&") || s.contains("&&defined(" + macro + ")")
          || s.equals(macro)) {
        return true;
      }
    }
    return false;
  }

  public List<Branch> branches() {
    return branches;
  }
}
