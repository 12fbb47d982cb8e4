package dev.ftls.core.rules.builtin;

import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.semantic.CallGraph;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTElaboratedTypeSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTEqualsInitializer;
import org.eclipse.cdt.core.dom.ast.IASTInitializer;
import org.eclipse.cdt.core.dom.ast.IASTInitializerClause;
import org.eclipse.cdt.core.dom.ast.IASTInitializerList;
import org.eclipse.cdt.core.dom.ast.IASTNamedTypeSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.c.ICASTDesignatedInitializer;
import org.eclipse.cdt.core.dom.ast.c.ICASTDesignator;
import org.eclipse.cdt.core.dom.ast.c.ICASTFieldDesignator;
import org.eclipse.cdt.core.dom.ast.cpp.ICPPASTDesignatedInitializer;
import org.eclipse.cdt.core.dom.ast.cpp.ICPPASTDesignator;
import org.eclipse.cdt.core.dom.ast.cpp.ICPPASTFieldDesignator;

/**
 * How a file defines its modules: its {@code PyModuleDef} and slots-array declarations (at file
 * scope, in C++ namespaces and {@code extern "C"} blocks, or local to a function) and the fields of
 * their initializers. Shared by the rules about module declarations (FT001, FT005).
 */
final class ModuleDefinitions {
  private ModuleDefinitions() {}

  /** The slots array a module definition names in m_slots, or null (none, NULL, or not in this file). */
  static IASTInitializerList slotsOf(RuleContext ctx, List<IASTSimpleDeclaration> decls, IASTDeclarator def) {
    IASTInitializerList init = initializerList(def.getInitializer());
    IASTInitializerClause slots = init == null ? null : field(init, "m_slots", 5);
    IASTDeclarator array = slots == null ? null : findArray(decls, dev.ftls.core.fix.Edits.baseName(ctx.textOf(slots)));
    return array == null ? null : initializerList(array.getInitializer());
  }

  /** The file's module definitions named {@code name} (unqualified). */
  static IASTDeclarator moduleDef(List<IASTSimpleDeclaration> decls, String name) {
    String plain = CallGraph.unqualified(name);
    for (IASTSimpleDeclaration sd : decls) {
      if (isType(sd.getDeclSpecifier(), "PyModuleDef")) {
        for (IASTDeclarator decl : sd.getDeclarators()) {
          if (decl.getName().toString().equals(plain) && decl.getInitializer() != null) {
            return decl;
          }
        }
      }
    }
    return null;
  }


  /**
   * The file's own declarations wherever they stand: at file scope, in C++ namespaces (named or
   * anonymous) and {@code extern "C"} blocks, and inside functions (a {@code static PyModuleDef}
   * local to {@code PyInit_*}). Declarations of included headers are skipped whole.
   */
  static List<IASTSimpleDeclaration> declarations(RuleContext ctx) {
    List<IASTSimpleDeclaration> out = new ArrayList<>();
    ctx.ast().accept(new ASTVisitor() {
      {
        shouldVisitDeclarations = true;
      }

      @Override
      public int visit(IASTDeclaration d) {
        if (!ctx.inFile(d)) {
          return PROCESS_SKIP;
        }
        if (d instanceof IASTSimpleDeclaration sd) {
          out.add(sd);
        }
        return PROCESS_CONTINUE;
      }
    });
    return out;
  }


  static boolean isType(IASTDeclSpecifier spec, String name) {
    if (spec instanceof IASTElaboratedTypeSpecifier e) {
      return e.getName().toString().equals(name);
    }
    if (spec instanceof IASTNamedTypeSpecifier n) {
      return n.getName().toString().equals(name);
    }
    return false;
  }


  static IASTInitializerList initializerList(IASTInitializer init) {
    if (init instanceof IASTEqualsInitializer eq && eq.getInitializerClause() instanceof IASTInitializerList l) {
      return l;
    }
    return init instanceof IASTInitializerList l ? l : null;
  }


  /** A field of a struct initializer, by designator or by position. */
  static IASTInitializerClause field(IASTInitializerList init, String field, int position) {
    IASTInitializerClause[] clauses = init.getClauses();
    boolean designated = false;
    for (IASTInitializerClause c : clauses) {
      if (c instanceof ICASTDesignatedInitializer d) {
        designated = true;
        for (ICASTDesignator des : d.getDesignators()) {
          if (des instanceof ICASTFieldDesignator f && f.getName().toString().equals(field)) {
            return d.getOperand();
          }
        }
      } else if (c instanceof ICPPASTDesignatedInitializer d) {
        designated = true;
        for (ICPPASTDesignator des : d.getDesignators()) {
          if (des instanceof ICPPASTFieldDesignator f && f.getName().toString().equals(field)) {
            return d.getOperand();
          }
        }
      }
    }
    if (designated || position >= clauses.length) {
      return null;
    }
    return clauses[position];
  }


  static IASTDeclarator findArray(List<IASTSimpleDeclaration> decls, String name) {
    String plain = CallGraph.unqualified(name);
    for (IASTSimpleDeclaration sd : decls) {
      for (IASTDeclarator decl : sd.getDeclarators()) {
        if (decl.getName().toString().equals(plain) && decl.getInitializer() != null) {
          return decl;
        }
      }
    }
    return null;
  }

}
