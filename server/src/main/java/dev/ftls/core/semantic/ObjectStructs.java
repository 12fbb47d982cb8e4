package dev.ftls.core.semantic;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.ASTTypeUtil;
import org.eclipse.cdt.core.dom.ast.IASTFieldReference;
import org.eclipse.cdt.core.dom.ast.IBinding;
import org.eclipse.cdt.core.dom.ast.ICompositeType;
import org.eclipse.cdt.core.dom.ast.IField;
import org.eclipse.cdt.core.dom.ast.IPointerType;
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

  /** A field of an object struct as a field access reaches it. */
  public record Field(String name, String struct, boolean objectPointer, boolean pointer) {}

  private final Map<ICompositeType, Boolean> known = new HashMap<>();

  private ObjectStructs() {}

  /** The facts of a file, computed once per file. */
  public static ObjectStructs of(FileModel ctx) {
    return ctx.shared(ObjectStructs.class, m -> new ObjectStructs());
  }

  /** The field a reference reaches when it is a field of an object struct, else null. */
  public Field field(IASTFieldReference ref) {
    IBinding b = ref.getFieldName().resolveBinding();
    if (!(b instanceof IField f) || f.getCompositeTypeOwner() == null || !isObjectStruct(f.getCompositeTypeOwner())) {
      return null;
    }
    IType t = strip(f.getType());
    boolean pointer = t instanceof IPointerType;
    boolean object = pointer && pointsToObject(((IPointerType) t).getType());
    return new Field(f.getName(), f.getCompositeTypeOwner().getName(), object, pointer);
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

  private static IType strip(IType type) {
    IType t = type;
    for (int i = 0; i < 16 && (t instanceof ITypedef || t instanceof IQualifierType); i++) {
      t = t instanceof ITypedef td ? td.getType() : ((IQualifierType) t).getType();
    }
    return t;
  }
}
