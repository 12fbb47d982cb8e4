package dev.ftls.core.semantic;

import dev.ftls.core.source.Regex;
import dev.ftls.core.source.WordSearch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.IASTCastExpression;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTEqualsInitializer;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTParameterDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTStandardFunctionDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTUnaryExpression;

/**
 * The objects a function was handed: its pointer parameters, each with the locals that only
 * rename it ({@code MyObject *self = (MyObject *)op;}), so that a lock taken on one name counts
 * for the others. Objects the function makes itself are not among them.
 */
public final class ObjectAliases {
  /** Each name and all the names of the same parameter. */
  private final Map<String, List<String>> groups = new HashMap<>();
  /** The type each name was declared with, as written ({@code MapObject}, {@code PyObject}). */
  private final Map<String, String> types = new HashMap<>();

  private ObjectAliases() {}

  public static ObjectAliases of(FileModel ctx, IASTFunctionDefinition fn) {
    ObjectAliases a = new ObjectAliases();
    if (!(fn.getDeclarator() instanceof IASTStandardFunctionDeclarator d)) {
      return a;
    }
    for (IASTParameterDeclaration p : d.getParameters()) {
      IASTDeclarator pd = p.getDeclarator();
      if (pd != null && pd.getPointerOperators().length == 1 && !pd.getName().toString().isEmpty()) {
        List<String> group = new ArrayList<>();
        group.add(pd.getName().toString());
        a.groups.put(pd.getName().toString(), group);
        a.types.put(pd.getName().toString(), p.getDeclSpecifier().getRawSignature());
      }
    }
    if (a.groups.isEmpty()) {
      return a;
    }
    List<String> pointerLocals = new ArrayList<>();
    for (IASTSimpleDeclaration sd : SyntaxWalk.localDeclarations(ctx, fn)) {
      for (IASTDeclarator ld : sd.getDeclarators()) {
        if (ld.getPointerOperators().length != 1 || a.groups.containsKey(ld.getName().toString())) {
          continue;
        }
        pointerLocals.add(ld.getName().toString());
        a.types.putIfAbsent(ld.getName().toString(), sd.getDeclSpecifier().getRawSignature());
        if (ld.getInitializer() instanceof IASTEqualsInitializer eq && eq.getInitializerClause() instanceof IASTExpression e) {
          a.join(ld.getName().toString(), bare(e));
        }
      }
    }
    // a rename assigned after its declaration: self = (MyObject *)op;
    String body = ctx.inFile(fn.getBody()) ? ctx.textOf(fn.getBody()) : "";
    for (String local : pointerLocals) {
      Pattern assigned = Regex.of("[;{}]\\s*" + Pattern.quote(local) + "\\s*=\\s*(?:\\([^()]*\\*\\s*\\)\\s*)?([A-Za-z_]\\w*)\\s*;");
      for (java.util.regex.MatchResult m : WordSearch.allAfter(assigned, body, local, ";{}")) {
        a.join(local, m.group(1));
      }
    }
    return a;
  }

  private void join(String local, String param) {
    List<String> group = param == null ? null : groups.get(param);
    if (group != null && !groups.containsKey(local)) {
      group.add(local);
      groups.put(local, group);
    }
  }

  /** The name an expression without brackets and casts is, or null. */
  private static String bare(IASTExpression e) {
    IASTExpression cur = e;
    while (true) {
      if (cur instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_bracketedPrimary) {
        cur = u.getOperand();
      } else if (cur instanceof IASTCastExpression c) {
        cur = c.getOperand();
      } else {
        return cur instanceof IASTIdExpression id ? id.getName().toString() : null;
      }
    }
  }

  public boolean isEmpty() {
    return groups.isEmpty();
  }

  /** The name of the handed object an owner expression is ({@code self}, {@code ((Obj *)op)}), or null. */
  public String rootOf(IASTExpression owner) {
    String name = bare(owner);
    return name != null && groups.containsKey(name) ? name : null;
  }

  /**
   * The type an owner expression has as written: the type of a cast around it, else the type its
   * name was declared with; null when unknown.
   */
  public String typeOf(IASTExpression owner) {
    IASTExpression cur = owner;
    while (cur instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_bracketedPrimary) {
      cur = u.getOperand();
    }
    if (cur instanceof IASTCastExpression c) {
      return c.getTypeId().getDeclSpecifier().getRawSignature();
    }
    return cur instanceof IASTIdExpression id ? types.get(id.getName().toString()) : null;
  }

  /** Whether a name is one of the handed objects (a pointer parameter or a local that renames one). */
  public boolean handed(String name) {
    return groups.containsKey(name);
  }

  /** The names of all the objects the function was handed, one per object. */
  public List<String> roots() {
    List<String> out = new ArrayList<>();
    for (List<String> group : groups.values()) {
      if (!out.contains(group.get(0))) {
        out.add(group.get(0));
      }
    }
    return out;
  }

  /** The types the names of the object that {@code name} names were declared with, as written. */
  public List<String> typesOf(String name) {
    List<String> out = new ArrayList<>();
    for (String n : namesOf(name)) {
      String t = types.get(n);
      if (t != null && !out.contains(t)) {
        out.add(t);
      }
    }
    return out;
  }

  /** Every name of the object that {@code name} names. */
  public List<String> namesOf(String name) {
    return groups.getOrDefault(name, List.of(name));
  }
}
