package dev.ftls.core.semantic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTBinaryExpression;
import org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTDoStatement;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTFieldReference;
import org.eclipse.cdt.core.dom.ast.IASTForStatement;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTName;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTStatement;
import org.eclipse.cdt.core.dom.ast.IASTTypeIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTUnaryExpression;
import org.eclipse.cdt.core.dom.ast.IASTWhileStatement;
import org.eclipse.cdt.core.dom.ast.IBinding;
import org.eclipse.cdt.core.dom.ast.IField;
import org.eclipse.cdt.core.dom.ast.IProblemBinding;

/**
 * The accesses, in the file's functions, to storage that threads share (static variables by
 * their binding, struct fields by their member binding) and that matters for mixing atomic and
 * plain access: storage whose address some atomic operation of the file takes, and variables
 * named in the loop conditions of thread routines and of functions that detach. Each is sorted as atomic (its address is
 * the pointer argument of an atomic operation: C11 {@code atomic_*}, GCC {@code __atomic_*} and
 * {@code __sync_*}, CPython's {@code _Py_atomic_*}, Windows {@code Interlocked*}) or plain (a
 * read, a write, or a read-modify-write), with why a plain one is safe when it is: the function
 * runs serialized ({@link SerializedFunctions}), a lock is held ({@link HeldLocks}), or, for a
 * field, the function creates or destroys the object. Storage declared atomic is left out: every
 * access to it is atomic.
 */
public final class AtomicAccesses {
  private static final Pattern ATOMIC_CALL = Pattern.compile(
      "(?:std::)?(?:atomic_\\w+|__atomic_\\w+|__sync_\\w+|__c11_atomic_\\w+|_Py_atomic_\\w+|_?Interlocked\\w+)");
  private static final Pattern DECLARED_ATOMIC = Pattern.compile("(?i)atomic");
  /** Type slots whose functions run on an object no other thread holds yet, or any more. */
  private static final Pattern LIFECYCLE_SLOT = Pattern.compile(
      "(?:Py_tp_|\\.tp_)(?:new|init|alloc|dealloc|finalize|del|free|clear|traverse)\\s*[,=]\\s*(?:\\([^)]*\\)\\s*)?&?\\s*(\\w+)");
  private static final Pattern LIFECYCLE_NAME = Pattern.compile(
      "(?i).*_(?:new|init|alloc|dealloc|finalize|del|free|clear|traverse|create|destroy)");

  /** How an access touches the storage. */
  public enum Kind { ATOMIC, READ, WRITE, READ_MODIFY_WRITE }

  /**
   * One access: the binding's name as written, where it stands, its function, how, and (for a
   * plain access) why it is safe, null when nothing makes it so.
   */
  public record Access(String name, int start, int end, IASTFunctionDefinition function, Kind kind,
      String atomicCall, String protection) {}

  /** The accesses of one piece of storage. */
  public record Storage(IBinding binding, boolean field, boolean isVolatile, List<Access> accesses) {
    public List<Access> atomic() {
      return accesses.stream().filter(a -> a.kind == Kind.ATOMIC).toList();
    }
  }

  private record AtomicArg(CallSite call, CallSite.Arg arg) {}

  private final Map<IBinding, Storage> storage = new LinkedHashMap<>();
  private final FileModel ctx;

  private AtomicAccesses(FileModel ctx) {
    this.ctx = ctx;
    List<AtomicArg> atomicArgs = new ArrayList<>();
    for (CallSite c : ctx.calls()) {
      if (c.function() != null && ATOMIC_CALL.matcher(c.name()).matches()) {
        for (CallSite.Arg a : c.args()) {
          atomicArgs.add(new AtomicArg(c, a));
        }
      }
    }
    Set<String> candidates = candidateNames(ctx, atomicArgs);
    if (candidates.isEmpty()) {
      return;
    }
    SerializedFunctions serialized = SerializedFunctions.of(ctx);
    HeldLocks locks = HeldLocks.of(ctx);
    Set<String> lifecycle = lifecycleFunctions(ctx);
    Map<IBinding, Boolean> excluded = new HashMap<>();
    for (IASTFunctionDefinition fn : ctx.functions()) {
      if (fn.getBody() == null) {
        continue;
      }
      String fnName = CallGraph.nameOf(fn);
      String fnProtection = serialized.contains(fn) ? "set-up code" : null;
      boolean fresh = lifecycle.contains(fnName) || LIFECYCLE_NAME.matcher(fnName).matches();
      fn.getBody().accept(new ASTVisitor() {
        {
          shouldVisitExpressions = true;
        }

        @Override
        public int visit(IASTExpression e) {
          IASTName name;
          boolean field;
          if (e instanceof IASTIdExpression id) {
            name = id.getName();
            field = false;
          } else if (e instanceof IASTFieldReference f) {
            name = f.getFieldName();
            field = true;
          } else {
            return PROCESS_CONTINUE;
          }
          if (!candidates.contains(name.toString())) {
            return PROCESS_CONTINUE; // resolving every name of a large file is too slow
          }
          IBinding b = name.resolveBinding();
          if (b == null || b instanceof IProblemBinding || (field ? !(b instanceof IField) : !SharedStorage.isStaticVariable(b))) {
            return PROCESS_CONTINUE;
          }
          int at = ctx.nameOffset(name);
          if (at < 0 || excluded.computeIfAbsent(b, k -> declaredAtomicOrLocal(k))) {
            return PROCESS_CONTINUE;
          }
          AtomicArg inAtomic = enclosingArg(atomicArgs, at);
          Kind kind;
          if (inAtomic != null) {
            if (!isTargetOf(inAtomic.arg, name.toString(), at)) {
              return PROCESS_CONTINUE; // an expected value, an operand
            }
            kind = Kind.ATOMIC;
          } else {
            kind = plainKind(e);
            if (kind == null) {
              return PROCESS_CONTINUE; // &x handed on, sizeof
            }
          }
          String protection = kind == Kind.ATOMIC ? null
              : fnProtection != null ? fnProtection
              : locks.heldAt(fn, at) ? "a lock is held"
              : field && fresh ? "the object is being created or destroyed" : null;
          storage.computeIfAbsent(b, k -> new Storage(k, field, isVolatile(k), new ArrayList<>()))
              .accesses().add(new Access(name.toString(), at, at + name.toString().length(), fn, kind,
                  inAtomic == null ? null : inAtomic.call.name(), protection));
          return PROCESS_CONTINUE;
        }
      });
    }
  }

  /** The facts of a file, computed once per file. */
  public static AtomicAccesses of(FileModel ctx) {
    return ctx.shared(AtomicAccesses.class, AtomicAccesses::new);
  }

  /** Every piece of shared storage the file's functions access, in order of first access. */
  public List<Storage> storage() {
    return List.copyOf(storage.values());
  }

  /**
   * The names worth resolving: the last name of each atomic operation's pointer argument
   * ({@code exports} in {@code &self->exports}), and the names in loop conditions of thread
   * routines and of functions that detach.
   */
  private static Set<String> candidateNames(FileModel ctx, List<AtomicArg> atomicArgs) {
    Set<String> out = new HashSet<>();
    Pattern last = Pattern.compile("(\\w+)\\W*$");
    for (AtomicArg a : atomicArgs) {
      Matcher m = last.matcher(a.arg.text());
      if (a.arg.text().contains("&") && m.find()) {
        out.add(m.group(1));
      }
    }
    ThreadRoutines routines = ThreadRoutines.of(ctx);
    for (IASTFunctionDefinition fn : ctx.functions()) {
      if (fn.getBody() == null || (!routines.isRoutine(fn)
          && ctx.callsIn(fn).stream().noneMatch(c -> ThreadStates.isTransition(c.name())))) {
        continue;
      }
      fn.getBody().accept(new ASTVisitor() {
        {
          shouldVisitStatements = true;
        }

        @Override
        public int visit(IASTStatement st) {
          IASTExpression cond = loopCondition(st);
          if (cond != null) {
            cond.accept(new ASTVisitor() {
              {
                shouldVisitExpressions = true;
              }

              @Override
              public int visit(IASTExpression e) {
                if (e instanceof IASTIdExpression id) {
                  out.add(id.getName().toString());
                }
                return PROCESS_CONTINUE;
              }
            });
          }
          return PROCESS_CONTINUE;
        }
      });
    }
    return out;
  }

  /** The condition of a while, do-while or for loop; null for other statements. */
  public static IASTExpression loopCondition(IASTStatement st) {
    return st instanceof IASTWhileStatement w ? w.getCondition()
        : st instanceof IASTDoStatement d ? d.getCondition()
        : st instanceof IASTForStatement f ? f.getConditionExpression() : null;
  }

  private static AtomicArg enclosingArg(List<AtomicArg> args, int at) {
    AtomicArg best = null;
    for (AtomicArg a : args) {
      if (a.arg.start() <= at && at < a.arg.end() && (best == null || a.arg.start() >= best.arg.start())) {
        best = a;
      }
    }
    return best;
  }

  /** Whether the argument is {@code &name}, {@code &obj->name}, {@code &(x.name)}: the name is what the operation works on. */
  private static boolean isTargetOf(CallSite.Arg arg, String name, int at) {
    String t = arg.text().replaceAll("\\s+", "");
    while (t.startsWith("(") && !t.startsWith("(&") && t.indexOf(')') > 0 && t.indexOf(')') < t.length() - 1) {
      t = t.substring(t.indexOf(')') + 1); // a cast: (atomic_int *)&flag
    }
    if (!t.startsWith("&")) {
      return false;
    }
    String rest = t.substring(1).replaceAll("^\\((.*)\\)$", "$1");
    int nameEnd = at + name.length() - arg.start();
    String after = arg.text().substring(Math.min(arg.text().length(), Math.max(0, nameEnd))).replaceAll("[\\s)]", "");
    return rest.endsWith(name) && after.isEmpty();
  }

  /** The plain access an expression makes, or null when it is not one (address taken, sizeof). */
  private static Kind plainKind(IASTExpression e) {
    IASTNode child = e;
    IASTNode p = e.getParent();
    while (p instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_bracketedPrimary) {
      child = p;
      p = p.getParent();
    }
    if (p instanceof IASTFieldReference f && f.getFieldOwner() == child) {
      return null; // x.member: the member is what is accessed
    }
    if (p instanceof IASTTypeIdExpression) {
      return null;
    }
    if (p instanceof IASTUnaryExpression u) {
      int op = u.getOperator();
      if (op == IASTUnaryExpression.op_amper || op == IASTUnaryExpression.op_sizeof
          || op == IASTUnaryExpression.op_alignOf) {
        return null;
      }
      if (op == IASTUnaryExpression.op_prefixIncr || op == IASTUnaryExpression.op_prefixDecr
          || op == IASTUnaryExpression.op_postFixIncr || op == IASTUnaryExpression.op_postFixDecr) {
        return Kind.READ_MODIFY_WRITE;
      }
    }
    if (p instanceof IASTBinaryExpression b && b.getOperand1() == child) {
      if (b.getOperator() == IASTBinaryExpression.op_assign) {
        return Kind.WRITE;
      }
      if (isCompoundAssignment(b.getOperator())) {
        return Kind.READ_MODIFY_WRITE;
      }
    }
    return Kind.READ;
  }

  private static boolean isCompoundAssignment(int op) {
    return op == IASTBinaryExpression.op_plusAssign || op == IASTBinaryExpression.op_minusAssign
        || op == IASTBinaryExpression.op_multiplyAssign || op == IASTBinaryExpression.op_divideAssign
        || op == IASTBinaryExpression.op_moduloAssign || op == IASTBinaryExpression.op_shiftLeftAssign
        || op == IASTBinaryExpression.op_shiftRightAssign || op == IASTBinaryExpression.op_binaryAndAssign
        || op == IASTBinaryExpression.op_binaryOrAssign || op == IASTBinaryExpression.op_binaryXorAssign;
  }

  /** Declared {@code _Atomic}, {@code std::atomic<...>}, {@code atomic_int}, or thread-local: every access is fine. */
  private boolean declaredAtomicOrLocal(IBinding b) {
    for (IASTSimpleDeclaration sd : declarations(b)) {
      String spec = sd.getDeclSpecifier().getRawSignature();
      if (DECLARED_ATOMIC.matcher(spec).find() || spec.matches("(?s).*\\b(_Thread_local|thread_local|__thread)\\b.*")
          || sd.getRawSignature().contains("__declspec(thread)")) {
        return true;
      }
    }
    return false;
  }

  private boolean isVolatile(IBinding b) {
    for (IASTSimpleDeclaration sd : declarations(b)) {
      IASTDeclSpecifier spec = sd.getDeclSpecifier();
      if (spec.isVolatile()) {
        return true;
      }
    }
    return false;
  }

  private List<IASTSimpleDeclaration> declarations(IBinding b) {
    List<IASTSimpleDeclaration> out = new ArrayList<>();
    for (IASTName n : ctx.ast().getDeclarationsInAST(b)) {
      for (IASTNode p = n.getParent(); p != null; p = p.getParent()) {
        if (p instanceof IASTSimpleDeclaration sd) {
          out.add(sd);
          break;
        }
      }
    }
    return out;
  }

  /** The functions the file puts in creation and destruction slots of its types. */
  private static Set<String> lifecycleFunctions(FileModel ctx) {
    // every match starts at "Py_tp_" or ".tp_": the pattern is tried only there (a search of the
    // whole text tries its alternatives at every character), in order, as find() would
    Set<String> out = new HashSet<>();
    String t = ctx.text();
    Matcher m = LIFECYCLE_SLOT.matcher(t).useTransparentBounds(true).useAnchoringBounds(false);
    int from = 0;
    for (int at = t.indexOf("tp_"); at >= 0; at = t.indexOf("tp_", at + 1)) {
      int start = t.startsWith("Py_", at - 3) ? at - 3 : at >= 1 && t.charAt(at - 1) == '.' ? at - 1 : -1;
      if (start < from) {
        continue;
      }
      m.region(start, t.length());
      if (m.lookingAt()) {
        out.add(m.group(1));
        from = m.end();
      }
    }
    return out;
  }
}
