package dev.ftls.core.semantic;

import dev.ftls.core.fix.Edits;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.IASTCompoundStatement;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTIfStatement;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTStatement;

/**
 * Dict lookups and the tests of their results: which names hold what a lookup found (the item it
 * returns, its int result, its out-parameter) and whether later code runs only when the key was
 * missing: in the branch of an {@code if} that tests for a miss ({@code v == NULL}, {@code !v},
 * {@code r == 0}, {@code !PyDict_Contains(d, k)}), in the {@code else} of a test for a hit, or after
 * an {@code if} that leaves on a hit ({@code if (v != NULL) return Py_NewRef(v);}).
 */
public final class DictLookupTests {
  /** What a lookup gives: the item (NULL when missing), an int and the item through a pointer, or an int. */
  public enum Result { ITEM, FLAG_AND_ITEM, FLAG }

  /** Dict lookups by name. */
  public static final Map<String, Result> LOOKUPS = Map.ofEntries(
      Map.entry("PyDict_GetItem", Result.ITEM),
      Map.entry("PyDict_GetItemWithError", Result.ITEM),
      Map.entry("PyDict_GetItemString", Result.ITEM),
      Map.entry("_PyDict_GetItemWithError", Result.ITEM),
      Map.entry("_PyDict_GetItemStringWithError", Result.ITEM),
      Map.entry("_PyDict_GetItemId", Result.ITEM),
      Map.entry("PyDict_GetItemRef", Result.FLAG_AND_ITEM),
      Map.entry("PyDict_GetItemStringRef", Result.FLAG_AND_ITEM),
      Map.entry("PyMapping_GetOptionalItem", Result.FLAG_AND_ITEM),
      Map.entry("PyMapping_GetOptionalItemString", Result.FLAG_AND_ITEM),
      Map.entry("PyDict_Contains", Result.FLAG),
      Map.entry("PyDict_ContainsString", Result.FLAG));

  private enum Polarity { HIT, MISS, NEITHER }

  /**
   * What a call gives when it is a dict lookup: one of {@link #LOOKUPS}, or a project's own wrapper
   * named after one ({@code json_PyDict_GetItemRef}, {@code _PyDict_GetItemRef}); null otherwise.
   */
  public static Result lookup(String name) {
    Result r = LOOKUPS.get(name);
    if (r != null) {
      return r;
    }
    String best = null;
    for (String api : LOOKUPS.keySet()) {
      int at = name.length() - api.length() - 1; // where the '_' before the API's name stands
      if (at >= 0 && name.charAt(at) == '_' && name.endsWith(api)
          && (best == null || api.length() > best.length())) {
        best = api;
      }
    }
    return best == null ? null : LOOKUPS.get(best);
  }

  private DictLookupTests() {}

  /** Whether {@code later} (after the lookup, in the same function) runs only when the key was missing. */
  public static boolean onMissPath(FileModel ctx, CallSite lookup, CallSite later) {
    Result result = lookup(lookup.name());
    IASTNode node = ctx.nodeOf(later);
    if (result == null || node == null) {
      return false;
    }
    Set<String> names = resultNames(ctx, lookup, result);
    for (IASTNode n = node; n != null && !(n instanceof IASTFunctionDefinition); n = n.getParent()) {
      IASTNode parent = n.getParent();
      if (parent instanceof IASTIfStatement ifs && n != ifs.getConditionExpression()) {
        Polarity p = polarity(ctx, ifs.getConditionExpression(), lookup, names);
        if ((n == ifs.getThenClause() && p == Polarity.MISS) || (n == ifs.getElseClause() && p == Polarity.HIT)) {
          return true;
        }
      }
      if (parent instanceof IASTCompoundStatement block && n instanceof IASTStatement) {
        for (IASTStatement s : block.getStatements()) {
          if (s == n) {
            break;
          }
          if (s instanceof IASTIfStatement h && h.getElseClause() == null && ctx.inFile(h)
              && ctx.end(h) > lookup.start() && Flow.alwaysLeaves(h.getThenClause())
              && polarity(ctx, h.getConditionExpression(), lookup, names) == Polarity.HIT) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The variables that hold what the lookup found: the one it is assigned to, and its out-parameter. */
  private static Set<String> resultNames(FileModel ctx, CallSite lookup, Result result) {
    Set<String> names = new LinkedHashSet<>();
    IASTStatement stmt = SyntaxWalk.statementOf(ctx.nodeOf(lookup));
    if (stmt != null && ctx.inFile(stmt) && ctx.start(stmt) <= lookup.start()) {
      String before = ctx.text().substring(ctx.start(stmt), lookup.start());
      Matcher m = Pattern.compile("([A-Za-z_]\\w*)\\s*=\\s*(?:\\(\\s*PyObject\\s*\\*\\s*\\)\\s*)?$").matcher(before);
      if (m.find()) {
        names.add(m.group(1));
      }
    }
    if (result == Result.FLAG_AND_ITEM && lookup.arg(2) != null && lookup.arg(2).strip().startsWith("&")) {
      String out = Edits.baseName(lookup.arg(2));
      if (Edits.isIdentifier(out)) {
        names.add(out);
      }
    }
    return names;
  }


  /**
   * Whether a condition is true exactly on a hit of the lookup, or (as a whole or one of its
   * {@code &&} parts) true only on a miss. The lookup itself, written in the condition, stands as
   * {@code @}.
   */
  private static Polarity polarity(FileModel ctx, IASTExpression cond, CallSite lookup, Set<String> names) {
    if (cond == null || !ctx.inFile(cond) || ctx.end(cond) < lookup.end()) {
      return Polarity.NEITHER;
    }
    int cs = ctx.start(cond);
    int ce = ctx.end(cond);
    String text = ctx.text().substring(cs, ce);
    if (lookup.start() >= cs && lookup.end() <= ce) {
      text = text.substring(0, lookup.start() - cs) + "@" + text.substring(lookup.end() - cs);
    }
    String s = text.replaceAll("\\s+", "");
    for (String n : names) {
      s = s.replace("(" + n + "=@)", n);
    }
    s = unwrap(s.replace("(@)", "@"));
    List<String> tested = new ArrayList<>(names);
    tested.add("@");
    for (String t : tested) {
      String q = Pattern.quote(t);
      if (s.matches("(" + q + ")|" + q + "!=(NULL|0|nullptr)|(NULL|0|nullptr)!=" + q + "|" + q + ">0|" + q + "==1")) {
        return Polarity.HIT;
      }
    }
    for (String part : conjuncts(s)) {
      for (String t : tested) {
        String q = Pattern.quote(t);
        if (part.matches("!\\(?" + q + "\\)?|" + q + "==(NULL|0|nullptr)|(NULL|0|nullptr)==" + q)) {
          return Polarity.MISS;
        }
      }
    }
    return Polarity.NEITHER;
  }

  /** The top-level {@code &&} operands of a condition (the condition itself when there are none). */
  private static List<String> conjuncts(String s) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int from = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (depth == 0 && s.startsWith("&&", i)) {
        out.add(unwrap(s.substring(from, i)));
        from = i + 2;
        i++;
      }
    }
    out.add(unwrap(s.substring(from)));
    return out;
  }

  /** Without redundant outer parentheses. */
  private static String unwrap(String s) {
    String out = s;
    while (out.length() >= 2 && out.startsWith("(") && out.endsWith(")") && Edits.balanced(out.substring(1, out.length() - 1))) {
      out = out.substring(1, out.length() - 1);
    }
    return out;
  }

}
