package dev.ftls.core.semantic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTEqualsInitializer;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTInitializer;
import org.eclipse.cdt.core.dom.ast.IASTInitializerClause;
import org.eclipse.cdt.core.dom.ast.IASTInitializerList;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.c.ICASTDesignatedInitializer;
import org.eclipse.cdt.core.dom.ast.c.ICASTDesignator;
import org.eclipse.cdt.core.dom.ast.c.ICASTFieldDesignator;

/**
 * Which type slot ({@code tp_new}, {@code tp_dealloc}, {@code tp_iternext}, ...) each function of
 * a file fills: from {@code PyType_Slot} arrays ({@code {Py_tp_new, fn}}), from designated
 * initializers ({@code .tp_new = fn}) and from positional {@code static PyTypeObject}
 * initializers that start with {@code PyVarObject_HEAD_INIT}.
 */
public final class TypeSlots {
  /** The fields of PyTypeObject in declaration order, after the header (index 1 is tp_name). */
  private static final List<String> POSITIONAL = List.of(
      "ob_base", "tp_name", "tp_basicsize", "tp_itemsize", "tp_dealloc", "tp_vectorcall_offset",
      "tp_getattr", "tp_setattr", "tp_as_async", "tp_repr", "tp_as_number", "tp_as_sequence",
      "tp_as_mapping", "tp_hash", "tp_call", "tp_str", "tp_getattro", "tp_setattro", "tp_as_buffer",
      "tp_flags", "tp_doc", "tp_traverse", "tp_clear", "tp_richcompare", "tp_weaklistoffset", "tp_iter",
      "tp_iternext", "tp_methods", "tp_members", "tp_getset", "tp_base", "tp_dict", "tp_descr_get",
      "tp_descr_set", "tp_dictoffset", "tp_init", "tp_alloc", "tp_new", "tp_free", "tp_is_gc", "tp_bases",
      "tp_mro", "tp_cache", "tp_subclasses", "tp_weaklist", "tp_del", "tp_version_tag", "tp_finalize");

  private final Map<IASTFunctionDefinition, String> slotOf = new HashMap<>();
  /** Functions named in a table of methods, getters and setters ({@code {"name", fn, ...}}). */
  private final java.util.Set<IASTFunctionDefinition> inMethodTable = new java.util.HashSet<>();

  private TypeSlots(FileModel ctx) {
    CallGraph graph = ctx.callGraph();
    ctx.ast().accept(new ASTVisitor() {
      {
        shouldVisitInitializers = true;
        shouldVisitDeclarations = true;
      }

      @Override
      public int visit(org.eclipse.cdt.core.dom.ast.IASTDeclaration d) {
        if (d instanceof IASTSimpleDeclaration sd && ctx.inFile(sd) && ctx.inFile(sd.getDeclSpecifier())
            && ctx.textOf(sd.getDeclSpecifier()).matches("(?s).*\\bPyTypeObject\\b.*")) {
          for (IASTDeclarator decl : sd.getDeclarators()) {
            positional(ctx, graph, decl.getInitializer());
          }
        }
        return PROCESS_CONTINUE;
      }

      @Override
      public int visit(IASTInitializer init) {
        if (init instanceof IASTInitializerList list && ctx.inFile(list)) {
          pairOrDesignated(ctx, graph, list);
        }
        return PROCESS_CONTINUE;
      }
    });
  }

  /** The facts of a file, computed once per file. */
  public static TypeSlots of(FileModel ctx) {
    return ctx.shared(TypeSlots.class, TypeSlots::new);
  }

  /** The slot a function fills ("tp_new", "tp_iternext"), or null when it fills none this file shows. */
  public String slotOf(IASTFunctionDefinition fn) {
    return slotOf.get(fn);
  }

  /** Whether a PyMethodDef or PyGetSetDef entry ({@code {"name", (PyCFunction)fn, ...}}) names the function. */
  public boolean inMethodTable(IASTFunctionDefinition fn) {
    return inMethodTable.contains(fn);
  }

  private void put(CallGraph graph, String slot, String valueText) {
    IASTFunctionDefinition fn = graph.function(SerializedFunctions.bareName(valueText));
    if (fn != null) {
      slotOf.putIfAbsent(fn, slot);
    }
  }

  private void pairOrDesignated(FileModel ctx, CallGraph graph, IASTInitializerList list) {
    IASTInitializerClause[] cl = list.getClauses();
    if (cl.length >= 2 && cl[0] instanceof org.eclipse.cdt.core.dom.ast.IASTLiteralExpression lit
        && lit.getKind() == org.eclipse.cdt.core.dom.ast.IASTLiteralExpression.lk_string_literal) {
      for (int i = 1; i < cl.length; i++) {
        IASTFunctionDefinition fn = ctx.inFile(cl[i]) ? graph.function(SerializedFunctions.bareName(ctx.textOf(cl[i]))) : null;
        if (fn != null) {
          inMethodTable.add(fn);
        }
      }
      return;
    }
    if (cl.length == 2 && ctx.inFile(cl[0]) && ctx.inFile(cl[1])) {
      String key = ctx.textOf(cl[0]).strip();
      if (key.matches("Py_tp_\\w+")) {
        put(graph, key.substring(3), ctx.textOf(cl[1]));
        return;
      }
    }
    for (IASTInitializerClause c : cl) {
      if (c instanceof ICASTDesignatedInitializer d && ctx.inFile(d)) {
        for (ICASTDesignator des : d.getDesignators()) {
          if (des instanceof ICASTFieldDesignator f && f.getName().toString().startsWith("tp_")
              && ctx.inFile(d.getOperand())) {
            put(graph, f.getName().toString(), ctx.textOf(d.getOperand()));
          }
        }
      }
    }
  }

  private void positional(FileModel ctx, CallGraph graph, IASTInitializer init) {
    if (!(init instanceof IASTEqualsInitializer eq) || !(eq.getInitializerClause() instanceof IASTInitializerList list)) {
      return;
    }
    IASTInitializerClause[] cl = list.getClauses();
    if (cl.length == 0 || !ctx.text().startsWith("PyVarObject_HEAD_INIT", firstOffset(ctx, list))) {
      return;
    }
    for (int i = 1; i < cl.length && i < POSITIONAL.size(); i++) {
      IASTNode c = cl[i];
      if (c instanceof ICASTDesignatedInitializer || !ctx.inFile(c)) {
        return; // designated from here on: pairOrDesignated reads them
      }
      put(graph, POSITIONAL.get(i), ctx.textOf(c));
    }
  }

  /** Where the first clause of a list is written: the first non-space character after its brace. */
  private static int firstOffset(FileModel ctx, IASTInitializerList list) {
    String t = ctx.text();
    int i = ctx.start(list) + 1;
    while (i < t.length() && (Character.isWhitespace(t.charAt(i)) || t.startsWith("/*", i))) {
      if (t.startsWith("/*", i)) {
        int close = t.indexOf("*/", i + 2);
        i = close < 0 ? t.length() : close + 2;
      } else {
        i++;
      }
    }
    return i;
  }
}
