package dev.ftls.core.semantic;

import dev.ftls.core.fix.Edits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTBinaryExpression;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTEqualsInitializer;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTIfStatement;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTUnaryExpression;

/**
 * Where the container a call works on comes from, as far as one function shows it: created there
 * (by {@code PyList_New}, {@code PyDict_Copy}, ...), a parameter, a global, a field of another
 * object, the keyword-arguments dict, or unknown; and whether a container created in the function
 * is still private at a point (not yet passed anywhere, stored or returned). Aliases
 * ({@code b = a}) and {@code PySequence_Fast(x)}, whose result is {@code x} itself when {@code x}
 * is a list or tuple, are followed.
 */
public final class ContainerOrigins {
  /** What the container is. */
  public enum Kind { CREATED, PARAMETER, KWARGS, ARGS_TUPLE, GLOBAL, FIELD, UNKNOWN }

  /**
   * The answer for one expression: its kind, the names it went by (the expression first, then
   * what it was assigned from), and for a created container the variables that must not have
   * escaped, with the offset from which each must stay private.
   */
  public record Origin(Kind kind, List<String> aliases, List<Span> spans) {
    public boolean createdHere() {
      return kind == Kind.CREATED;
    }
  }

  /** A variable that holds the created container from {@code from} on. */
  public record Span(String var, int from) {}

  private static final Set<String> CONSTRUCTORS =
      Set.of("PyList_New", "PyDict_New", "PyTuple_New", "PySet_New", "PyFrozenSet_New",
          "PyStructSequence_New", "PyDict_Copy", "Py_BuildValue", "PyList_GetSlice", "PyTuple_GetSlice",
          "PySequence_List", "PySequence_Tuple", "PyList_AsTuple", "PyDict_Items", "PyDict_Keys",
          "PyDict_Values", "_PyDict_NewPresized", "PyTuple_Pack", "_PyTuple_FromArray", "_PyList_FromArray",
          "PyMapping_Items", "PyMapping_Keys", "PyMapping_Values", "PyObject_Dir");
  private static final List<String> CONSTRUCTOR_WORDS =
      List.of("new", "pack", "copy", "create", "make", "build", "fromarray", "getslice");
  private static final Set<String> KWARGS_NAMES = Set.of("kwargs", "kwds", "kw", "keywords", "kwdict");
  private static final List<String> CONTAINER_API_PREFIXES =
      List.of("PyList_", "PyDict_", "PyTuple_", "PySet_", "PySequence_", "PyStructSequence_");
  private static final Set<String> NON_ESCAPING =
      Set.of("Py_INCREF", "Py_XINCREF", "Py_DECREF", "Py_XDECREF", "Py_CLEAR", "Py_SIZE", "Py_TYPE",
          "Py_BEGIN_CRITICAL_SECTION", "Py_BEGIN_CRITICAL_SECTION2", "Py_BEGIN_CRITICAL_SECTION_SEQUENCE_FAST");
  private static final int MAX_DEPTH = 4;

  private record Assignment(String lhs, int start, int end, IASTNode rhs) {}

  private record FunctionFacts(List<Assignment> assignments, Map<String, List<IASTIdExpression>> uses,
      List<String> parameters) {}

  private final FileModel ctx;
  private final Map<IASTFunctionDefinition, FunctionFacts> facts = new IdentityHashMap<>();
  private Set<String> globals;

  public ContainerOrigins(FileModel ctx) {
    this.ctx = ctx;
  }

  /** Whether a function name creates a new object by CPython's naming (PyList_New, Py_BuildValue, make_...). */
  public static boolean isConstructor(String callee) {
    if (CONSTRUCTORS.contains(callee)) {
      return true;
    }
    String n = callee.toLowerCase(Locale.ROOT);
    if (n.contains("newref") || n.startsWith("pysequence_fast")) {
      return false;
    }
    for (String w : CONSTRUCTOR_WORDS) {
      if (n.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a function returns a new object only the caller holds: a function of this file by
   * what its body shows, one of another file by the project index.
   */
  private boolean returnsFresh(String callee) {
    IASTFunctionDefinition def = ctx.callGraph().function(callee);
    return def != null ? FreshResults.of(ctx).returnsFresh(def) : ctx.project().returnsNewObject(ctx.source().path(), callee);
  }

  /** Where the container written as {@code expr} at offset {@code at} of a function comes from. */
  public Origin resolve(IASTFunctionDefinition fn, String expr, int at) {
    return resolve(fn, CriticalSections.key(expr), at, 0);
  }

  private Origin resolve(IASTFunctionDefinition fn, String key, int at, int depth) {
    if (fn == null || depth > MAX_DEPTH || key.isEmpty()) {
      return new Origin(Kind.UNKNOWN, List.of(key), List.of());
    }
    FunctionFacts f = facts(fn);
    Assignment last = null;
    List<Assignment> earlier = new ArrayList<>();
    for (Assignment a : f.assignments) {
      if (a.lhs.equals(key) && a.end <= at && !assignsNull(a)) {   // "x = NULL" publishes nothing
        earlier.add(a);
        if (last == null || a.end > last.end) {
          last = a;
        }
      }
    }
    if (last != null) {
      Origin o = fromAssignment(fn, key, last, depth);
      // assignments in different branches: created only when every one of them creates
      for (Assignment a : earlier) {
        if (o.createdHere() && a != last && !fromAssignment(fn, key, a, depth).createdHere()) {
          return new Origin(Kind.UNKNOWN, List.of(key), List.of());
        }
      }
      return o;
    }
    if (Edits.isIdentifier(key)) {
      int index = f.parameters.indexOf(key);
      if (index >= 0) {
        Kind k = KWARGS_NAMES.contains(key) ? Kind.KWARGS
            : key.equals("args") && index == 1 ? Kind.ARGS_TUPLE : Kind.PARAMETER;
        return new Origin(k, List.of(key), List.of());
      }
      if (parsedFromArguments(fn, key, at)) {
        return new Origin(Kind.PARAMETER, List.of(key), List.of());
      }
      if (globals().contains(key)) {
        return new Origin(Kind.GLOBAL, List.of(key), List.of());
      }
      return new Origin(Kind.UNKNOWN, List.of(key), List.of());
    }
    if (key.matches("[A-Za-z_]\\w*(->|\\.).*")) {
      return new Origin(Kind.FIELD, List.of(key), List.of());
    }
    return new Origin(Kind.UNKNOWN, List.of(key), List.of());
  }

  private Origin fromAssignment(IASTFunctionDefinition fn, String key, Assignment a, int depth) {
    String rhs = ctx.inFile(a.rhs) ? CriticalSections.key(ctx.textOf(a.rhs)) : "";
    java.util.regex.Matcher call = java.util.regex.Pattern.compile("^([A-Za-z_]\\w*)\\(").matcher(rhs);
    Origin from;
    if (call.find()) {
      String callee = call.group(1);
      if (isConstructor(callee) || returnsFresh(callee)) {
        return new Origin(Kind.CREATED, List.of(key), List.of(new Span(key, a.end)));
      }
      CallSite fast = callee.equals("PySequence_Fast") ? callAt(fn, ctx.start(a.rhs), callee) : null;
      if (fast == null || fast.arg(0) == null) {
        return new Origin(Kind.UNKNOWN, List.of(key), List.of());
      }
      from = resolve(fn, CriticalSections.key(fast.arg(0)), a.start, depth + 1);
    } else if (rhs.matches("[A-Za-z_]\\w*((->|\\.)[A-Za-z_]\\w*)*")) {
      from = resolve(fn, rhs, a.start, depth + 1);
    } else {
      return new Origin(Kind.UNKNOWN, List.of(key), List.of());
    }
    List<String> aliases = new ArrayList<>();
    aliases.add(key);
    aliases.addAll(from.aliases);
    List<Span> spans = new ArrayList<>(from.spans);
    spans.add(new Span(key, a.end));
    return new Origin(from.kind, List.copyOf(aliases), List.copyOf(spans));
  }

  private boolean assignsNull(Assignment a) {
    if (!ctx.inFile(a.rhs)) {
      return false;
    }
    String v = ctx.textOf(a.rhs).strip();
    return v.equals("NULL") || v.equals("0") || v.equals("nullptr");
  }

  private CallSite callAt(IASTFunctionDefinition fn, int from, String name) {
    for (CallSite c : ctx.callsIn(fn)) {
      if (c.start() >= from && c.name().equals(name)) {
        return c;
      }
    }
    return null;
  }

  /** Whether {@code &var} is passed to PyArg_Parse* before an offset (it then holds an argument). */
  private boolean parsedFromArguments(IASTFunctionDefinition fn, String var, int at) {
    for (CallSite c : ctx.callsIn(fn)) {
      if (c.start() >= at) {
        break;
      }
      if (c.name().startsWith("PyArg_") || c.name().startsWith("_PyArg_")) {
        for (CallSite.Arg arg : c.args()) {
          if (arg.text().replaceAll("\\s", "").equals("&" + var)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * Whether the container is private at an offset: created in this function and not escaped
   * since, or the function's own keyword-arguments dict.
   */
  public boolean isPrivate(IASTFunctionDefinition fn, String expr, int at) {
    Origin o = resolve(fn, expr, at);
    if (o.kind == Kind.KWARGS) {
      return true;
    }
    if (o.kind != Kind.CREATED) {
      return false;
    }
    for (Span s : o.spans) {
      if (!Edits.isIdentifier(s.var) || escapes(fn, s.var, s.from, at)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a variable may have become visible to other code between two offsets: any use other
   * than as the container of a container API call, a reference-count macro, or a NULL test.
   */
  public boolean escapes(IASTFunctionDefinition fn, String var, int from, int to) {
    for (IASTIdExpression id : facts(fn).uses.getOrDefault(var, List.of())) {
      int offset = ctx.nameOffset(id.getName());
      if (offset < from || offset >= to || isNullTest(id) || isAssignedTo(id)
          || !Flow.reaches(ctx, id, to)) {   // a use on a path that leaves first publishes nothing
        continue;
      }
      if (!usedAsContainerArgument(fn, offset)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNullTest(IASTIdExpression id) {
    IASTNode p = id.getParent();
    while (p instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_bracketedPrimary) {
      p = p.getParent();
    }
    if (p instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_not) {
      return true;
    }
    if (p instanceof IASTBinaryExpression b) {
      int op = b.getOperator();
      // `if (it && list)`: an operand of && or || is tested for NULL, as `if (list)` is
      return op == IASTBinaryExpression.op_equals || op == IASTBinaryExpression.op_notequals
          || op == IASTBinaryExpression.op_logicalAnd || op == IASTBinaryExpression.op_logicalOr;
    }
    return p instanceof IASTIfStatement || p instanceof org.eclipse.cdt.core.dom.ast.IASTWhileStatement;
  }

  private static boolean isAssignedTo(IASTIdExpression id) {
    return id.getParent() instanceof IASTBinaryExpression b
        && b.getOperator() == IASTBinaryExpression.op_assign && b.getOperand1() == id;
  }

  private boolean usedAsContainerArgument(IASTFunctionDefinition fn, int offset) {
    CallSite inner = null;
    int argIndex = -1;
    for (CallSite c : ctx.callsIn(fn)) {
      if (c.start() > offset) {
        break;
      }
      for (int i = 0; i < c.args().size(); i++) {
        CallSite.Arg a = c.args().get(i);
        if (offset >= a.start() && offset < a.end() && (inner == null || c.start() >= inner.start())) {
          inner = c;
          argIndex = i;
        }
      }
    }
    if (inner == null) {
      return false;
    }
    IASTFunctionDefinition callee = ctx.callGraph().function(inner.name());
    if (callee != null && inner.args().get(argIndex).text().matches("[A-Za-z_]\\w*")) {
      return !parameterEscapes(callee, argIndex);
    }
    if (argIndex != 0) {
      return false;
    }
    if (NON_ESCAPING.contains(inner.name())) {
      return true;
    }
    for (String p : CONTAINER_API_PREFIXES) {
      if (inner.name().startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  private final Map<String, Boolean> parameterEscapes = new HashMap<>();

  /**
   * Whether a function of this file lets its parameter escape (stores, returns or passes it on,
   * other than to container calls and to helpers that do not let it escape either). A function
   * being checked counts as not letting it escape, so recursion ends.
   */
  private boolean parameterEscapes(IASTFunctionDefinition callee, int index) {
    List<String> params = DirectCallers.parameterNames(callee);
    if (index >= params.size()) {
      return true;
    }
    String key = CallGraph.nameOf(callee) + "#" + index;
    Boolean known = parameterEscapes.get(key);
    if (known != null) {
      return known;
    }
    parameterEscapes.put(key, false); // assume not while checking (recursion)
    String p = params.get(index);
    boolean escapes = escapes(callee, p, ctx.start(callee), ctx.end(callee))
        || java.util.regex.Pattern.compile("\\breturn\\s+\\(?\\s*" + java.util.regex.Pattern.quote(p) + "\\b")
            .matcher(ctx.textOf(callee)).find();
    parameterEscapes.put(key, escapes);
    return escapes;
  }

  private FunctionFacts facts(IASTFunctionDefinition fn) {
    return facts.computeIfAbsent(fn, this::collect);
  }

  private FunctionFacts collect(IASTFunctionDefinition fn) {
    List<Assignment> assignments = new ArrayList<>();
    Map<String, List<IASTIdExpression>> uses = new HashMap<>();
    fn.accept(new ASTVisitor(true) {
      {
        shouldVisitDeclarators = true;
      }

      @Override
      public int visit(IASTDeclarator d) {
        if (d.getInitializer() instanceof IASTEqualsInitializer init && init.getInitializerClause() != null
            && ctx.inFile(d) && ctx.inFile(init.getInitializerClause())) {
          assignments.add(new Assignment(d.getName().toString(), ctx.start(d), ctx.end(d),
              init.getInitializerClause()));
        }
        return PROCESS_CONTINUE;
      }

      @Override
      public int visit(IASTExpression e) {
        if (e instanceof IASTBinaryExpression b && b.getOperator() == IASTBinaryExpression.op_assign
            && ctx.inFile(b) && ctx.inFile(b.getOperand1()) && b.getOperand2() != null) {
          assignments.add(new Assignment(CriticalSections.key(ctx.textOf(b.getOperand1())), ctx.start(b),
              ctx.end(b), b.getOperand2()));
        } else if (e instanceof IASTIdExpression id && ctx.nameOffset(id.getName()) >= 0) {
          uses.computeIfAbsent(id.getName().toString(), k -> new ArrayList<>()).add(id);
        }
        return PROCESS_CONTINUE;
      }
    });
    return new FunctionFacts(assignments, uses, DirectCallers.parameterNames(fn));
  }

  private Set<String> globals() {
    if (globals == null) {
      Set<String> out = new HashSet<>();
      for (IASTDeclaration d : ctx.ast().getDeclarations()) {
        if (d instanceof IASTSimpleDeclaration s && ctx.inFile(s)) {
          for (IASTDeclarator decl : s.getDeclarators()) {
            if (!(decl instanceof IASTFunctionDeclarator) && decl.getName() != null) {
              out.add(decl.getName().toString());
            }
          }
        }
      }
      globals = out;
    }
    return globals;
  }
}
