package dev.ftls.core.semantic;

import java.util.HashMap;
import java.util.Map;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTCompositeTypeSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTNamedTypeSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;

/**
 * The structs a file defines (itself or in the headers it includes), by struct tag and typedef
 * name, and whether each is a plain struct: its first member is neither an object header
 * ({@code PyObject_HEAD}, {@code PyObject ob_base}) nor a struct that is or may be one. Unknown
 * names are never plain.
 */
public final class StructKinds {
  private static final int MAX_DEPTH = 4;
  private final Map<String, IASTCompositeTypeSpecifier> byName = new HashMap<>();

  private StructKinds(FileModel ctx) {
    ctx.ast().accept(new ASTVisitor() {
      {
        shouldVisitDeclarations = true;
      }

      @Override
      public int visit(IASTDeclaration d) {
        if (d instanceof IASTSimpleDeclaration sd && sd.getDeclSpecifier() instanceof IASTCompositeTypeSpecifier cs
            && cs.getKey() == IASTCompositeTypeSpecifier.k_struct) {
          String tag = cs.getName().toString();
          if (!tag.isEmpty()) {
            byName.putIfAbsent(tag, cs);
          }
          if (sd.getDeclSpecifier().getStorageClass() == IASTDeclSpecifier.sc_typedef) {
            for (IASTDeclarator decl : sd.getDeclarators()) {
              if (decl.getPointerOperators().length == 0) {
                byName.putIfAbsent(decl.getName().toString(), cs);
              }
            }
          }
        }
        return PROCESS_CONTINUE;
      }
    });
  }

  /** The facts of a file, computed once per file. */
  public static StructKinds of(FileModel ctx) {
    return ctx.shared(StructKinds.class, StructKinds::new);
  }

  /** Whether the struct by this tag or typedef name is defined and has no object header. */
  public boolean plain(String name) {
    return plain(name, 0);
  }

  private boolean plain(String name, int depth) {
    IASTCompositeTypeSpecifier cs = byName.get(name);
    if (cs == null || depth > MAX_DEPTH || name.startsWith("Py") || name.startsWith("_Py")) {
      return false;
    }
    IASTDeclaration[] members = cs.getMembers();
    if (members.length == 0 || !(members[0] instanceof IASTSimpleDeclaration first)) {
      return false;
    }
    String raw = first.getRawSignature();
    if (raw.contains("PyObject_HEAD") || raw.contains("PyObject_VAR_HEAD") || raw.contains("ob_base")) {
      return false;
    }
    IASTDeclarator[] decls = first.getDeclarators();
    boolean pointer = decls.length > 0 && decls[0].getPointerOperators().length > 0;
    if (pointer) {
      return true;
    }
    IASTDeclSpecifier spec = first.getDeclSpecifier();
    if (spec instanceof IASTNamedTypeSpecifier named) {
      // a member of a named type: plain only when that type is a plain struct or a scalar typedef
      String type = named.getName().toString();
      if (byName.containsKey(type)) {
        return plain(type, depth + 1);
      }
      if (type.matches("(?:u?int\\d+_t|size_t|ssize_t|Py_ssize_t|Py_hash_t|uintptr_t|intptr_t|wchar_t|Py_UCS[124])")) {
        return true;
      }
      // a typedef of a scalar, pointer or function pointer (JSPFN_ITEREND) is plain too
      org.eclipse.cdt.core.dom.ast.IBinding b = named.getName().resolveBinding();
      if (b instanceof org.eclipse.cdt.core.dom.ast.ITypedef t) {
        org.eclipse.cdt.core.dom.ast.IType under = t.getType();
        for (int i = 0; i < 8 && (under instanceof org.eclipse.cdt.core.dom.ast.ITypedef
            || under instanceof org.eclipse.cdt.core.dom.ast.IQualifierType); i++) {
          under = under instanceof org.eclipse.cdt.core.dom.ast.ITypedef td ? td.getType()
              : ((org.eclipse.cdt.core.dom.ast.IQualifierType) under).getType();
        }
        return under instanceof org.eclipse.cdt.core.dom.ast.IPointerType
            || (!(under instanceof org.eclipse.cdt.core.dom.ast.ICompositeType) && !(under instanceof org.eclipse.cdt.core.dom.ast.IProblemType)
                && !(under instanceof org.eclipse.cdt.core.dom.ast.IArrayType) && !type.startsWith("Py") && !type.startsWith("_Py"));
      }
      return false;
    }
    if (spec instanceof IASTCompositeTypeSpecifier || spec instanceof org.eclipse.cdt.core.dom.ast.IASTElaboratedTypeSpecifier) {
      String tag = spec instanceof IASTCompositeTypeSpecifier c ? c.getName().toString()
          : ((org.eclipse.cdt.core.dom.ast.IASTElaboratedTypeSpecifier) spec).getName().toString();
      return !tag.isEmpty() && plain(tag, depth + 1);
    }
    return true; // a scalar (int, double, char ...)
  }
}
