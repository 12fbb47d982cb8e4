package dev.ftls.core.semantic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTParameterDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTStandardFunctionDeclarator;

/**
 * The calls of a file's static functions from the same file, when they are all the calls there can
 * be: the function is {@code static} and its name is never used as a value (a method table entry,
 * a callback), so no other code can reach it. Rules use it to ask what every caller passes or holds.
 */
public final class DirectCallers {
  private final FileModel ctx;
  private Map<String, List<CallSite>> byName;
  private final Map<String, Boolean> usedAsValue = new HashMap<>();

  public DirectCallers(FileModel ctx) {
    this.ctx = ctx;
  }

  /**
   * Every call of {@code fn} in this file, or null when the list may be incomplete (the function
   * is not static, is used as a value, or has no caller here).
   */
  public List<CallSite> allCallsOf(IASTFunctionDefinition fn) {
    if (fn == null || fn.getDeclSpecifier() == null
        || fn.getDeclSpecifier().getStorageClass() != IASTDeclSpecifier.sc_static) {
      return null;
    }
    String name = CallGraph.nameOf(fn);
    if (usedAsValue.computeIfAbsent(name, this::appearsOtherThanCalled)) {
      return null;
    }
    if (byName == null) {
      byName = new HashMap<>();
      for (CallSite c : ctx.calls()) {
        if (!c.macro() && c.function() != null) {
          byName.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(c);
        }
      }
    }
    List<CallSite> calls = byName.get(name);
    return calls == null || calls.isEmpty() ? null : calls;
  }

  /**
   * The names of a file's static functions, and those of them its text uses other than before an
   * opening parenthesis (one of its shared facts).
   */
  private record ValueNames(java.util.Set<String> asked, java.util.Set<String> names) {}

  /**
   * Whether the name appears in the file other than before an opening parenthesis (taken as a
   * value: a method table, a callback). One pass over the text per file for all its static
   * functions, not one per name nor one per rule or fact that asks.
   */
  private boolean appearsOtherThanCalled(String name) {
    ValueNames v = ctx.shared(ValueNames.class, m -> {
      java.util.Set<String> statics = new java.util.HashSet<>();
      for (IASTFunctionDefinition f : m.functions()) {
        if (f.getDeclSpecifier() != null && f.getDeclSpecifier().getStorageClass() == IASTDeclSpecifier.sc_static) {
          statics.add(CallGraph.nameOf(f));
        }
      }
      return new ValueNames(statics, valueNames(m.text(), statics));
    });
    return v.asked().contains(name) ? v.names().contains(name)
        : valueNames(ctx.text(), java.util.Set.of(name)).contains(name);
  }

  /**
   * Which of the {@code wanted} names the text uses other than before an opening parenthesis. The
   * words of the text are looked up by their hash in a table of the wanted names, so that no string
   * is made for the tens of thousands of other words of a large file.
   */
  static java.util.Set<String> valueNames(String t, java.util.Set<String> wanted) {
    java.util.Set<String> used = new java.util.HashSet<>();
    if (wanted.isEmpty()) {
      return used;
    }
    int cap = Integer.highestOneBit(wanted.size() * 4 - 1) << 1;
    int[] hashes = new int[cap];
    String[] words = new String[cap];
    for (String w : wanted) {
      int k = slot(w.hashCode(), cap);
      while (words[k] != null) {
        k = (k + 1) & (cap - 1);
      }
      hashes[k] = w.hashCode();
      words[k] = w;
    }
    int n = t.length();
    int i = 0;
    while (i < n) {
      char c = t.charAt(i);
      if (Character.isJavaIdentifierStart(c)) {
        int s0 = i;
        int h = 0; // as String.hashCode of the word
        while (i < n && Character.isJavaIdentifierPart(c = t.charAt(i))) {
          h = 31 * h + c;
          i++;
        }
        int j = i;
        while (j < n && Character.isWhitespace(t.charAt(j))) {
          j++;
        }
        if (j >= n || t.charAt(j) != '(') {
          for (int k = slot(h, cap); words[k] != null; k = (k + 1) & (cap - 1)) {
            if (hashes[k] == h && words[k].length() == i - s0 && t.regionMatches(s0, words[k], 0, i - s0)) {
              used.add(words[k]);
              break;
            }
          }
        }
      } else {
        i++;
      }
    }
    return used;
  }

  private static int slot(int hash, int cap) {
    return (hash ^ (hash >>> 16)) & (cap - 1);
  }

  /** The parameter names of a function definition, in order (empty when unknown). */
  public static List<String> parameterNames(IASTFunctionDefinition fn) {
    List<String> out = new ArrayList<>();
    if (fn != null && fn.getDeclarator() instanceof IASTStandardFunctionDeclarator d) {
      for (IASTParameterDeclaration p : d.getParameters()) {
        out.add(p.getDeclarator() == null ? "" : innermostName(p.getDeclarator()));
      }
    }
    return out;
  }

  private static String innermostName(org.eclipse.cdt.core.dom.ast.IASTDeclarator d) {
    org.eclipse.cdt.core.dom.ast.IASTDeclarator cur = d;
    while (cur.getNestedDeclarator() != null) {
      cur = cur.getNestedDeclarator();
    }
    return cur.getName() == null ? "" : cur.getName().toString();
  }
}
