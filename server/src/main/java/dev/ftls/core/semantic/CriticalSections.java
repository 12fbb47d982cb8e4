package dev.ftls.core.semantic;

import dev.ftls.core.fix.Edits;
import dev.ftls.core.source.Regex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;

/**
 * The critical sections of a file: every {@code Py_BEGIN_CRITICAL_SECTION...} /
 * {@code Py_END_CRITICAL_SECTION...} macro pair and every {@code PyCriticalSection_Begin} /
 * {@code PyCriticalSection_End} call pair, with the objects each one locks, and the question the
 * container rules ask: is this object locked at this point of this function?
 */
public final class CriticalSections {
  /** Each begin macro and the end macro that must close it. */
  public static final Map<String, String> MACRO_PAIRS = macroPairs();
  /** Each begin function and the index of its first object argument (after the section struct). */
  private static final Map<String, Integer> FUNCTION_BEGINS =
      Map.of("PyCriticalSection_Begin", 1, "PyCriticalSection2_Begin", 1,
          "PyCriticalSection_BeginMutex", 1, "PyCriticalSection2_BeginMutex", 1);
  private static final Set<String> FUNCTION_ENDS = Set.of("PyCriticalSection_End", "PyCriticalSection2_End");
  private static final Set<String> LOCKED_ASSERTIONS =
      Set.of("_Py_CRITICAL_SECTION_ASSERT_OBJECT_LOCKED", "_Py_CRITICAL_SECTION_ASSERT_MUTEX_LOCKED");
  private static final int CALLER_DEPTH = 3;

  /** The begin and end macros of the simple region view ({@link #all(FileModel)}). */
  public static final Set<String> BEGINS =
      Set.of("Py_BEGIN_CRITICAL_SECTION", "Py_BEGIN_CRITICAL_SECTION2", "Py_BEGIN_CRITICAL_SECTION_MUTEX",
          "Py_BEGIN_CRITICAL_SECTION2_MUTEX");
  public static final Set<String> ENDS = Set.of("Py_END_CRITICAL_SECTION", "Py_END_CRITICAL_SECTION2");

  /**
   * One critical section: its begin/end region, the objects (or mutexes) it locks as written
   * (normalized by {@link #key}), and whether it is a macro pair (which opens a C block).
   */
  public record Section(Regions.Region region, List<String> objects, boolean macro) {
    public CallSite begin() {
      return region.begin();
    }

    public CallSite end() {
      return region.end();
    }

    public IASTFunctionDefinition function() {
      return region.function();
    }

    /** Whether this section locks the object itself, or the object that owns it ({@code self} for {@code self->dict}). */
    public boolean locks(String objectKey) {
      for (String o : objects) {
        if (o.equals(objectKey) || objectKey.startsWith(o + "->") || objectKey.startsWith(o + ".")) {
          return true;
        }
      }
      return false;
    }

    public boolean twoObjects() {
      return objects.size() == 2;
    }
  }

  private final FileModel ctx;
  private final List<Section> sections = new ArrayList<>();
  /** What the rules that share this see of it: they may not change it. */
  private final List<Section> view = java.util.Collections.unmodifiableList(sections);
  private DirectCallers callers;

  public CriticalSections(FileModel ctx) {
    this.ctx = ctx;
    for (Regions.Region r : Regions.pairs(ctx, MACRO_PAIRS.keySet(), Set.copyOf(MACRO_PAIRS.values()))) {
      sections.add(new Section(r, objectsOf(r.begin(), 0), true));
    }
    for (Regions.Region r : Regions.pairs(ctx, FUNCTION_BEGINS.keySet(), FUNCTION_ENDS)) {
      int first = r.begin() == null ? 0 : FUNCTION_BEGINS.get(r.begin().name());
      sections.add(new Section(r, objectsOf(r.begin(), first), false));
    }
    sections.sort((a, b) -> Integer.compare(a.region().bodyStart(), b.region().bodyStart()));
  }

  private static Map<String, String> macroPairs() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("Py_BEGIN_CRITICAL_SECTION", "Py_END_CRITICAL_SECTION");
    m.put("Py_BEGIN_CRITICAL_SECTION2", "Py_END_CRITICAL_SECTION2");
    m.put("Py_BEGIN_CRITICAL_SECTION_MUTEX", "Py_END_CRITICAL_SECTION");
    m.put("Py_BEGIN_CRITICAL_SECTION2_MUTEX", "Py_END_CRITICAL_SECTION2");
    m.put("Py_BEGIN_CRITICAL_SECTION_SEQUENCE_FAST", "Py_END_CRITICAL_SECTION_SEQUENCE_FAST");
    return java.util.Collections.unmodifiableMap(m);
  }

  private static List<String> objectsOf(CallSite begin, int first) {
    List<String> out = new ArrayList<>();
    if (begin != null) {
      for (int i = first; i < begin.args().size(); i++) {
        out.add(key(begin.arg(i)));
      }
    }
    return List.copyOf(out);
  }

  private static final java.util.regex.Pattern LEADING_CAST =
      java.util.regex.Pattern.compile("^\\(\\s*(?:const\\s+|struct\\s+)?[A-Za-z_]\\w*\\s*\\*+\\s*\\)");

  /**
   * The form in which object expressions are compared: without '&amp;', outer parentheses, pointer
   * casts, {@code _PyObject_CAST(...)} and white space; {@code (PyObject *)self} is {@code self}.
   */
  public static String key(String expr) {
    String s = Edits.baseName(expr);
    boolean changed = true;
    while (changed) {
      changed = false;
      java.util.regex.Matcher cast = LEADING_CAST.matcher(s);
      if (cast.find()) {
        s = Edits.baseName(s.substring(cast.end()));
        changed = true;
      }
      for (String wrapper : List.of("_PyObject_CAST(", "_PyObject_CAST_CONST(", "Py_OBJECT_CAST(")) {
        if (s.startsWith(wrapper) && s.endsWith(")")) {
          s = Edits.baseName(s.substring(wrapper.length(), s.length() - 1));
          changed = true;
        }
      }
    }
    // a cast object inside a longer expression: ((PyObject *)self)->ob_mutex is self->ob_mutex
    s = Regex.replaceAll(s, "\\(\\s*\\(\\s*(?:const\\s+|struct\\s+)?[A-Za-z_]\\w*\\s*\\*+\\s*\\)\\s*([A-Za-z_]\\w*)\\s*\\)", "$1");
    return Regex.replaceAll(s, "\\s+", "");
  }

  /** Every section of the file, in order of their bodies. */
  public List<Section> sections() {
    return view;
  }

  /** The sections of a function that enclose an offset, innermost first. */
  public List<Section> enclosing(IASTFunctionDefinition fn, int offset) {
    List<Section> out = new ArrayList<>();
    for (Section s : sections) {
      if (s.function() == fn && s.region().contains(offset, ctx)) {
        out.add(0, s);
      }
    }
    return out;
  }

  /** The innermost section of the function around an offset that locks the object, or null. */
  public Section holding(IASTFunctionDefinition fn, int offset, String objectKey) {
    for (Section s : enclosing(fn, offset)) {
      if (s.begin() != null && s.locks(objectKey)) {
        return s;
      }
    }
    return null;
  }

  /**
   * Whether the object is locked at an offset: a section of the function around it locks it, or
   * the function runs with it locked by its caller (its name ends in {@code _lock_held} or
   * {@code _locked}, it asserts the lock with {@code _Py_CRITICAL_SECTION_ASSERT_OBJECT_LOCKED},
   * or it is a static function whose every call in this file holds the argument's lock).
   */
  public boolean lockedAt(IASTFunctionDefinition fn, int offset, String objectKey) {
    return lockedAt(fn, offset, objectKey, CALLER_DEPTH);
  }

  /** Whether the object is locked at an offset under any of the names it goes by. */
  public boolean lockedAtAny(IASTFunctionDefinition fn, int offset, List<String> objectKeys) {
    for (String k : objectKeys) {
      if (lockedAt(fn, offset, k)) {
        return true;
      }
    }
    return false;
  }

  private boolean lockedAt(IASTFunctionDefinition fn, int offset, String objectKey, int depth) {
    return fn != null && (holding(fn, offset, objectKey) != null || lockedByCaller(fn, objectKey, depth));
  }

  private boolean lockedByCaller(IASTFunctionDefinition fn, String objectKey, int depth) {
    String name = CallGraph.nameOf(fn).toLowerCase(Locale.ROOT);
    if (name.endsWith("_lock_held") || name.endsWith("_locked") || name.endsWith("lockheld")) {
      return true;
    }
    for (CallSite c : ctx.callsIn(fn)) {
      if (LOCKED_ASSERTIONS.contains(c.name()) && c.arg(0) != null) {
        String asserted = key(c.arg(0));
        if (objectKey.equals(asserted) || objectKey.startsWith(asserted + "->")) {
          return true;
        }
      }
    }
    if (depth <= 0) {
      return false;
    }
    String root = objectKey.split("->|\\.", 2)[0];
    int index = DirectCallers.parameterNames(fn).indexOf(root);
    if (index < 0) {
      return false;
    }
    if (callers == null) {
      callers = new DirectCallers(ctx);
    }
    List<CallSite> calls = callers.allCallsOf(fn);
    if (calls == null) {
      return false;
    }
    for (CallSite call : calls) {
      if (call.arg(index) == null) {
        return false;
      }
      String passed = key(call.arg(index)) + objectKey.substring(root.length());
      if (!lockedAt(call.function(), call.start(), passed, depth - 1)) {
        return false;
      }
    }
    return true;
  }
}
