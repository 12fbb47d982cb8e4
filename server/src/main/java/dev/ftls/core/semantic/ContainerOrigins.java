package dev.ftls.core.semantic;

import dev.ftls.core.fix.Edits;
import dev.ftls.core.kb.FreshObjects;
import dev.ftls.core.source.Regex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTArrayDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTBinaryExpression;
import org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTEqualsInitializer;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTFieldReference;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTIfStatement;
import org.eclipse.cdt.core.dom.ast.IASTMacroExpansionLocation;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IField;

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
  public record Origin(Kind kind, List<String> aliases, List<Span> spans, String creator) {
    /** Without a creating call (anything but {@link Kind#CREATED}). */
    public Origin(Kind kind, List<String> aliases, List<Span> spans) {
      this(kind, aliases, spans, null);
    }

    public boolean createdHere() {
      return kind == Kind.CREATED;
    }

    /** Whether it is known to be a tuple: the positional-arguments tuple or made by a tuple maker. */
    public boolean tuple() {
      return kind == Kind.ARGS_TUPLE || (creator != null && FreshObjects.makesTuple(creator));
    }
  }

  /** A variable that holds the created container from {@code from} on. */
  public record Span(String var, int from) {}

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
    if (FreshObjects.alwaysNew(callee)) {
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
    if (Regex.matches("[A-Za-z_]\\w*(->|\\.).*", key)) {
      return new Origin(Kind.FIELD, List.of(key), List.of());
    }
    return new Origin(Kind.UNKNOWN, List.of(key), List.of());
  }

  private Origin fromAssignment(IASTFunctionDefinition fn, String key, Assignment a, int depth) {
    String rhs = ctx.inFile(a.rhs) ? CriticalSections.key(ctx.textOf(a.rhs)) : "";
    java.util.regex.Matcher call = Regex.of("^([A-Za-z_]\\w*)\\(").matcher(rhs);
    Origin from;
    if (call.find()) {
      String callee = call.group(1);
      CallSite site = callAt(fn, ctx.start(a.rhs), callee);
      int passedThrough = returnedArgument(callee, site);
      if (passedThrough < 0 && (isConstructor(callee) || returnsFresh(callee))) {
        return new Origin(Kind.CREATED, List.of(key), List.of(new Span(key, a.end)), callee);
      }
      if (passedThrough < 0 || site == null || site.arg(passedThrough) == null) {
        return new Origin(Kind.UNKNOWN, List.of(key), List.of());
      }
      from = resolve(fn, CriticalSections.key(site.arg(passedThrough)), a.start, depth + 1);
    } else if (Regex.matches("[A-Za-z_]\\w*((->|\\.)[A-Za-z_]\\w*)*", rhs)) {
      from = resolve(fn, rhs, a.start, depth + 1);
    } else {
      return new Origin(Kind.UNKNOWN, List.of(key), List.of());
    }
    List<String> aliases = new ArrayList<>();
    aliases.add(key);
    aliases.addAll(from.aliases);
    List<Span> spans = new ArrayList<>(from.spans);
    spans.add(new Span(key, a.end));
    return new Origin(from.kind, List.copyOf(aliases), List.copyOf(spans), from.creator);
  }

  /**
   * Which argument a call returns as is, or -1: {@code PySequence_Fast(x, msg)} returns {@code x}
   * when it is a list or a tuple, {@code Py_BuildValue("O", x)} returns {@code x}.
   */
  private static int returnedArgument(String callee, CallSite site) {
    if (callee.equals("PySequence_Fast")) {
      return 0;
    }
    if (callee.equals("Py_BuildValue") && site != null && FreshObjects.buildsOnlyArgument(site.arg(0))) {
      return 1;
    }
    return -1;
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
          if (Regex.replaceAll(arg.text(), "\\s", "").equals("&" + var)) {
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
    return isPrivate(fn, expr, at, 0);
  }

  private boolean isPrivate(IASTFunctionDefinition fn, String expr, int at, int depth) {
    Origin o = resolve(fn, expr, at);
    if (o.kind == Kind.KWARGS) {
      return true;
    }
    String root = Regex.of("->|\\.").split(o.aliases.get(o.aliases.size() - 1), 2)[0];
    if ((o.kind == Kind.PARAMETER || o.kind == Kind.FIELD) && DirectCallers.parameterNames(fn).contains(root)
        && ObjectLifecycle.of(ctx).teardownOnly(fn)) {
      return true; // the object being torn down, or one it holds: no other thread can reach it
    }
    if (o.kind == Kind.PARAMETER) {
      return privateInEveryCaller(fn, o, at, depth);
    }
    if (o.kind == Kind.FIELD) {
      return scratchFieldHoldsPrivate(fn, o.aliases.get(o.aliases.size() - 1));
    }
    if (o.kind != Kind.CREATED) {
      return false;
    }
    for (Span s : o.spans) {
      if (Edits.isIdentifier(s.var) ? escapes(fn, s.var, s.from, at) : !privateField(fn, s, at)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the container is kept in a field of an object that its module keeps to one thread at
   * a time by contract: the module declares that it runs without the GIL, and no function of the
   * file locks objects of the field owner's type (see {@link SynchronizedTypes}). The owner is a
   * parameter of the function (or a local that renames one) whose declared or cast type is the
   * extension's own.
   */
  public boolean keptToOneThread(IASTFunctionDefinition fn, String expr, int at) {
    Origin o = resolve(fn, expr, at);
    if (o.kind != Kind.FIELD) {
      return false;
    }
    SynchronizedTypes sync = SynchronizedTypes.of(ctx);
    if (!sync.ported()) {
      return false;
    }
    String root = Regex.of("->|\\.").split(o.aliases.get(o.aliases.size() - 1), 2)[0];
    ObjectAliases aliases = ObjectAliases.of(ctx, fn);
    if (!aliases.handed(root)) {
      return false;
    }
    Set<String> types = SynchronizedTypes.typesOf(ctx, fn, aliases, root);
    types.removeIf(t -> !ObjectStructs.of(ctx).isObjectType(t));   // a module state or plain struct is no such object
    return !types.isEmpty() && types.stream().noneMatch(sync::locked);
  }

  /**
   * Whether a field expression ({@code info->list}) is a field of a call's scratch struct
   * ({@link ScratchStructs}) that only ever holds containers private to that call: every store
   * into the field, anywhere in the file, is NULL or a new object, and every other use of it is a
   * NULL test, the container of a container call, a reference-count macro, a call that only reads
   * it, or an argument of a function of the file that does not let it escape.
   */
  private boolean scratchFieldHoldsPrivate(IASTFunctionDefinition fn, String expr) {
    IASTFieldReference ref = fieldReference(fn, expr);
    if (ref == null || !(ref.getFieldName().resolveBinding() instanceof IField field)
        || !ScratchStructs.of(ctx).isScratch(field.getCompositeTypeOwner())) {
      return false;
    }
    return privateFields.computeIfAbsent(field, this::holdsOnlyPrivate);
  }

  private final Map<IField, Boolean> privateFields = new HashMap<>();

  private IASTFieldReference fieldReference(IASTFunctionDefinition fn, String expr) {
    IASTFieldReference[] found = new IASTFieldReference[1];
    fn.accept(new ASTVisitor() {
      {
        shouldVisitExpressions = true;
      }

      @Override
      public int visit(IASTExpression e) {
        if (e instanceof IASTFieldReference r && ctx.inFile(r) && CriticalSections.key(ctx.textOf(r)).equals(expr)) {
          found[0] = r;
          return PROCESS_ABORT;
        }
        return PROCESS_CONTINUE;
      }
    });
    return found[0];
  }

  private boolean holdsOnlyPrivate(IField field) {
    boolean[] ok = {true};
    ctx.ast().accept(new ASTVisitor() {
      {
        shouldVisitExpressions = true;
      }

      @Override
      public int visit(IASTExpression e) {
        if (e instanceof IASTFieldReference r && ctx.inFile(r) && field.equals(r.getFieldName().resolveBinding())) {
          ok[0] = staysPrivate(r);
        }
        return ok[0] ? PROCESS_CONTINUE : PROCESS_ABORT;
      }
    });
    return ok[0];
  }

  /** One use of a scratch struct's field: see {@link #scratchFieldHoldsPrivate}. */
  private boolean staysPrivate(IASTFieldReference r) {
    if (SyntaxWalk.isAssignedTo(r)) {
      IASTNode rhs = ((IASTBinaryExpression) r.getParent()).getOperand2();
      String v = rhs == null || !ctx.inFile(rhs) ? "" : CriticalSections.key(ctx.textOf(rhs));
      java.util.regex.Matcher call = Regex.of("^([A-Za-z_]\\w*)\\(").matcher(v);
      return v.equals("NULL") || v.equals("0") || v.equals("nullptr")
          || call.find() && (isConstructor(call.group(1)) || returnsFresh(call.group(1)));
    }
    if (SyntaxWalk.comparedOnly(r)) {
      return true;
    }
    IASTFunctionDefinition fn = FileModel.enclosingFunction(r);
    if (fn == null) {
      return false;
    }
    String text = CriticalSections.key(ctx.textOf(r));
    int offset = ctx.start(r);
    if (r.getNodeLocations().length > 0 && r.getNodeLocations()[0] instanceof IASTMacroExpansionLocation) {
      // inside a macro's expansion (Py_CLEAR(st->list)): the macro's text is all the file shows
      String field = r.getFieldName().toString();
      for (CallSite c : ctx.callsIn(fn)) {
        if (c.start() == offset) {
          return NON_ESCAPING.contains(c.name()) && c.args().size() == 1
              && Regex.matches("[A-Za-z_]\\w*(->|\\.)" + java.util.regex.Pattern.quote(field), CriticalSections.key(c.arg(0)));
        }
      }
      return false;
    }
    CallSite inner = null;
    int argIndex = -1;
    for (CallSite c : ctx.callsIn(fn)) {
      for (int i = 0; i < c.args().size(); i++) {
        CallSite.Arg a = c.args().get(i);
        if (offset >= a.start() && offset < a.end() && (inner == null || c.start() >= inner.start())) {
          inner = c;
          argIndex = i;
        }
      }
    }
    if (inner == null || !CriticalSections.key(inner.args().get(argIndex).text()).equals(text)) {
      return false; // not a whole argument: stored, returned, or part of a bigger expression
    }
    if (NON_ESCAPING.contains(inner.name()) || READ_ONLY_ARGUMENTS.getOrDefault(inner.name(), -1) == argIndex) {
      return true;
    }
    if (argIndex == 0 && CONTAINER_API_PREFIXES.stream().anyMatch(inner.name()::startsWith)) {
      return true; // the container the call works on (filled, read, sorted), not handed anywhere
    }
    IASTFunctionDefinition callee = ctx.callGraph().function(inner.name());
    return callee != null && !parameterEscapes(callee, argIndex);
  }

  /**
   * C API calls that read a container argument during the call and keep no reference to it
   * (the argument's index): the result is a new object built from its items.
   */
  private static final Map<String, Integer> READ_ONLY_ARGUMENTS = Map.of(
      "PyUnicode_Join", 1, "PyObject_Length", 0, "PyObject_Size", 0, "PySequence_Size", 0,
      "PySequence_Length", 0);

  /**
   * Whether a parameter holds a container private to this call: the function is static, every
   * call of it is in this file ({@link DirectCallers}), each passes a container private to the
   * caller at the call, and the function does not let the parameter escape before {@code at}.
   */
  private boolean privateInEveryCaller(IASTFunctionDefinition fn, Origin o, int at, int depth) {
    String param = o.aliases.get(o.aliases.size() - 1);
    int index = facts(fn).parameters.indexOf(param);
    if (depth >= MAX_DEPTH || index < 0 || escapes(fn, param, ctx.start(fn), at)) {
      return false;
    }
    for (Span s : o.spans) {
      if (!Edits.isIdentifier(s.var) || escapes(fn, s.var, s.from, at)) {
        return false;   // an alias of the parameter handed on
      }
    }
    if (callers == null) {
      callers = new DirectCallers(ctx);
    }
    List<CallSite> calls = callers.allCallsOf(fn);
    if (calls == null) {
      return false;
    }
    for (CallSite c : calls) {
      if (c.function() == null || c.arg(index) == null
          || !isPrivate(c.function(), CriticalSections.key(c.arg(index)), c.start(), depth + 1)) {
        return false;
      }
    }
    return true;
  }

  private DirectCallers callers;

  /**
   * Whether a span names a field of a local struct variable ({@code st.list}, where
   * {@code struct state st;} is declared in the function, not static) that has not escaped:
   * the struct itself is never used whole (its address taken, passed, copied) and the field is
   * used only as a container argument or a NULL test, as a variable would be.
   */
  private boolean privateField(IASTFunctionDefinition fn, Span s, int at) {
    java.util.regex.Matcher m = LOCAL_FIELD.matcher(s.var);
    if (!m.matches() || !localStruct(fn, m.group(1))) {
      return false;
    }
    String base = m.group(1);
    String field = m.group(2);
    for (IASTIdExpression id : facts(fn).uses.getOrDefault(base, List.of())) {
      int offset = ctx.nameOffset(id.getName());
      if (offset < s.from || offset >= at) {
        continue;
      }
      if (!(id.getParent() instanceof IASTFieldReference ref) || ref.isPointerDereference()
          || ref.getFieldOwner() != id) {
        if (Flow.reaches(ctx, id, at)) {
          return false; // the whole struct is used: its address or a copy may carry the field away
        }
        continue;
      }
      if (!ref.getFieldName().toString().equals(field) || SyntaxWalk.comparedOnly(ref) || SyntaxWalk.isAssignedTo(ref)
          || !Flow.reaches(ctx, id, at)) {
        continue;
      }
      if (!usedAsContainerArgument(fn, offset)) {
        return false;
      }
    }
    return true;
  }

  private static final java.util.regex.Pattern LOCAL_FIELD =
      java.util.regex.Pattern.compile("([A-Za-z_]\\w*)\\.([A-Za-z_]\\w*)");

  /** Whether a name is a struct variable declared in the function (not static, not a pointer, not an array). */
  private boolean localStruct(IASTFunctionDefinition fn, String name) {
    for (IASTSimpleDeclaration d : SyntaxWalk.localDeclarations(ctx, fn)) {
      for (IASTDeclarator decl : d.getDeclarators()) {
        if (decl.getName() != null && decl.getName().toString().equals(name)) {
          return decl.getPointerOperators().length == 0 && !(decl instanceof IASTArrayDeclarator)
              && d.getDeclSpecifier().getStorageClass() != IASTDeclSpecifier.sc_static
              && d.getDeclSpecifier().getStorageClass() != IASTDeclSpecifier.sc_extern
              && !Regex.matches("(?s).*\\b(_Thread_local|__thread|thread_local)\\b.*", ctx.textOf(d.getDeclSpecifier()));
        }
      }
    }
    return false;
  }

  /**
   * Whether the container at an offset is a tuple, which never changes: the positional-arguments
   * tuple, made by a tuple maker ({@code PyTuple_New}, {@code PySequence_Tuple}, ...), or checked
   * with {@code PyTuple_Check}/{@code PyTuple_CheckExact} on the way (inside
   * {@code if (PyTuple_Check(x)) {...}}, or after {@code if (!PyTuple_Check(x)) return ...;}).
   */
  public boolean isTuple(IASTFunctionDefinition fn, String expr, int at) {
    Origin o = resolve(fn, expr, at);
    if (o.tuple()) {
      return true;
    }
    for (String alias : o.aliases()) {
      if (checkedAsTuple(fn, alias, at)) {
        return true;
      }
    }
    return false;
  }

  private boolean checkedAsTuple(IASTFunctionDefinition fn, String var, int at) {
    java.util.regex.Pattern check = Regex.of(
        "(!?)\\s*PyTuple_Check(?:Exact)?\\s*\\(\\s*" + java.util.regex.Pattern.quote(var) + "\\s*\\)");
    boolean[] found = new boolean[1];
    fn.accept(new ASTVisitor() {
      {
        shouldVisitStatements = true;
      }

      @Override
      public int visit(org.eclipse.cdt.core.dom.ast.IASTStatement st) {
        if (found[0]) {
          return PROCESS_ABORT;
        }
        if (st instanceof IASTIfStatement ifs && ctx.inFile(ifs) && ifs.getConditionExpression() != null) {
          String cond = ctx.textOf(ifs.getConditionExpression()).strip();
          java.util.regex.Matcher m = check.matcher(cond);
          if (!m.find() || cond.contains("||") || m.start() != 0 && !cond.contains("&&")) {
            return PROCESS_CONTINUE;
          }
          boolean negated = !m.group(1).isEmpty();
          IASTNode then = ifs.getThenClause();
          if (!negated && then != null && ctx.start(then) <= at && at < ctx.end(then)) {
            found[0] = true;
          } else if (negated && !cond.contains("&&") && ctx.end(ifs) <= at && ifs.getElseClause() == null
              && then != null && leaves(then) && ifs.getParent() != null && ctx.end(ifs.getParent()) > at) {
            found[0] = true;
          }
        }
        return PROCESS_CONTINUE;
      }
    });
    return found[0];
  }

  /** Whether a branch always leaves: it ends with a return or goto. */
  private boolean leaves(IASTNode then) {
    String t = Regex.replaceAll(ctx.textOf(then).strip(), "[\\s}]+$", "");
    return Regex.matches("(?s).*\\b(return\\b[^;]*|goto\\s+\\w+|Py_RETURN_\\w+(\\(\\))?)\\s*;?$", t);
  }

  /**
   * Whether a variable may have become visible to other code between two offsets: any use other
   * than as the container of a container API call, a reference-count macro, or a NULL test.
   */
  public boolean escapes(IASTFunctionDefinition fn, String var, int from, int to) {
    for (IASTIdExpression id : facts(fn).uses.getOrDefault(var, List.of())) {
      int offset = ctx.nameOffset(id.getName());
      if (offset < from || offset >= to || SyntaxWalk.comparedOnly(id) || SyntaxWalk.isAssignedTo(id)
          || !Flow.reaches(ctx, id, to)) {   // a use on a path that leaves first publishes nothing
        continue;
      }
      if (!usedAsContainerArgument(fn, offset)) {
        return true;
      }
    }
    return false;
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
    if (callee != null && Regex.matches("[A-Za-z_]\\w*", inner.args().get(argIndex).text())) {
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
        || Regex.of("\\breturn\\s+\\(?\\s*" + java.util.regex.Pattern.quote(p) + "\\b")
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
