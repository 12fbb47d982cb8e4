package dev.ftls.core.semantic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTArrayDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTArraySubscriptExpression;
import org.eclipse.cdt.core.dom.ast.IASTBinaryExpression;
import org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTElaboratedTypeSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTFieldReference;
import org.eclipse.cdt.core.dom.ast.IASTFunctionCallExpression;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTIfStatement;
import org.eclipse.cdt.core.dom.ast.IASTInitializerClause;
import org.eclipse.cdt.core.dom.ast.IASTLiteralExpression;
import org.eclipse.cdt.core.dom.ast.IASTName;
import org.eclipse.cdt.core.dom.ast.IASTNamedTypeSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTUnaryExpression;
import org.eclipse.cdt.core.dom.ast.IBinding;
import org.eclipse.cdt.core.dom.ast.IProblemBinding;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IArrayType;
import org.eclipse.cdt.core.dom.ast.IVariable;
import org.eclipse.cdt.core.dom.ast.cpp.ICPPASTCompositeTypeSpecifier;
import org.eclipse.cdt.core.dom.ast.cpp.ICPPASTLambdaExpression;
import org.eclipse.cdt.core.dom.ast.cpp.ICPPASTNamespaceDefinition;

/**
 * The variables of a file that every thread shares (file-scope and function-static variables)
 * and every write to them inside the file's functions (assignment, compound assignment,
 * {@code ++}/{@code --}, also through {@code Py_CLEAR}/{@code Py_SETREF}, on the variable, an
 * element of a global array, or a member of a global struct), each with the reason it is safe
 * when it is: the variable is atomic, thread-local or const, the write runs in a serialized
 * function (see {@link SerializedFunctions}), or a lock is held (see {@link HeldLocks}). A write
 * inside {@code if (var == NULL) { ... }} also knows that check: it is a lazily filled cache.
 */
public final class GlobalWrites {
  private static final Pattern ATOMIC = Pattern.compile("(?i)atomic");
  private static final Pattern THREAD_LOCAL = Pattern.compile(
      "(?i)thread_local|\\b__thread\\b|__declspec\\s*\\(\\s*thread\\s*\\)|\\b\\w*_TLS\\b|\\bTLS\\b");
  private static final Pattern OBJECT_TYPE = Pattern.compile("Py\\w*Object|_object");
  private static final Set<String> NULL_TEXTS = Set.of("NULL", "0", "nullptr", "((void*)0)", "((void *)0)");

  /**
   * A shared variable.
   *
   * @param exemption why writes to it are safe by declaration ("atomic", "thread-local",
   *     "const"), or null
   */
  public record Variable(String name, IASTDeclarator declarator, boolean functionStatic,
      boolean objectPointer, String exemption, boolean object) {
    /** Whether another file defines it (the project index says so): no declarator here. */
    public boolean definedElsewhere() {
      return declarator == null;
    }
  }

  /**
   * One write: where the name it goes through stands (the variable's, or the pointer's that
   * holds its address), the function, the innermost enclosing {@code if (var == NULL)} check
   * (null when none) with the variable's name in that condition, why the write is safe (null
   * when nothing protects it), and how it reaches the variable when not by its name ("through
   * the pointer 'p'", "memcpy fills it"; null for a direct write).
   */
  public record Write(Variable var, int start, int end, IASTFunctionDefinition function,
      IASTIfStatement lazyCheck, IASTName lazyName, String protection, String via) {}

  private final Map<String, List<Variable>> byName = new HashMap<>();
  /** File-scope variables other files can see (not static, not extern): the project index's globals. */
  private final List<Variable> exported = new ArrayList<>();
  /** Variables another file defines, written here through a header's extern declaration. */
  private final Map<String, Variable> elsewhere = new HashMap<>();
  private final List<Write> writes = new ArrayList<>();

  private final FileModel ctx;

  private GlobalWrites(FileModel ctx) {
    this.ctx = ctx;
    collectFileScope(ctx, ctx.ast().getDeclarations());
    for (IASTFunctionDefinition fn : ctx.functions()) {
      collectFunctionStatics(ctx, fn);
    }
    if (byName.isEmpty() && !ctx.project().indexed()) {
      return;
    }
    SerializedFunctions serialized = SerializedFunctions.of(ctx);
    HeldLocks locks = HeldLocks.of(ctx);
    for (IASTFunctionDefinition fn : ctx.functions()) {
      collectWrites(ctx, fn, serialized, locks);
    }
  }

  /** The facts of a file, computed once per file. */
  public static GlobalWrites of(FileModel ctx) {
    return ctx.shared(GlobalWrites.class, GlobalWrites::new);
  }

  /**
   * The facts a project-index summary reads, which do not depend on the project: the exported
   * variables, and of the writes those to the file's own variables (not {@link
   * Variable#definedElsewhere}), their places, functions and variables (not their protections,
   * which held locks and serialized functions of other files change). The analysis's own when the
   * model was made alone from it and it built them (its writes to other files' globals are there
   * too, for the summary to leave out), else computed for this model.
   */
  public static GlobalWrites forSummary(FileModel ctx) {
    return ctx.builtByTheAnalysisElse(GlobalWrites.class, GlobalWrites::of);
  }

  /** The file-scope variables of this file that other files can see (neither static nor extern). */
  public List<Variable> exported() {
    return exported;
  }

  /** Every write to a shared variable in the file's functions, in source order. */
  public List<Write> writes() {
    return writes;
  }

  // ---- the variables ----

  private void collectFileScope(FileModel ctx, IASTDeclaration[] decls) {
    for (IASTDeclaration d : decls) {
      if (d instanceof ICPPASTNamespaceDefinition ns) {
        collectFileScope(ctx, ns.getDeclarations());
      } else if (d instanceof IASTSimpleDeclaration sd && ctx.inFile(sd)) {
        addVariables(ctx, sd, false);
        if (sd.getDeclSpecifier() instanceof ICPPASTCompositeTypeSpecifier cls) {
          addStaticMembers(ctx, cls);
        }
      }
    }
  }

  /** The static data members of a C++ class ({@code struct S { static int n; };}): one object per program. */
  private void addStaticMembers(FileModel ctx, ICPPASTCompositeTypeSpecifier cls) {
    for (IASTDeclaration m : cls.getMembers()) {
      if (m instanceof IASTSimpleDeclaration sd && ctx.inFile(sd)
          && sd.getDeclSpecifier().getStorageClass() == IASTDeclSpecifier.sc_static) {
        addVariables(ctx, sd, false);
      }
    }
  }

  private void collectFunctionStatics(FileModel ctx, IASTFunctionDefinition fn) {
    for (IASTSimpleDeclaration sd : SyntaxWalk.localDeclarations(ctx, fn)) {
      if (sd.getDeclSpecifier().getStorageClass() == IASTDeclSpecifier.sc_static) {
        addVariables(ctx, sd, true);
      }
    }
  }

  private void addVariables(FileModel ctx, IASTSimpleDeclaration sd, boolean functionStatic) {
    IASTDeclSpecifier spec = sd.getDeclSpecifier();
    if (spec.getStorageClass() == IASTDeclSpecifier.sc_typedef) {
      return;
    }
    for (IASTDeclarator top : sd.getDeclarators()) {
      IASTDeclarator d = innermost(top);
      if (top instanceof IASTFunctionDeclarator && top.getNestedDeclarator() == null) {
        continue; // a function declaration
      }
      String name = d.getName().toString();
      int at = ctx.nameOffset(d.getName());
      if (name.isEmpty() || at < 0) {
        continue;
      }
      String prefix = ctx.text().substring(lineStart(ctx.text(), ctx.start(sd)), at);
      String exemption = null;
      if (THREAD_LOCAL.matcher(prefix).find()) {
        exemption = "thread-local";
      } else if (ATOMIC.matcher(prefix).find()) {
        exemption = "atomic";
      } else if ((spec.isConst() || prefix.matches("(?s).*\\bconstexpr\\b.*")) && top.getPointerOperators().length == 0) {
        exemption = "const";
      }
      boolean objectPointer = top.getPointerOperators().length > 0 && OBJECT_TYPE.matcher(typeName(spec)).matches();
      boolean object = top.getPointerOperators().length == 0 && !(d instanceof IASTArrayDeclarator)
          && !(top instanceof IASTArrayDeclarator) && !(spec instanceof IASTSimpleDeclSpecifier);
      Variable v = new Variable(name, d, functionStatic, objectPointer, exemption, object);
      byName.computeIfAbsent(name, k -> new ArrayList<>()).add(v);
      if (!functionStatic && spec.getStorageClass() != IASTDeclSpecifier.sc_static
          && spec.getStorageClass() != IASTDeclSpecifier.sc_extern) {
        exported.add(v);
      }
    }
  }

  /**
   * Where the declaration's line begins, or the end of what precedes it there: a qualifier that
   * is an empty macro ({@code Py_THREAD_LOCAL int depth;}) stands before the node's own start.
   */
  private static int lineStart(String text, int start) {
    int i = start;
    while (i > 0 && "\n;{}".indexOf(text.charAt(i - 1)) < 0) {
      i--;
    }
    return i;
  }

  private static IASTDeclarator innermost(IASTDeclarator d) {
    IASTDeclarator cur = d;
    while (cur.getNestedDeclarator() != null) {
      cur = cur.getNestedDeclarator();
    }
    return cur;
  }

  private static String typeName(IASTDeclSpecifier spec) {
    if (spec instanceof IASTNamedTypeSpecifier n) {
      return n.getName().toString();
    }
    if (spec instanceof IASTElaboratedTypeSpecifier e) {
      return e.getName().toString();
    }
    return "";
  }

  // ---- the writes ----

  private void collectWrites(FileModel ctx, IASTFunctionDefinition fn, SerializedFunctions serialized, HeldLocks locks) {
    if (fn.getBody() == null) {
      return;
    }
    String fnProtection = serialized.contains(fn)
        ? (serialized.rootReason(fn) != null ? "written during " + serialized.rootReason(fn)
            : "only called during initialization or with a lock held")
        : null;
    new FunctionWrites(ctx, fn, fnProtection, locks).collect();
    writes.sort((a, b) -> Integer.compare(a.start(), b.start()));
  }

  /** Member functions that change a standard container, string or smart pointer they are called on. */
  private static final Set<String> MUTATORS = Set.of(
      "push_back", "push_front", "pop_back", "pop_front", "emplace", "emplace_back", "emplace_front",
      "emplace_hint", "insert", "insert_or_assign", "try_emplace", "erase", "clear", "resize", "assign",
      "append", "swap", "merge", "splice", "reset", "remove", "remove_if", "unique", "sort", "push", "pop");

  /** The writes of one function body. */
  private final class FunctionWrites {
    private final FileModel ctx;
    private final IASTFunctionDefinition fn;
    private final String fnProtection;
    private final HeldLocks locks;
    private Map<IBinding, IASTExpression> aliases;
    /** How many pointers deep {@link #throughPointer} is: a pointer set to another is followed once. */
    private int depth;

    FunctionWrites(FileModel ctx, IASTFunctionDefinition fn, String fnProtection, HeldLocks locks) {
      this.ctx = ctx;
      this.fn = fn;
      this.fnProtection = fnProtection;
      this.locks = locks;
    }

    void collect() {
      IndirectWrites indirect = IndirectWrites.of(ctx);
      fn.getBody().accept(new ASTVisitor() {
        {
          shouldVisitExpressions = true;
        }

        @Override
        public int visit(IASTExpression e) {
          IASTExpression target = writeTarget(e);
          if (target != null) {
            IASTIdExpression id = rootVariable(target);
            Variable var = id == null ? null : resolve(id);
            if (var != null && (target == id || allowsElementWrite(target, var)) && !atomicMember(target)) {
              add(e, var, id, null);
            } else if (id == null) {
              throughPointer(e, IndirectWrites.pointerOf(target), null);
            }
          } else if (e instanceof IASTFunctionCallExpression call) {
            called(e, call, indirect);
          }
          return PROCESS_CONTINUE;
        }
      });
    }

    /** memcpy(global_buf, ...), global.insert(...), fill(&global) with fill writing through its pointer. */
    private void called(IASTExpression e, IASTFunctionCallExpression call, IndirectWrites indirect) {
      IASTExpression callee = stripBrackets(call.getFunctionNameExpression());
      IASTExpression buffer = IndirectWrites.filledBuffer(call);
      if (buffer != null) {
        address(e, buffer, "'" + ctx.textOf(callee).strip() + "' writes into it");
      } else if (callee instanceof IASTFieldReference f && !f.isPointerDereference()
          && MUTATORS.contains(f.getFieldName().getLastName().toString())) {
        IASTExpression owner = stripBrackets(f.getFieldOwner());
        IASTIdExpression id = rootVariable(owner);
        Variable var = id == null ? null : resolve(id);
        if (var != null && (owner == id ? var.object() : allowsElementWrite(owner, var)) && !atomicMember(owner)) {
          add(e, var, id, "'" + f.getFieldName() + "' changes it");
        }
      } else if (callee instanceof IASTIdExpression name) {
        String fname = name.getName().getLastName().toString();
        for (int i : indirect.outParameters(fname)) {
          if (i < call.getArguments().length && call.getArguments()[i] instanceof IASTExpression arg) {
            address(e, arg, "'" + fname + "' writes through the pointer it is given");
          }
        }
      }
    }

    /** A write to the place an address expression names: {@code &global}, {@code global_array + n}, an alias. */
    private void address(IASTExpression e, IASTExpression addr, String via) {
      IASTExpression base = IndirectWrites.addressBase(addr);
      if (base instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_amper) {
        IASTExpression place = stripBrackets(u.getOperand());
        IASTIdExpression id = rootVariable(place);
        Variable var = id == null ? null : resolve(id);
        if (var != null && (place == id || allowsElementWrite(place, var)) && !atomicMember(place)) {
          add(e, var, id, via);
        }
      } else if (base instanceof IASTIdExpression id) {
        Variable var = resolve(id);
        if (var != null && var.declarator() instanceof IASTArrayDeclarator) {
          add(e, var, id, via);
        } else if (var == null) {
          throughPointer(e, id, via);
        }
      } else if (base instanceof IASTFieldReference f && isArrayField(f)) {
        IASTIdExpression id = rootVariable(f);
        Variable var = id == null ? null : resolve(id);
        if (var != null && allowsElementWrite(f, var)) {
          add(e, var, id, via);
        }
      }
    }

    /** A write through a local pointer that only ever holds a global's address. */
    private void throughPointer(IASTExpression e, IASTIdExpression pointer, String via) {
      if (pointer == null) {
        return;
      }
      if (aliases == null) {
        aliases = IndirectWrites.aliases(ctx, fn);
      }
      IASTExpression addr = aliases.get(pointer.getName().resolveBinding());
      if (addr == null || depth > 1) {
        return;
      }
      int before = writes.size();
      depth++;
      address(e, addr, null);
      depth--;
      for (int i = before; i < writes.size(); i++) {
        Write w = writes.get(i);
        int at = ctx.nameOffset(pointer.getName());
        String how = "through the pointer '" + pointer.getName() + "'" + (via == null ? "" : ", " + via);
        writes.set(i, new Write(w.var(), at, at + pointer.getName().toString().length(), w.function(),
            w.lazyCheck(), w.lazyName(), w.protection(), how));
      }
    }

    private void add(IASTExpression e, Variable var, IASTIdExpression id, String via) {
      int at = ctx.nameOffset(id.getName());
      if (at < 0) {
        return;
      }
      String fromFunction = fnProtection != null && !inDeferredLambda(e) ? fnProtection : null;
      // where the write happens: the name may stand elsewhere (a pointer's initializer)
      int where = e.getFileLocation() != null && ctx.inFile(e) ? ctx.start(e) : at;
      String protection = var.exemption() != null ? "the variable is " + var.exemption()
          : fromFunction != null ? fromFunction
          : locks.heldAt(fn, where) ? "a lock is held" : null;
      IASTName[] lazyName = new IASTName[1];
      IASTIfStatement lazy = lazyCheck(e, fn, var.name(), lazyName);
      writes.add(new Write(var, at, at + id.getName().toString().length(), fn, lazy, lazyName[0], protection, via));
    }

    /**
     * Whether a node is inside a lambda that a binding library keeps to run later
     * ({@code m.def("f", [](int x) { ... })}): set-up code defines it, callers run it.
     */
    private boolean inDeferredLambda(IASTNode node) {
      for (IASTNode p = node.getParent(); p != null && p != fn; p = p.getParent()) {
        if (p instanceof ICPPASTLambdaExpression && p.getParent() instanceof IASTFunctionCallExpression call
            && stripBrackets(call.getFunctionNameExpression()) instanceof IASTFieldReference f
            && f.getFieldName().getLastName().toString().startsWith("def")) {
          return true;
        }
      }
      return false;
    }

    /** Whether a member on the way to the written place is declared atomic ({@code std::atomic<int> hits;}). */
    private boolean atomicMember(IASTExpression target) {
      for (IASTExpression cur = stripBrackets(target); cur != null; ) {
        if (cur instanceof IASTFieldReference f) {
          if (declaredAtomic(f.getFieldName().resolveBinding())) {
            return true;
          }
          cur = stripBrackets(f.getFieldOwner());
        } else if (cur instanceof IASTArraySubscriptExpression a) {
          cur = stripBrackets(a.getArrayExpression());
        } else {
          return false;
        }
      }
      return false;
    }

    private boolean declaredAtomic(IBinding b) {
      if (b == null || b instanceof IProblemBinding) {
        return false;
      }
      for (IASTName n : ctx.ast().getDeclarationsInAST(b)) {
        for (IASTNode p = n; p != null; p = p.getParent()) {
          if (p instanceof IASTSimpleDeclaration sd) {
            if (ATOMIC.matcher(sd.getDeclSpecifier().getRawSignature()).find()) {
              return true;
            }
            break;
          }
        }
      }
      return false;
    }

    private static boolean isArrayField(IASTFieldReference f) {
      IBinding b = f.getFieldName().resolveBinding();
      return b instanceof IVariable v && v.getType() instanceof IArrayType;
    }
  }

  /**
   * A name this file does not declare (its header's {@code extern} declaration is not part of the
   * file's parse) that another file of the project defines as a global variable.
   */
  private Variable definedElsewhere(IASTIdExpression id) {
    String name = id.getName().toString();
    if (!ctx.project().indexed()) {
      return null;
    }
    IBinding b = id.getName().resolveBinding();
    if (b != null && !(b instanceof IProblemBinding)) {
      return null; // something of this file (a local, a parameter, a function)
    }
    return elsewhere.computeIfAbsent(name, n -> {
      ProjectView.Global g = ctx.project().globalDefinedElsewhere(ctx.source().path(), n);
      return g == null ? null : new Variable(n, null, false, g.objectPointer(), g.exemption(), false);
    });
  }

  /** Element and member writes count for arrays, structs and C++ objects ({@code map[k] = v}), not through a pointer. */
  private static boolean allowsElementWrite(IASTExpression target, Variable var) {
    if (target instanceof IASTArraySubscriptExpression a) {
      return var.declarator() instanceof IASTArrayDeclarator || (var.definedElsewhere() && !var.objectPointer())
          || (var.object() && stripBrackets(a.getArrayExpression()) instanceof IASTIdExpression);
    }
    return target instanceof IASTFieldReference f && !f.isPointerDereference();
  }

  /** The expression written by an assignment or increment, or null. */
  static IASTExpression writeTarget(IASTExpression e) {
    if (e instanceof IASTBinaryExpression b && isAssignment(b.getOperator())) {
      return stripBrackets(b.getOperand1());
    }
    if (e instanceof IASTUnaryExpression u) {
      int op = u.getOperator();
      if (op == IASTUnaryExpression.op_prefixIncr || op == IASTUnaryExpression.op_prefixDecr
          || op == IASTUnaryExpression.op_postFixIncr || op == IASTUnaryExpression.op_postFixDecr) {
        return stripBrackets(u.getOperand());
      }
    }
    return null;
  }

  static boolean isAssignment(int op) {
    return op == IASTBinaryExpression.op_assign || op == IASTBinaryExpression.op_plusAssign
        || op == IASTBinaryExpression.op_minusAssign || op == IASTBinaryExpression.op_multiplyAssign
        || op == IASTBinaryExpression.op_divideAssign || op == IASTBinaryExpression.op_moduloAssign
        || op == IASTBinaryExpression.op_shiftLeftAssign || op == IASTBinaryExpression.op_shiftRightAssign
        || op == IASTBinaryExpression.op_binaryAndAssign || op == IASTBinaryExpression.op_binaryOrAssign
        || op == IASTBinaryExpression.op_binaryXorAssign;
  }

  static IASTExpression stripBrackets(IASTExpression e) {
    IASTExpression cur = e;
    while (cur instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_bracketedPrimary) {
      cur = u.getOperand();
    }
    return cur;
  }

  /** The variable at the root of {@code v}, {@code v[i]}, {@code v.f}, {@code v[i].f}; null otherwise. */
  private static IASTIdExpression rootVariable(IASTExpression target) {
    IASTExpression cur = target;
    while (true) {
      cur = stripBrackets(cur);
      if (cur instanceof IASTIdExpression id) {
        return id;
      } else if (cur instanceof IASTArraySubscriptExpression a) {
        cur = a.getArrayExpression();
      } else if (cur instanceof IASTFieldReference f && !f.isPointerDereference()) {
        cur = f.getFieldOwner();
      } else {
        return null;
      }
    }
  }

  private Variable resolve(IASTIdExpression id) {
    List<Variable> candidates = byName.get(id.getName().toString());
    if (candidates == null) {
      return definedElsewhere(id);
    }
    IBinding b = id.getName().resolveBinding();
    for (Variable v : candidates) {
      IBinding vb = v.declarator() == null ? null : v.declarator().getName().resolveBinding();
      if (b != null && b.equals(vb)) {
        return v;
      }
    }
    boolean unresolved = b == null || b instanceof IProblemBinding;
    return unresolved && candidates.size() == 1 ? candidates.get(0) : null;
  }

  // ---- lazy caches ----

  /** The innermost {@code if} whose condition tests {@code name} for NULL/zero and whose then-branch holds the node. */
  private static IASTIfStatement lazyCheck(IASTNode node, IASTFunctionDefinition fn, String name, IASTName[] nameOut) {
    IASTNode child = node;
    for (IASTNode p = node.getParent(); p != null && p != fn; p = p.getParent()) {
      if (p instanceof IASTIfStatement ifs && ifs.getThenClause() == child) {
        IASTName n = nullTestOf(ifs.getConditionExpression(), name);
        if (n != null) {
          nameOut[0] = n;
          return ifs;
        }
      }
      child = p;
    }
    return null;
  }

  /** The name node when {@code cond} is (or has an {@code &&} operand) {@code !name}, {@code name == NULL}, ... */
  private static IASTName nullTestOf(IASTExpression cond, String name) {
    IASTExpression e = stripBrackets(cond);
    if (e instanceof IASTFunctionCallExpression call && call.getArguments().length >= 1
        && call.getArguments()[0] instanceof IASTExpression inner
        && call.getFunctionNameExpression() instanceof IASTIdExpression f && isBranchHint(f.getName().toString())) {
      return nullTestOf(inner, name);
    }
    if (e instanceof IASTBinaryExpression b) {
      if (b.getOperator() == IASTBinaryExpression.op_logicalAnd) {
        IASTName l = nullTestOf(b.getOperand1(), name);
        return l != null ? l : nullTestOf(b.getOperand2(), name);
      }
      if (b.getOperator() == IASTBinaryExpression.op_equals) {
        IASTName l = nameIf(b.getOperand1(), name);
        if (l != null && isNull(b.getOperand2())) {
          return l;
        }
        IASTName r = nameIf(b.getOperand2(), name);
        return r != null && isNull(b.getOperand1()) ? r : null;
      }
    }
    if (e instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_not) {
      return nameIf(u.getOperand(), name);
    }
    return null;
  }

  /** NPY_UNLIKELY(x), unlikely(x), __builtin_expect(x, 0): a branch hint around a condition. */
  private static boolean isBranchHint(String fn) {
    return fn.toLowerCase(java.util.Locale.ROOT).contains("likely") || fn.equals("__builtin_expect");
  }

  private static IASTName nameIf(IASTExpression e, String name) {
    return stripBrackets(e) instanceof IASTIdExpression id && id.getName().toString().equals(name) ? id.getName() : null;
  }

  private static boolean isNull(IASTInitializerClause e) {
    if (e instanceof IASTLiteralExpression lit) {
      String v = String.valueOf(lit.getValue());
      return v.equals("0") || v.equals("nullptr");
    }
    String raw = e.getRawSignature().replace(" ", "");
    return NULL_TEXTS.contains(raw) || NULL_TEXTS.contains(e.getRawSignature().strip());
  }
}
