package dev.ftls.core.semantic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;

/** Which functions of this file call which (by name; calls through pointers are not seen). */
public final class CallGraph {
  private final Map<String, IASTFunctionDefinition> byName = new HashMap<>();
  private final Map<IASTFunctionDefinition, List<IASTFunctionDefinition>> callees = new IdentityHashMap<>();
  private final Map<IASTFunctionDefinition, List<IASTFunctionDefinition>> callers = new IdentityHashMap<>();

  CallGraph(FileModel ctx) {
    for (IASTFunctionDefinition fn : ctx.functions()) {
      byName.putIfAbsent(fn.getDeclarator().getName().toString(), fn);
      callees.put(fn, new ArrayList<>());
      callers.put(fn, new ArrayList<>());
    }
    for (IASTFunctionDefinition fn : ctx.functions()) {
      for (CallSite c : ctx.callsIn(fn)) {
        IASTFunctionDefinition target = function(c.name());
        if (target != null && !callees.get(fn).contains(target)) {
          callees.get(fn).add(target);
          callers.get(target).add(fn);
        }
      }
    }
  }

  /** The definition in this file of a function name, or null. */
  public IASTFunctionDefinition function(String name) {
    IASTFunctionDefinition fn = byName.get(name);
    return fn != null ? fn : byName.get(unqualified(name));
  }

  /**
   * A C++ name without its namespace or class qualification ({@code ham::create} is {@code
   * create}): definitions are known by their declared name, calls may spell the qualified one.
   */
  public static String unqualified(String name) {
    int at = name.lastIndexOf("::");
    return at < 0 ? name : name.substring(at + 2);
  }

  public List<IASTFunctionDefinition> callees(IASTFunctionDefinition fn) {
    return callees.getOrDefault(fn, List.of());
  }

  public List<IASTFunctionDefinition> callers(IASTFunctionDefinition fn) {
    return callers.getOrDefault(fn, List.of());
  }

  /** The root and every function of this file it calls, transitively, root first. */
  public List<IASTFunctionDefinition> reachable(IASTFunctionDefinition root) {
    List<IASTFunctionDefinition> out = new ArrayList<>();
    out.add(root);
    for (int i = 0; i < out.size(); i++) {
      for (IASTFunctionDefinition c : callees(out.get(i))) {
        if (!out.contains(c)) {
          out.add(c);
        }
      }
    }
    return out;
  }

  /** Name of a function definition. */
  public static String nameOf(IASTFunctionDefinition fn) {
    return fn.getDeclarator().getName().toString();
  }
}
