package dev.ftls.core.semantic;

import dev.ftls.core.source.WordSearch;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.ASTTypeUtil;
import org.eclipse.cdt.core.dom.ast.IASTCompositeTypeSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTFieldReference;
import org.eclipse.cdt.core.dom.ast.IBinding;
import org.eclipse.cdt.core.dom.ast.ICompositeType;
import org.eclipse.cdt.core.dom.ast.IField;
import org.eclipse.cdt.core.dom.ast.IPointerType;
import org.eclipse.cdt.core.dom.ast.IProblemBinding;
import org.eclipse.cdt.core.dom.ast.IQualifierType;
import org.eclipse.cdt.core.dom.ast.IType;
import org.eclipse.cdt.core.dom.ast.ITypedef;

/**
 * The extension's own object structs, known by their first member: {@code PyObject_HEAD} and
 * {@code PyObject_VAR_HEAD} ({@code PyObject ob_base} / {@code PyVarObject ob_base}), a CPython
 * object struct ({@code PyDictObject dict}), or another object struct (a subtype). Field accesses
 * are classified through CDT's bindings: whose field it is and whether it holds an object pointer.
 */
public final class ObjectStructs {
  private static final Pattern CPYTHON_OBJECT = Pattern.compile("_\\w*object|Py\\w*Object");

  /** Type objects: their fields are the interpreter's business, not a method's. */
  private static final Pattern TYPE_OBJECT = Pattern.compile("_typeobject|_heaptypeobject|PyTypeObject|PyHeapTypeObject");

  /**
   * A field of an object struct as a field access reaches it.
   *
   * @param known whether the struct's definition was seen (its type is then known); false for a
   *     struct a project header defines, which the file's parse does not read
   */
  public record Field(String name, boolean objectPointer, boolean pointer, boolean known) {}

  private final FileModel ctx;
  private final Map<ICompositeType, Boolean> known = new HashMap<>();
  private final Map<String, Boolean> byName = new HashMap<>();

  private ObjectStructs(FileModel ctx) {
    this.ctx = ctx;
  }

  /** The facts of a file, computed once per file. */
  public static ObjectStructs of(FileModel ctx) {
    return ctx.shared(ObjectStructs.class, ObjectStructs::new);
  }

  /**
   * The field a reference reaches when it is a field of an object struct, else null. When the
   * struct is defined in a header (not part of the file's parse), {@code ownerType} (the type the
   * owner expression was declared or cast with) decides: see {@link #isObjectTypeName}.
   */
  public Field field(IASTFieldReference ref, String ownerType) {
    IBinding b = ref.getFieldName().resolveBinding();
    if (b instanceof IField f && f.getCompositeTypeOwner() != null) {
      if (!isObjectStruct(f.getCompositeTypeOwner())) {
        return null;
      }
      IType t = strip(f.getType());
      boolean pointer = t instanceof IPointerType;
      boolean object = pointer && pointsToObject(((IPointerType) t).getType());
      return new Field(f.getName(), object, pointer, true);
    }
    if (b instanceof IProblemBinding && ownerType != null && isObjectTypeName(ownerType)) {
      return new Field(ref.getFieldName().toString(), false, false, false);
    }
    return null;
  }

  /**
   * For a struct type this file's parse does not define: whether the file treats it as an object
   * struct. It allocates it as an object ({@code PyObject_New(T, ...)}, {@code PyObject_GC_New},
   * {@code (T *)type->tp_alloc(...)}), gives its size as a type's basic size
   * ({@code sizeof(T)} in a {@code PyTypeObject} or {@code PyType_Spec}), or names it the way
   * object structs are named ({@code MapObject}, {@code ParserObject}).
   */
  public boolean isObjectTypeName(String type) {
    String name = type.replaceAll("\\b(const|struct|volatile)\\b", "").strip();
    if (!name.matches("[A-Za-z_]\\w*") || name.matches("Py\\w*|_Py\\w*")) {
      return false;
    }
    return byName.computeIfAbsent(name, n -> {
      if (n.endsWith("Object") || n.endsWith("_object")) {
        return true;
      }
      String q = Pattern.quote(n);
      return WordSearch.finds(Pattern.compile("PyObject_(GC_)?New(Var)?\\s*\\(\\s*(struct\\s+)?" + q + "\\b"
          + "|\\(\\s*(struct\\s+)?" + q + "\\s*\\*\\s*\\)\\s*\\w+\\s*->\\s*tp_alloc\\b"
          + "|\"\\s*,\\s*sizeof\\s*\\(\\s*(struct\\s+)?" + q + "\\s*\\)"
          + "|(tp_basicsize|basicsize)\\s*=\\s*sizeof\\s*\\(\\s*(struct\\s+)?" + q + "\\s*\\)"), ctx.text(), n);
    });
  }

  /**
   * Whether a type name as written ({@code MapObject}, {@code struct map}) is an object struct: a
   * struct or typedef of the parse (the file or its headers) that starts with an object header,
   * or, when the parse does not define it, one the file treats as an object ({@link #isObjectTypeName}).
   */
  public boolean isObjectType(String type) {
    String name = type.replaceAll("\\b(const|struct|volatile)\\b", "").strip();
    ICompositeType defined = compositesByName().get(name);
    return defined != null ? isObjectStruct(defined) : isObjectTypeName(name);
  }

  private Map<String, ICompositeType> composites;

  /** The structs of the parse by their tag and by the typedef names that stand for them. */
  private Map<String, ICompositeType> compositesByName() {
    if (composites == null) {
      Map<String, ICompositeType> out = new HashMap<>();
      for (IASTDeclaration d : ctx.ast().getDeclarations()) {
        if (!(d instanceof IASTSimpleDeclaration sd)) {
          continue;
        }
        if (sd.getDeclSpecifier() instanceof IASTCompositeTypeSpecifier cs
            && cs.getName().resolveBinding() instanceof ICompositeType c && !c.getName().isEmpty()) {
          out.putIfAbsent(c.getName(), c);
        }
        for (IASTDeclarator decl : sd.getDeclarators()) {
          if (decl.getName() != null && decl.getName().resolveBinding() instanceof ITypedef td
              && strip(td) instanceof ICompositeType c) {
            out.putIfAbsent(td.getName(), c);
          }
        }
      }
      composites = out;
    }
    return composites;
  }

  /** Whether a struct starts with an object header (directly or through another object struct). */
  public boolean isObjectStruct(ICompositeType type) {
    Boolean v = known.get(type);
    if (v == null) {
      known.put(type, false); // a struct that contains itself first is no object
      v = decide(type);
      known.put(type, v);
    }
    return v;
  }

  private boolean decide(ICompositeType type) {
    IField[] fields;
    try {
      fields = type.getFields();
    } catch (RuntimeException e) {
      return false;
    }
    if (fields.length == 0) {
      return false;
    }
    IType first = strip(fields[0].getType());
    if (first instanceof ICompositeType c) {
      String n = c.getName();
      return !TYPE_OBJECT.matcher(n).matches() && (CPYTHON_OBJECT.matcher(n).matches() || isObjectStruct(c));
    }
    return false;
  }

  private boolean pointsToObject(IType pointee) {
    IType t = strip(pointee);
    if (t instanceof ICompositeType c) {
      return CPYTHON_OBJECT.matcher(c.getName()).matches() || isObjectStruct(c);
    }
    String written = ASTTypeUtil.getType(pointee, false).replace("const ", "").replace("struct ", "").strip();
    return CPYTHON_OBJECT.matcher(written).matches();
  }

  /** The type under its typedefs and qualifiers. */
  static IType strip(IType type) {
    IType t = type;
    for (int i = 0; i < 16 && (t instanceof ITypedef || t instanceof IQualifierType); i++) {
      t = t instanceof ITypedef td ? td.getType() : ((IQualifierType) t).getType();
    }
    return t;
  }
}
