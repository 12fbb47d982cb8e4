package dev.ftls.core.rules.builtin;

import dev.ftls.core.fix.Fix;
import dev.ftls.core.kb.KnowledgeBase;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.CallSite;
import dev.ftls.core.semantic.SyntaxWalk;
import dev.ftls.core.semantic.ThreadStates;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.IASTCompoundStatement;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTReturnStatement;
import org.eclipse.cdt.core.dom.ast.IASTStatement;
import org.eclipse.cdt.core.dom.ast.cpp.ICPPASTLambdaExpression;

/**
 * FT503: PyGILState_Ensure/Release (or PEP 788's PyThreadState_Ensure/Release) or a
 * detach/re-attach pair not balanced on every path of a function.
 */
public final class UnbalancedThreadState extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT503",
          "unbalanced-thread-state",
          Severity.ERROR,
          "Thread state attached or detached and not restored on every path",
          """
          # FT503 unbalanced-thread-state

          ## What it flags
          A function that leaves with its thread state changed:
          - a `return` (or the end of the function) after `PyGILState_Ensure()` and before the
            matching `PyGILState_Release()`, or after the 3.15 (PEP 788) `PyThreadState_Ensure()` /
            `PyThreadState_EnsureFromView()` and before `PyThreadState_Release()` of its token;
          - a `return` between `Py_BEGIN_ALLOW_THREADS` and `Py_END_ALLOW_THREADS` (or after
            `Py_UNBLOCK_THREADS`) without `Py_BLOCK_THREADS` first;
          - a `return` (or the end of the function) after `PyEval_SaveThread()` and before
            `PyEval_RestoreThread()`.
          The finding is on the `return`, or on the call that is never undone.

          ## Why it matters without the GIL
          These calls must pair up on every path. A thread that returns to Python still detached
          crashes at its next C API call (a fatal error in `PyThreadState_Get`). A thread that
          keeps an ensured thread state it should have released stays attached: in the
          free-threaded build every stop-the-world pause (garbage collection among them) then
          waits for a thread that never detaches, and the process hangs; with the GIL the GIL is
          never given back. The severity is error because, with the precautions below, the
          flagged path is a real leak of the state, not a style question.

          ## Example
          ```c
          PyGILState_STATE g = PyGILState_Ensure();
          PyObject *r = PyObject_CallNoArgs(callback);
          if (r == NULL) {
              return -1;                      /* still ensured */
          }
          Py_DECREF(r);
          PyGILState_Release(g);
          return 0;
          ```

          ## Use instead
          ```c
          PyGILState_STATE g = PyGILState_Ensure();
          int rc = 0;
          PyObject *r = PyObject_CallNoArgs(callback);
          if (r == NULL) {
              rc = -1;
          }
          Py_XDECREF(r);
          PyGILState_Release(g);
          return rc;
          ```

          ## Fix
          None: the right cleanup path depends on the function.

          ## What it does not flag
          - a release or re-attach on the early-exit path itself
            (`if (err) { PyGILState_Release(g); return -1; }`, `Py_BLOCK_THREADS; return NULL;`),
            or one reached with `goto` to a common cleanup label;
          - functions whose state escapes, so that another function undoes it: the
            `PyGILState_STATE` or `PyThreadState *` is returned, stored in a struct, a global or
            through a pointer, or passed to any call other than the matching release (helpers
            such as `acquire_gil()`/`release_gil(state)`);
          - a `PyGILState_Ensure()` whose result is not stored at all (it cannot be released);
          - the failure path of a PEP 788 ensure, which attached nothing: a `return` under
            `if (token == NULL)` (or `!token`, or with the call in the condition);
          - returns inside C++ lambdas (they are separate functions).

          ## References
          - https://docs.python.org/3/c-api/threads.html#c.PyGILState_Ensure
          - https://peps.python.org/pep-0788/
          - https://docs.python.org/3/c-api/threads.html#releasing-the-gil-from-extension-code
          - https://docs.python.org/3/howto/free-threading-extensions.html#thread-state-and-gil-apis

          ## Proof
          [FT503-state-kept-on-error](https://github.com/ftls-dev/ftls/tree/main/test-workspaces/proof/FT503-state-kept-on-error)
          runs this race on a free-threaded CPython (a native thread keeps its
          `PyGILState_Ensure` state when its callback fails and ends attached; the next
          garbage collection waits for it forever); `scripts/prove.sh` shows `unsafe.c`
          hanging and `fixed.c` holding (README, "Race proofs").
          """,
          false);

  public UnbalancedThreadState() {
    super(META);
  }

  /** The calls whose result another call must undo, and that undoing call. */
  private static final Map<String, String> PAIRED = paired();

  private static Map<String, String> paired() {
    Map<String, String> m = new java.util.HashMap<>(ThreadStates.ENSURES);
    m.put("PyEval_SaveThread", "PyEval_RestoreThread");
    return Map.copyOf(m);
  }
  private static final Pattern ASSIGNED_TO = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*$");

  @Override
  public boolean concerns(String apiName, KnowledgeBase kb) {
    return PAIRED.containsKey(apiName) || PAIRED.containsValue(apiName) || ThreadStates.isTransition(apiName);
  }

  @Override
  public void check(RuleContext ctx) {
    ThreadStates states = ThreadStates.of(ctx);
    for (IASTFunctionDefinition fn : ctx.functions()) {
      if (states.steady(fn)) {
        continue; // attached throughout: nothing can be left open
      }
      Set<CallSite> escaped = escapedCalls(ctx, fn);
      Set<CallSite> reported = new HashSet<>();
      for (IASTReturnStatement r : SyntaxWalk.returns(ctx, fn)) {
        if (insideLambda(r, fn)) {
          continue;
        }
        ThreadStates.Frame open = openFrame(states.stackAt(fn, ctx.start(fn), ctx.start(r), ThreadStates.State.ATTACHED),
            escaped);
        if (open != null && !onFailurePath(ctx, r, open.cause(), fn)) {
          ctx.report(new Finding(META.id(), META.defaultSeverity(), "Returns " + pendingBrief(open),
              "Returns " + pending(ctx, open),
              ctx.start(r), ctx.end(r), List.of()));
        }
      }
      if (fallsOffEnd(fn)) {
        int end = ctx.end(fn) - 1;
        ThreadStates.Frame open = openFrame(states.stackAt(fn, ctx.start(fn), end, ThreadStates.State.ATTACHED),
            escaped);
        if (open != null && reported.add(open.cause())) {
          CallSite c = open.cause();
          ctx.report(new Finding(META.id(), META.defaultSeverity(),
              "'" + fn.getDeclarator().getName() + "' ends " + pendingBrief(open),
              "'" + fn.getDeclarator().getName()
              + "' ends " + pending(ctx, open), c.start(), c.nameEnd(), List.of()));
        }
      }
    }
  }

  /** The short form of {@link #pending}: what is still open and the call that closes it. */
  private static String pendingBrief(ThreadStates.Frame open) {
    String name = open.cause().name();
    String release = ThreadStates.ENSURES.get(name);
    if (release != null) {
      return "with " + name + " open; add " + release;
    }
    return "still detached by " + name + "; re-attach first";
  }

  private static String pending(RuleContext ctx, ThreadStates.Frame open) {
    CallSite c = open.cause();
    String line = " (line " + (ctx.source().lines().line(c.start()) + 1) + ")";
    String release = ThreadStates.ENSURES.get(c.name());
    if (release != null) {
      return "without " + release + " for the " + c.name() + line + ": the thread stays attached";
    }
    String undo = c.name().startsWith("Py_") ? "Py_BLOCK_THREADS / Py_END_ALLOW_THREADS" : "PyEval_RestoreThread";
    return "while still detached by " + c.name() + line + ": re-attach with " + undo + " first";
  }

  /** The innermost frame that a return must not leave open, or null. */
  private static ThreadStates.Frame openFrame(List<ThreadStates.Frame> stack, Set<CallSite> escaped) {
    for (int i = stack.size() - 1; i >= 1; i--) {
      ThreadStates.Frame f = stack.get(i);
      String n = f.cause().name();
      boolean opens = ThreadStates.ENSURES.containsKey(n) || f.state() == ThreadStates.State.DETACHED;
      if (opens && !escaped.contains(f.cause())) {
        return f;
      }
    }
    return null;
  }

  /**
   * The Ensure and SaveThread calls of a function whose result is not a plain local that only
   * the matching release uses (returned, stored elsewhere, passed to a helper, or not stored).
   */
  private static Set<CallSite> escapedCalls(RuleContext ctx, IASTFunctionDefinition fn) {
    Set<CallSite> out = new HashSet<>();
    List<CallSite> calls = ctx.callsIn(fn);
    for (CallSite c : calls) {
      String undo = PAIRED.get(c.name());
      if (undo == null) {
        if (c.name().equals("PyEval_ReleaseThread")) {
          out.add(c);
        }
        continue;
      }
      int lineStart = dev.ftls.core.fix.Edits.lineStart(ctx.text(), c.start());
      Matcher m = ASSIGNED_TO.matcher(ctx.text().substring(lineStart, c.start()));
      if (!m.find()) {
        out.add(c);
        continue;
      }
      String var = m.group(1);
      Pattern word = Pattern.compile("\\b" + var + "\\b");
      boolean escapes = false;
      for (CallSite other : calls) {
        if (!other.name().equals(undo) && other.args().stream().anyMatch(a -> word.matcher(a.text()).find())) {
          escapes = true;
        }
      }
      for (IASTReturnStatement r : SyntaxWalk.returns(ctx, fn)) {
        if (word.matcher(ctx.textOf(r)).find()) {
          escapes = true;
        }
      }
      if (escapes || !isLocal(ctx, fn, var)) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * Whether a return is the failure path of a PEP 788 ensure, which attached nothing: it is in
   * the then-branch of an {@code if} that holds the call itself or tests its token for NULL
   * ({@code tok == NULL}, {@code !tok}, {@code tok == nullptr}).
   */
  private static boolean onFailurePath(RuleContext ctx, IASTReturnStatement r, CallSite ensure, IASTFunctionDefinition fn) {
    if (!ThreadStates.ensureMayFail(ensure.name())) {
      return false;
    }
    int lineStart = dev.ftls.core.fix.Edits.lineStart(ctx.text(), ensure.start());
    Matcher m = ASSIGNED_TO.matcher(ctx.text().substring(lineStart, ensure.start()));
    String var = m.find() ? m.group(1) : null;
    IASTNode child = r;
    for (IASTNode n = r.getParent(); n != null && n != fn; child = n, n = n.getParent()) {
      if (n instanceof org.eclipse.cdt.core.dom.ast.IASTIfStatement ifs && ifs.getThenClause() == child) {
        int cs = ctx.start(ifs.getConditionExpression());
        int ce = ctx.end(ifs.getConditionExpression());
        if (ensure.start() >= cs && ensure.start() < ce) {
          return true;
        }
        String cond = ctx.textOf(ifs.getConditionExpression()).replaceAll("\\s+", "");
        if (var != null && (cond.equals("!" + var) || cond.matches(Pattern.quote(var) + "==(NULL|nullptr|0)")
            || cond.matches("(NULL|nullptr|0)==" + Pattern.quote(var)))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isLocal(RuleContext ctx, IASTFunctionDefinition fn, String var) {
    return SyntaxWalk.localDeclarations(ctx, fn).stream().anyMatch(sd ->
        java.util.Arrays.stream(sd.getDeclarators()).anyMatch(d -> d.getName().toString().equals(var))
            && sd.getDeclSpecifier().getStorageClass() != org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier.sc_static);
  }

  private static boolean insideLambda(IASTNode node, IASTFunctionDefinition fn) {
    for (IASTNode n = node.getParent(); n != null && n != fn; n = n.getParent()) {
      if (n instanceof ICPPASTLambdaExpression) {
        return true;
      }
    }
    return false;
  }

  private static boolean fallsOffEnd(IASTFunctionDefinition fn) {
    if (!(fn.getBody() instanceof IASTCompoundStatement body)) {
      return false;
    }
    IASTStatement[] stmts = body.getStatements();
    return stmts.length == 0 || !(stmts[stmts.length - 1] instanceof IASTReturnStatement);
  }
}
