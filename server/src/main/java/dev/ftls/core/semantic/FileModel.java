package dev.ftls.core.semantic;

import dev.ftls.core.config.ProjectFacts;
import dev.ftls.core.config.Target;
import dev.ftls.core.kb.KnowledgeBase;
import dev.ftls.core.parse.CompileFlags;
import dev.ftls.core.parse.Deadline;
import dev.ftls.core.parse.HeaderMacros;
import dev.ftls.core.parse.NestedMacroReferences;
import dev.ftls.core.parse.ParsedFile;
import dev.ftls.core.source.SourceText;
import dev.ftls.core.source.Timings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTFileLocation;
import org.eclipse.cdt.core.dom.ast.IASTFunctionCallExpression;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTImageLocation;
import org.eclipse.cdt.core.dom.ast.IASTName;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTNodeLocation;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorIncludeStatement;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorMacroExpansion;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;

/**
 * The semantic model of one parsed file: its text and syntax tree, how it is compiled and for
 * which target, and the facts rules ask about its code (calls, functions, call graph, critical
 * sections, container origins, active branches, and any {@link #shared} per-file analysis),
 * each computed once, on first use. Rules see it through {@code FileModel}, which adds
 * reporting; fix planners use it directly.
 */
public class FileModel {
  private final ParsedFile parsed;
  private final KnowledgeBase kb;
  private final Target target;
  /**
   * What depends on the parse alone, shared by every model of it ({@link #alone}): a file's
   * project-index summary is made from the same parse as its findings, with no project facts.
   */
  private static final class OfTheParse {
    List<CallSite> calls;
    List<IASTFunctionDefinition> functions;
    java.util.Map<IASTFunctionDefinition, List<CallSite>> callsByFunction;
    final java.util.Map<CallSite, IASTNode> macroNodes = new java.util.HashMap<>();
    CallGraph callGraph;
    final java.util.Map<Class<?>, Object> facts = new java.util.HashMap<>();
  }

  private final OfTheParse ofTheParse;
  /** The model this one was made {@link #alone} from, or null. */
  private final FileModel madeFrom;
  private CriticalSections sections;
  private ContainerOrigins origins;
  private Conditionals conditionals;
  private final java.util.Map<Class<?>, Object> shared = new java.util.HashMap<>();

  private final CompileFlags flags;
  private final ProjectFacts facts;
  private String minimumPython;
  private Deadline deadline;
  private ProjectView project = ProjectView.NONE;

  public FileModel(ParsedFile parsed, KnowledgeBase kb, Target target) {
    this(parsed, kb, target, new CompileFlags(), ProjectFacts.NONE);
  }

  public FileModel(ParsedFile parsed, KnowledgeBase kb, Target target, CompileFlags flags, ProjectFacts facts) {
    this(parsed, kb, target, flags, facts, new OfTheParse(), null);
  }

  private FileModel(ParsedFile parsed, KnowledgeBase kb, Target target, CompileFlags flags, ProjectFacts facts,
      OfTheParse ofTheParse, FileModel madeFrom) {
    this.ofTheParse = ofTheParse;
    this.madeFrom = madeFrom;
    this.parsed = parsed;
    this.kb = kb;
    this.target = target;
    this.flags = flags;
    this.facts = facts;
  }

  /**
   * Sets the file's time budget: once it has passed, the next finding a rule reports (see {@code
   * FileModel}), or the next node or name it asks the position or text of (directly or through the shared facts), stops that rule with {@link TimeBudgetExceeded}. A rule
   * that loops over many nodes or findings thus stops soon after the budget, without checks of its
   * own.
   */
  public FileModel withDeadline(Deadline deadline) {
    this.deadline = deadline;
    return this;
  }

  /**
   * A model of the same parse with no project facts and no project view (what the file's
   * project-index summary is made from), which shares with this one what depends on the parse
   * alone: the calls, the functions, the call graph and the {@link #parseFact}s, computed once for
   * both. Used from one thread at a time, as this one.
   */
  public FileModel alone() {
    return new FileModel(parsed, kb, target, flags, ProjectFacts.NONE, ofTheParse, this);
  }

  /**
   * The shared fact that the model this one was made {@link #alone} from has built already, else
   * {@code own(this)}: for a fact of which this model needs only the parts the project does not
   * change.
   */
  public <T> T builtByTheAnalysisElse(Class<T> type, java.util.function.Function<FileModel, T> own) {
    Object built = madeFrom == null ? null : madeFrom.shared.get(type);
    return built != null ? type.cast(built) : own.apply(this);
  }

  /** Sets what the rest of the project says (the project index); {@link ProjectView#NONE} by default. */
  public FileModel withProject(ProjectView project) {
    this.project = project == null ? ProjectView.NONE : project;
    return this;
  }

  /** What the rest of the project says about names this file uses but does not define. */
  public ProjectView project() {
    return project;
  }

  /** Stops the running rule when the file's time budget has passed. */
  public void checkDeadline() {
    if (deadline != null && deadline.passed()) {
      throw new TimeBudgetExceeded(deadline.exceededReason());
    }
  }

  /** Sets the oldest Python the project supports ("3.9"), or null when unknown. */
  public FileModel withMinimumPython(String version) {
    this.minimumPython = version;
    return this;
  }

  /**
   * Whether a fix that introduces an API added in {@code since} must be wrapped in
   * {@code #if PY_VERSION_HEX >= ...}: unless the project's oldest supported Python has it.
   */
  public boolean needsVersionGuard(String since) {
    if (since == null || since.isBlank()) {
      return false;
    }
    if (minimumPython == null) {
      return true;
    }
    return compareVersions(minimumPython, since) < 0;
  }

  /** "#if PY_VERSION_HEX >= 0x030D0000" for "3.13". */
  public static String versionCheck(String since) {
    String[] p = since.split("\\.");
    int hex = (Integer.parseInt(p[0]) << 24) | (Integer.parseInt(p[1]) << 16);
    return String.format("#if PY_VERSION_HEX >= 0x%08X", hex);
  }

  private static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < 2; i++) {
      int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** How the file is compiled (-D, -I ...). */
  public CompileFlags flags() {
    return flags;
  }

  /** What the project's build files say. */
  public ProjectFacts facts() {
    return facts;
  }

  /** The #include directives written in this file (resolved or not), in order. */
  public List<IASTPreprocessorIncludeStatement> includes() {
    List<IASTPreprocessorIncludeStatement> out = new ArrayList<>();
    for (IASTPreprocessorIncludeStatement inc : ast().getIncludeDirectives()) {
      if (inFile(inc)) {
        out.add(inc);
      }
    }
    return out;
  }

  /** Whether this file includes a header of that file name (e.g. "pythoncapi_compat.h"). */
  public boolean includesHeader(String fileName) {
    for (IASTPreprocessorIncludeStatement inc : includes()) {
      String n = inc.getName().toString();
      if (n.equals(fileName) || n.endsWith("/" + fileName)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the target Python has an API added in {@code since} ("3.13"; null = always). */
  public boolean targetHas(String since) {
    if (since == null || since.isBlank()) {
      return true;
    }
    String[] p = since.split("\\.");
    try {
      return target.atLeast(Integer.parseInt(p[0]), p.length > 1 ? Integer.parseInt(p[1]) : 0);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  public SourceText source() {
    return parsed.source();
  }

  public String text() {
    return parsed.source().text();
  }

  /** The macros the file's headers define (with a memo per preamble; see {@link HeaderMacros}). */
  public HeaderMacros headerMacros() {
    return parsed.headerMacros();
  }

  public IASTTranslationUnit ast() {
    return parsed.ast();
  }

  public KnowledgeBase kb() {
    return kb;
  }

  public Target target() {
    return target;
  }

  /** Whether a node was written in this file (not in a header or the prelude). */
  public boolean inFile(IASTNode node) {
    IASTFileLocation loc = node == null ? null : node.getFileLocation();
    return loc != null && ast().getFilePath().equals(loc.getFileName());
  }

  public int start(IASTNode node) {
    checkDeadline();
    return node.getFileLocation().getNodeOffset();
  }

  public int end(IASTNode node) {
    IASTFileLocation l = node.getFileLocation();
    return l.getNodeOffset() + l.getNodeLength();
  }

  /** The source text of a node as written in this file. */
  public String textOf(IASTNode node) {
    return text().substring(start(node), end(node));
  }

  /**
   * Function definitions written in this file, in source order, including those inside C++
   * namespaces and {@code extern "C" { ... }} blocks.
   */
  public List<IASTFunctionDefinition> functions() {
    if (ofTheParse.functions == null) {
      List<IASTFunctionDefinition> out = new ArrayList<>();
      collectFunctions(ast().getDeclarations(), out);
      ofTheParse.functions = List.copyOf(out);
    }
    return ofTheParse.functions;
  }

  private void collectFunctions(IASTDeclaration[] decls, List<IASTFunctionDefinition> out) {
    for (IASTDeclaration d : decls) {
      if (d instanceof IASTFunctionDefinition fn && inFile(fn)) {
        out.add(fn);
      } else if (d instanceof org.eclipse.cdt.core.dom.ast.cpp.ICPPASTNamespaceDefinition ns) {
        collectFunctions(ns.getDeclarations(), out);
      } else if (d instanceof org.eclipse.cdt.core.dom.ast.cpp.ICPPASTLinkageSpecification link) {
        collectFunctions(link.getDeclarations(), out);
      }
    }
  }

  /**
   * Whether the file is Python extension code at all: it includes a Python or binding header, or
   * calls a C API name ftls knows. Plain C files of a project (a bundled library, a test
   * program) are not checked.
   */
  public boolean usesPython() {
    for (IASTPreprocessorIncludeStatement inc : includes()) {
      String n = inc.getName().toString();
      if (n.contains("Python") || n.contains("pybind11") || n.contains("nanobind") || n.contains("pythoncapi")) {
        return true;
      }
    }
    for (CallSite c : calls()) {
      if (!c.macro() && kb.get(c.name()).isPresent()) {
        return true;
      }
      if (c.macro() && c.name().startsWith("Py")) {
        return true;
      }
    }
    return false;
  }

  /** Every call of a function or function-like macro written in this file, in source order. */
  public List<CallSite> calls() {
    if (ofTheParse.calls == null) {
      try (Timings.Span span = Timings.start("facts: calls")) {
        ofTheParse.calls = List.copyOf(collectCalls());
      }
    }
    return ofTheParse.calls;
  }

  /** Which functions of this file call which. */
  public CallGraph callGraph() {
    if (ofTheParse.callGraph == null) {
      try (Timings.Span span = Timings.start("facts: CallGraph")) {
        ofTheParse.callGraph = new CallGraph(this);
      }
    }
    return ofTheParse.callGraph;
  }

  /** The critical sections of this file and what they lock (computed once, shared by rules). */
  public CriticalSections sections() {
    if (sections == null) {
      try (Timings.Span span = Timings.start("facts: CriticalSections")) {
        sections = new CriticalSections(this);
      }
    }
    return sections;
  }

  /** Where containers come from and whether they are private (shared by rules). */
  public ContainerOrigins containerOrigins() {
    if (origins == null) {
      try (Timings.Span span = Timings.start("facts: ContainerOrigins")) {
        origins = new ContainerOrigins(this);
      }
    }
    return origins;
  }

  /** The active preprocessor conditional branches of this file. */
  public Conditionals conditionals() {
    if (conditionals == null) {
      try (Timings.Span span = Timings.start("facts: Conditionals")) {
        conditionals = new Conditionals(this);
      }
    }
    return conditionals;
  }

  /**
   * A per-file analysis that several rules use (e.g. the writes to global variables), built once
   * by the first rule that asks for it and then shared.
   */
  public <T> T shared(Class<T> type, java.util.function.Function<FileModel, T> build) {
    return built(shared, type, build);
  }

  /**
   * A shared fact that depends on the parse alone (not on the project's facts or view, nor on
   * what a rule's context adds): built once for this model and the models {@link #alone} makes.
   */
  public <T> T parseFact(Class<T> type, java.util.function.Function<FileModel, T> build) {
    return built(ofTheParse.facts, type, build);
  }

  private <T> T built(java.util.Map<Class<?>, Object> in, Class<T> type, java.util.function.Function<FileModel, T> build) {
    Object v = in.get(type);
    if (v == null) {
      try (Timings.Span span = Timings.start("facts: " + type.getSimpleName())) {
        v = build.apply(this);
      }
      in.put(type, v);
    }
    return type.cast(v);
  }

  /** The calls inside one function, in source order. */
  public List<CallSite> callsIn(IASTFunctionDefinition fn) {
    if (ofTheParse.callsByFunction == null) {
      java.util.Map<IASTFunctionDefinition, List<CallSite>> m = new java.util.IdentityHashMap<>();
      for (CallSite c : calls()) {
        if (c.function() != null) {
          m.computeIfAbsent(c.function(), k -> new ArrayList<>()).add(c);
        }
      }
      ofTheParse.callsByFunction = m;
    }
    return ofTheParse.callsByFunction.getOrDefault(fn, List.of());
  }

  /**
   * The AST node of a call: the call expression, or for a macro call the node its expansion
   * produced (looked up on demand: the node selector is too slow to ask for every expansion).
   */
  public IASTNode nodeOf(CallSite c) {
    checkDeadline();
    if (c.node() != null) {
      return c.node();
    }
    return ofTheParse.macroNodes.computeIfAbsent(c,
        k -> ast().getNodeSelector(null).findEnclosingNodeInExpansion(k.start(), k.end() - k.start()));
  }

  /** The function definition of this file that contains an offset, or null. */
  private IASTFunctionDefinition functionAt(int offset) {
    List<IASTFunctionDefinition> fns = functions();
    int lo = 0;
    int hi = fns.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      IASTFunctionDefinition fn = fns.get(mid);
      if (offset < start(fn)) {
        hi = mid - 1;
      } else if (offset >= end(fn)) {
        lo = mid + 1;
      } else {
        return fn;
      }
    }
    return null;
  }

  public static IASTFunctionDefinition enclosingFunction(IASTNode node) {
    for (IASTNode n = node; n != null; n = n.getParent()) {
      if (n instanceof IASTFunctionDefinition fn) {
        return fn;
      }
    }
    return null;
  }

  private List<CallSite> collectCalls() {
    List<CallSite> out = new ArrayList<>();
    NestedMacroReferences nested = null; // every expansion's, found at the first need
    String path = ast().getFilePath();
    for (IASTPreprocessorMacroExpansion e : ast().getMacroExpansions()) {
      IASTFileLocation loc = e.getFileLocation();
      if (loc == null || !path.equals(loc.getFileName())) {
        continue;
      }
      String name = e.getMacroReference().toString();
      int start = loc.getNodeOffset();
      int end = start + loc.getNodeLength();
      // the macro's binding knows its kind: asking for its definition node makes CDT map every
      // macro definition of the file and its headers to its binding first
      boolean fnStyle = e.getMacroReference().getBinding() instanceof org.eclipse.cdt.core.dom.ast.IMacroBinding m
          && m.isFunctionStyle();
      List<CallSite.Arg> args = fnStyle ? splitArgs(start + name.length(), end, new int[1]) : List.of();
      out.add(new CallSite(name, start, end, start + name.length(), args, null, functionAt(start), true));
      if (fnStyle && text().indexOf('(', start + name.length() + 1) < end - 1) {
        if (nested == null) {
          nested = NestedMacroReferences.of(ast());
        }
        addMacrosInArguments(nested.in(e), out); // only when an argument itself calls something
      }
    }
    ast().accept(
        new ASTVisitor(true) {
          @Override
          public int visit(IASTExpression expr) {
            if (expr instanceof IASTFunctionCallExpression call
                && call.getFunctionNameExpression() instanceof IASTIdExpression id) {
              int nameStart = nameOffset(id.getName());
              if (nameStart >= 0) {
                String name = id.getName().toString();
                int nameEnd = nameStart + name.length();
                int[] end = new int[1];
                List<CallSite.Arg> args = splitArgs(nameEnd, text().length(), end);
                out.add(new CallSite(name, nameStart, end[0], nameEnd, args, call, enclosingFunction(call), false));
              }
            }
            return PROCESS_CONTINUE;
          }
        });
    out.sort(Comparator.comparingInt(CallSite::start).thenComparing(c -> -c.end()));
    return out;
  }

  /**
   * Adds the function-like macros called in the arguments of a macro call, e.g. PyList_GET_ITEM in
   * {@code Py_NewRef(PyList_GET_ITEM(l, 0))} when Py_NewRef is a macro (CDT lists only the outer
   * expansion).
   */
  private void addMacrosInArguments(List<IASTName> nestedReferences, List<CallSite> out) {
    for (IASTName n : nestedReferences) {
      IASTImageLocation img = n.getImageLocation();
      if (img == null || img.getLocationKind() != IASTImageLocation.ARGUMENT_TO_MACRO_EXPANSION
          || !ast().getFilePath().equals(img.getFileName())) {
        continue;
      }
      String name = n.toString();
      int after = img.getNodeOffset() + name.length();
      while (after < text().length() && Character.isWhitespace(text().charAt(after))) {
        after++;
      }
      if (after >= text().length() || text().charAt(after) != '(') {
        continue; // an object-like macro (resolving the binding to ask is slow on big files)
      }
      int start = img.getNodeOffset();
      int[] end = new int[1];
      List<CallSite.Arg> args = splitArgs(start + name.length(), text().length(), end);
      if (!args.isEmpty() || end[0] > start + name.length()) {
        out.add(new CallSite(name, start, end[0], start + name.length(), args, null, functionAt(start), true));
      }
    }
  }

  /**
   * Where a name is spelled in this file: in regular code or in the argument of a macro call
   * ({@code Py_NewRef(PyList_GetItem(l, 0))} with real headers). -1 when the name comes from a
   * macro's definition or another file.
   */
  public int nameOffset(IASTName name) {
    checkDeadline(); // CDT's image locations inside large macro expansions are slow to compute
    IASTNodeLocation[] locs = name.getNodeLocations(); // kept by the node once asked
    if (locs.length == 1 && locs[0] instanceof IASTFileLocation f) {
      // regular code: its image is where it stands (CDT would make the same location anew)
      return ast().getFilePath().equals(f.getFileName()) ? f.getNodeOffset() : -1;
    }
    IASTImageLocation img = name.getImageLocation();
    if (img != null) {
      boolean here = ast().getFilePath().equals(img.getFileName())
          && img.getLocationKind() != IASTImageLocation.MACRO_DEFINITION;
      return here ? img.getNodeOffset() : -1;
    }
    return -1;
  }

  /**
   * Splits "(a, f(b, c), d)" that opens at or after {@code from} into top-level arguments; stores
   * the offset after the closing parenthesis in {@code closeOut[0]}.
   */
  private List<CallSite.Arg> splitArgs(int from, int end, int[] closeOut) {
    String t = text();
    closeOut[0] = from;
    int open = from;
    while (open < end && Character.isWhitespace(t.charAt(open))) {
      open++;
    }
    if (open >= end || t.charAt(open) != '(') {
      return List.of();
    }
    List<CallSite.Arg> args = new ArrayList<>();
    int depth = 0;
    int argStart = open + 1;
    for (int i = open + 1; i < end; i++) {
      char c = t.charAt(i);
      if (c == '"' || c == '\'') {
        int q = i + 1;
        while (q < end && t.charAt(q) != c) {
          q += t.charAt(q) == '\\' ? 2 : 1;
        }
        i = q;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        if (depth == 0) {
          addArg(args, argStart, i);
          closeOut[0] = i + 1;
          break;
        }
        depth--;
      } else if (c == ',' && depth == 0) {
        addArg(args, argStart, i);
        argStart = i + 1;
      }
    }
    return args;
  }

  private void addArg(List<CallSite.Arg> args, int s, int e) {
    String raw = text().substring(s, e);
    String trimmed = raw.strip();
    if (trimmed.isEmpty() && args.isEmpty()) {
      return;
    }
    int lead = raw.indexOf(trimmed.isEmpty() ? raw : trimmed);
    args.add(new CallSite.Arg(trimmed, s + Math.max(0, lead), s + Math.max(0, lead) + trimmed.length()));
  }
}
