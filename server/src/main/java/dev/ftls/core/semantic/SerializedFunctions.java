package dev.ftls.core.semantic;

import dev.ftls.core.source.Regex;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTFunctionCallExpression;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTInitializerClause;
import org.eclipse.cdt.core.dom.ast.IASTInitializerList;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTUnaryExpression;
import org.eclipse.cdt.core.dom.ast.c.ICASTDesignatedInitializer;
import org.eclipse.cdt.core.dom.ast.c.ICASTDesignator;
import org.eclipse.cdt.core.dom.ast.c.ICASTFieldDesignator;
import org.eclipse.cdt.core.dom.ast.cpp.ICPPASTDesignatedInitializer;
import org.eclipse.cdt.core.dom.ast.cpp.ICPPASTDesignator;
import org.eclipse.cdt.core.dom.ast.cpp.ICPPASTFieldDesignator;

/**
 * The functions of a file that never run while other threads use the module: module
 * initialization ({@code PyInit_*} and the functions named in {@code Py_mod_exec} slots), module
 * teardown (the {@code m_clear} and {@code m_free} of a {@code PyModuleDef}), callbacks of a
 * once-primitive ({@code pthread_once}, {@code std::call_once}, {@code InitOnceExecuteOnce}),
 * and every function of the file whose callers are all such functions or call it with a lock
 * held. A function whose address is taken (a method table, a callback) can be called from
 * anywhere and is never in this set unless it is one of the roots.
 */
public final class SerializedFunctions {
  /** Once-primitives and the argument position of the callback they run exactly once. */
  private static final Map<String, Integer> ONCE_CALLBACK =
      Map.of("pthread_once", 1, "call_once", 1, "std::call_once", 1, "InitOnceExecuteOnce", 1);

  private final Set<IASTFunctionDefinition> serialized = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<IASTFunctionDefinition, String> roots = new IdentityHashMap<>();
  /** The roots the file shows by itself (module init and teardown, once-callbacks). */
  private final Map<IASTFunctionDefinition, String> localRoots = new IdentityHashMap<>();

  private SerializedFunctions(FileModel ctx) {
    CallGraph graph = ctx.callGraph();
    for (IASTFunctionDefinition fn : ctx.functions()) {
      String name = CallGraph.nameOf(fn);
      if (name.startsWith("PyInit_") || Regex.matches("(ftls_)?(pybind11|nanobind)_init_\\w+", name)) {
        // the body of PYBIND11_MODULE / NB_MODULE (as the prelude or the library's macro names it)
        roots.put(fn, "module initialization");
      }
    }
    for (CallSite c : ctx.calls()) {
      Integer at = ONCE_CALLBACK.get(c.name());
      IASTFunctionDefinition cb = at == null ? null : graph.function(bareName(c.arg(at)));
      if (cb != null) {
        roots.putIfAbsent(cb, "a once-callback");
      }
    }
    Set<String> addressTaken = new HashSet<>();
    ctx.ast().accept(new ASTVisitor() {
      {
        shouldVisitExpressions = true;
        shouldVisitInitializers = true;
      }

      @Override
      public int visit(IASTExpression e) {
        if (e instanceof IASTIdExpression id && !isCallee(id) && graph.function(id.getName().toString()) != null) {
          addressTaken.add(id.getName().toString());
        }
        return PROCESS_CONTINUE;
      }

      @Override
      public int visit(org.eclipse.cdt.core.dom.ast.IASTInitializer init) {
        if (init instanceof IASTInitializerList list && ctx.inFile(list)) {
          lifecycleSlot(ctx, graph, list);
        }
        return PROCESS_CONTINUE;
      }
    });
    for (IASTFunctionDefinition fn : ctx.functions()) {
      String name = CallGraph.nameOf(fn);
      String text = ctx.inFile(fn.getDeclarator()) ? Regex.replaceAll(ctx.textOf(fn.getDeclarator()), "\\s+", " ") : "";
      String head = ctx.inFile(fn.getDeclSpecifier()) ? ctx.textOf(fn.getDeclSpecifier()) : "";
      boolean buildsModule = ctx.callsIn(fn).stream().anyMatch(c -> c.name().equals("PyModuleDef_Init")
          || c.name().startsWith("PyModule_Create") || c.name().equals("PyModule_FromDefAndSpec"));
      if (buildsModule) {
        // a helper that PyInit_* functions in other files call to build the module
        roots.putIfAbsent(fn, "module initialization");
      } else if (addressTaken.contains(name) && name.toLowerCase(java.util.Locale.ROOT).endsWith("exec")
          && head.contains("int") && Regex.matches(".*\\(\\s*PyObject\\s*\\*\\s*\\w*\\s*\\)", text)) {
        // int xxx_exec(PyObject *module) handed to a helper that builds the slots elsewhere
        roots.putIfAbsent(fn, "module execution");
      }
    }
    localRoots.putAll(roots);
    for (IASTFunctionDefinition fn : ctx.functions()) {
      String name = CallGraph.nameOf(fn);
      String head = ctx.inFile(fn.getDeclSpecifier()) ? ctx.textOf(fn.getDeclSpecifier()) : "";
      if (roots.containsKey(fn) || head.contains("static") || !graph.callers(fn).isEmpty() || addressTaken.contains(name)) {
        continue;
      }
      List<ProjectView.Caller> elsewhere = ctx.project().callersElsewhere(ctx.source().path(), name);
      if (elsewhere != null && !elsewhere.isEmpty()) {
        // the project index knows its callers in other files
        String reason = serializedCallers(elsewhere);
        if (reason != null) {
          roots.put(fn, reason);
        }
      } else if (name.matches("(?i).*(init|setup|load|register|install|intern|prepare).*") && !head.contains("PyObject")) {
        // a set-up function whose callers ftls does not see (no index, or not C code)
        roots.putIfAbsent(fn, "a set-up function called from another file");
      }
    }
    serialized.addAll(roots.keySet());
    HeldLocks locks = HeldLocks.of(ctx);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (IASTFunctionDefinition fn : ctx.functions()) {
        if (serialized.contains(fn) || addressTaken.contains(CallGraph.nameOf(fn))
            || graph.callers(fn).isEmpty()) {
          continue;
        }
        if (allCallsSerialized(ctx, locks, fn)) {
          serialized.add(fn);
          changed = true;
        }
      }
    }
  }

  /** The facts of a file, computed once per file. */
  public static SerializedFunctions of(FileModel ctx) {
    return ctx.shared(SerializedFunctions.class, SerializedFunctions::new);
  }

  /**
   * The facts a project-index summary reads ({@link #localRootReason}, which the project does not
   * change): the analysis's own when the model was made alone from it and it built them, else
   * computed for this model.
   */
  public static SerializedFunctions forSummary(FileModel ctx) {
    return ctx.builtByTheAnalysisElse(SerializedFunctions.class, SerializedFunctions::of);
  }

  public boolean contains(IASTFunctionDefinition fn) {
    return fn != null && serialized.contains(fn);
  }

  /**
   * Why a function is a root by what its file shows alone (module initialization or teardown, a
   * once-callback), null otherwise: what a summary for the project index may say.
   */
  public String localRootReason(IASTFunctionDefinition fn) {
    return localRoots.get(fn);
  }

  /** Why a root function is serialized ("module initialization"), null for other functions. */
  public String rootReason(IASTFunctionDefinition fn) {
    return roots.get(fn);
  }

  /**
   * "module initialization (from PyInit_x in module.c)" when every call from another file runs
   * in serialized code or with a lock held, else null.
   */
  private static String serializedCallers(List<ProjectView.Caller> callers) {
    ProjectView.Caller first = null;
    for (ProjectView.Caller c : callers) {
      if (c.initOnlyReason() == null && !c.lockHeld()) {
        return null;
      }
      if (first == null && c.initOnlyReason() != null) {
        first = c;
      }
    }
    if (first == null) {
      return "always called with a lock held";
    }
    java.nio.file.Path file = first.file().getFileName();
    return first.initOnlyReason() + " (called from " + first.function() + " in " + (file == null ? first.file() : file) + ")";
  }

  private boolean allCallsSerialized(FileModel ctx, HeldLocks locks, IASTFunctionDefinition fn) {
    String name = CallGraph.nameOf(fn);
    if (fn.getDeclSpecifier() == null || fn.getDeclSpecifier().getStorageClass() != org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier.sc_static) {
      List<ProjectView.Caller> elsewhere = ctx.project().callersElsewhere(ctx.source().path(), name);
      if (ctx.project().indexed() && (elsewhere == null || (!elsewhere.isEmpty() && serializedCallers(elsewhere) == null))) {
        return false; // taken as a value somewhere, or called from other files outside set-up code
      }
    }
    for (IASTFunctionDefinition caller : ctx.callGraph().callers(fn)) {
      if (serialized.contains(caller)) {
        continue;
      }
      for (CallSite c : ctx.callsIn(caller)) {
        if (c.name().equals(name) && !locks.heldAt(caller, c.start())) {
          return false;
        }
      }
    }
    return true;
  }

  /** {@code {Py_mod_exec, fn}} in a slots array, or m_clear/m_free of a PyModuleDef. */
  private void lifecycleSlot(FileModel ctx, CallGraph graph, IASTInitializerList list) {
    IASTInitializerClause[] cl = list.getClauses();
    if (cl.length == 2 && ctx.inFile(cl[0]) && ctx.textOf(cl[0]).strip().equals("Py_mod_exec") && ctx.inFile(cl[1])) {
      IASTFunctionDefinition fn = graph.function(bareName(ctx.textOf(cl[1])));
      if (fn != null) {
        roots.putIfAbsent(fn, "module initialization");
      }
      return;
    }
    for (IASTInitializerClause c : cl) {
      String field = designatedField(c);
      if (("m_clear".equals(field) || "m_free".equals(field)) && ctx.inFile(c)) {
        IASTNode value = c instanceof ICASTDesignatedInitializer d ? d.getOperand()
            : ((ICPPASTDesignatedInitializer) c).getOperand();
        IASTFunctionDefinition fn = graph.function(bareName(ctx.textOf(value)));
        if (fn != null) {
          roots.putIfAbsent(fn, "module teardown");
        }
      }
    }
    if (cl.length >= 9 && ctx.inFile(cl[1]) && designatedField(cl[0]) == null
        && ctx.textOf(cl[0]).strip().equals("PyModuleDef_HEAD_INIT")) {
      for (int i = 7; i <= 8; i++) {
        IASTFunctionDefinition fn = ctx.inFile(cl[i]) ? graph.function(bareName(ctx.textOf(cl[i]))) : null;
        if (fn != null) {
          roots.putIfAbsent(fn, "module teardown");
        }
      }
    }
  }

  private static String designatedField(IASTInitializerClause c) {
    if (c instanceof ICASTDesignatedInitializer d) {
      for (ICASTDesignator des : d.getDesignators()) {
        if (des instanceof ICASTFieldDesignator f) {
          return f.getName().toString();
        }
      }
    } else if (c instanceof ICPPASTDesignatedInitializer d) {
      for (ICPPASTDesignator des : d.getDesignators()) {
        if (des instanceof ICPPASTFieldDesignator f) {
          return f.getName().toString();
        }
      }
    }
    return null;
  }

  private static boolean isCallee(IASTIdExpression id) {
    IASTNode p = id.getParent();
    while (p instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_bracketedPrimary) {
      p = p.getParent();
    }
    return p instanceof IASTFunctionCallExpression call
        && (call.getFunctionNameExpression() == id || call.getFunctionNameExpression() == id.getParent());
  }

  /** "(void *)fn", "&fn", "(inquiry)fn" to "fn". */
  static String bareName(String text) {
    if (text == null) {
      return "";
    }
    String s = text.strip();
    if (s.startsWith("(") && s.indexOf(')') > 0 && s.indexOf(')') < s.length() - 1) {
      s = s.substring(s.indexOf(')') + 1).strip();
    }
    if (s.startsWith("&")) {
      s = s.substring(1).strip();
    }
    return s;
  }
}
