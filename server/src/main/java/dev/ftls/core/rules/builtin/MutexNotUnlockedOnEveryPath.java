package dev.ftls.core.rules.builtin;

import dev.ftls.core.fix.Fix;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.CallGraph;
import dev.ftls.core.semantic.CallSite;
import dev.ftls.core.semantic.HeldLocks;
import dev.ftls.core.semantic.CriticalSections;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.IASTBreakStatement;
import org.eclipse.cdt.core.dom.ast.IASTCaseStatement;
import org.eclipse.cdt.core.dom.ast.IASTCompoundStatement;
import org.eclipse.cdt.core.dom.ast.IASTContinueStatement;
import org.eclipse.cdt.core.dom.ast.IASTDefaultStatement;
import org.eclipse.cdt.core.dom.ast.IASTDoStatement;
import org.eclipse.cdt.core.dom.ast.IASTForStatement;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTGotoStatement;
import org.eclipse.cdt.core.dom.ast.IASTIfStatement;
import org.eclipse.cdt.core.dom.ast.IASTLabelStatement;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTReturnStatement;
import org.eclipse.cdt.core.dom.ast.IASTStatement;
import org.eclipse.cdt.core.dom.ast.IASTSwitchStatement;
import org.eclipse.cdt.core.dom.ast.IASTWhileStatement;
import org.eclipse.cdt.core.dom.ast.cpp.ICPPASTRangeBasedForStatement;

/** FT406: a PyMutex locked and not unlocked on some path out of the function. */
public final class MutexNotUnlockedOnEveryPath extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT406",
          "mutex-not-unlocked-on-every-path",
          Severity.ERROR,
          "A PyMutex is locked and not unlocked on some path out of the function",
          """
          # FT406 mutex-not-unlocked-on-every-path

          ## What it flags
          - a `return` (or `Py_RETURN_NONE`...) reached while a `PyMutex` that this function locked
            with `PyMutex_Lock(&m)` has not been unlocked with `PyMutex_Unlock(&m)` on every path
            to it; a `goto` to a label is followed to the `return` after the label;
          - a `PyMutex_Lock` whose mutex is still locked when control falls off the end of the
            function.
          Mutexes are matched by the text of the argument (`&st->lock` and `&(st->lock)` match).
          Lock and unlock macros of the file or its headers (`#define LOCK(s) PyMutex_Lock(&(s)->lock)`)
          count as the calls they expand to, with their arguments put in.

          ## Why it matters without the GIL
          A `PyMutex` is not released when a function returns. A path that forgets to unlock it (an
          early error return is the usual one) leaves it locked for good: the next thread that
          locks it, or this same thread (`PyMutex` is not reentrant), waits forever. Code that used
          to rely on the GIL had no such lock to forget; adding locks while porting adds these paths.

          ## Example
          ```c
          PyMutex_Lock(&state->lock);
          PyObject *v = lookup(state, key);
          if (v == NULL) {
              return NULL;                 /* state->lock stays locked */
          }
          PyMutex_Unlock(&state->lock);
          ```

          ## Use instead
          ```c
          PyMutex_Lock(&state->lock);
          PyObject *v = lookup(state, key);
          PyMutex_Unlock(&state->lock);
          if (v == NULL) {
              return NULL;
          }
          ```
          or a single exit (`goto done;` with the unlock after `done:`).

          ## Fix
          No automatic fix: where the unlock belongs depends on what the lock protects.

          ## What it does not flag
          The analysis is a simple walk over the function's statements, and it reports only
          mutexes that are locked on *every* path to the exit, so it stays quiet when unsure:
          - locks taken only on some paths (`if (threaded) PyMutex_Lock(&m);`), or inside a loop
            body and released after the loop;
          - functions whose name says they take or release a lock on purpose (a name containing
            `lock`, `acquire`, `enter` or `begin`: `lock_state()`, `acquire_cache()`);
          - other lock types (`PyThread_type_lock`, pthread mutexes), whose acquire calls can fail;
          - paths through `longjmp`, `exit`, or a backward `goto`;
          - code in preprocessor branches that are inactive for the target.

          ## References
          - https://docs.python.org/3/c-api/init.html#c.PyMutex_Lock
          - https://py-free-threading.github.io/porting-extensions/

          ## Proof
          [FT406-mutex-left-locked](https://github.com/ftls-dev/ftls/tree/main/test-workspaces/proof/FT406-mutex-left-locked)
          runs this race on a free-threaded CPython (an error return leaves a `PyMutex`
          locked and every later caller waits forever); `scripts/prove.sh` shows
          `unsafe.c` hanging and `fixed.c` holding (README, "Race proofs").
          """,
          false);

  public MutexNotUnlockedOnEveryPath() {
    super(META, Set.of(LOCK, UNLOCK));
  }

  private static final String LOCK = "PyMutex_Lock";
  private static final String UNLOCK = "PyMutex_Unlock";
  private static final List<String> WRAPPER_WORDS = List.of("lock", "acquire", "enter", "begin");

  @Override
  public void check(RuleContext ctx) {
    HeldLocks held = HeldLocks.of(ctx);
    for (IASTFunctionDefinition fn : ctx.functions()) {
      List<CallSite> mutexCalls = new ArrayList<>();
      boolean locks = false;
      for (CallSite written : ctx.callsIn(fn)) {
        CallSite c = held.expanded(written); // LOCK() for #define LOCK() PyMutex_Lock(&m)
        if ((c.name().equals(LOCK) || c.name().equals(UNLOCK)) && c.arg(0) != null) {
          mutexCalls.add(c);
          locks |= c.name().equals(LOCK);
        }
      }
      if (locks && !isLockWrapper(fn) && fn.getBody() != null) {
        new Walk(ctx, mutexCalls).function(fn);
      }
    }
  }

  private static boolean isLockWrapper(IASTFunctionDefinition fn) {
    String name = CallGraph.nameOf(fn).toLowerCase(Locale.ROOT);
    for (String w : WRAPPER_WORDS) {
      if (name.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /**
   * One walk over a function's statements. The state is the set of mutexes locked on every path
   * to the current point, with the call that locked each; null means the point is unreachable.
   */
  private static final class Walk {
    private final RuleContext ctx;
    private final List<CallSite> calls;
    private final Map<String, List<Map<String, CallSite>>> gotos = new HashMap<>();
    private final Deque<List<Map<String, CallSite>>> breaks = new ArrayDeque<>();
    private final Deque<Map<String, CallSite>> switchEntries = new ArrayDeque<>();

    Walk(RuleContext ctx, List<CallSite> calls) {
      this.ctx = ctx;
      this.calls = calls;
    }

    void function(IASTFunctionDefinition fn) {
      Map<String, CallSite> end = statement(fn.getBody(), new LinkedHashMap<>());
      if (end != null) {
        for (Map.Entry<String, CallSite> e : end.entrySet()) {
          CallSite lock = e.getValue();
          ctx.report(new Finding(META.id(), META.defaultSeverity(),
              "PyMutex '" + e.getKey() + "' stays locked when '" + CallGraph.nameOf(fn) + "' ends; add PyMutex_Unlock",
              
              "PyMutex '" + e.getKey() + "' is locked here and still locked when '" + CallGraph.nameOf(fn)
                  + "' ends: add PyMutex_Unlock(&" + e.getKey() + ") on that path",
              lock.start(), lock.nameEnd(), List.of()));
        }
      }
    }

    private Map<String, CallSite> statement(IASTStatement st, Map<String, CallSite> in) {
      if (st == null) {
        return in;
      }
      if (st instanceof IASTCompoundStatement block) {
        Map<String, CallSite> s = in;
        for (IASTStatement child : block.getStatements()) {
          s = statement(child, s);
        }
        return s;
      }
      if (st instanceof IASTIfStatement ifs) {
        Map<String, CallSite> s = apply(ifs.getConditionExpression(), in);
        Map<String, CallSite> t = statement(ifs.getThenClause(), copy(s));
        Map<String, CallSite> e = ifs.getElseClause() == null ? s : statement(ifs.getElseClause(), copy(s));
        return meet(t, e);
      }
      if (st instanceof IASTWhileStatement w) {
        return loop(apply(w.getCondition(), in), w.getBody(), null);
      }
      if (st instanceof IASTForStatement f) {
        Map<String, CallSite> s = apply(f.getConditionExpression(), statement(f.getInitializerStatement(), in));
        return loop(s, f.getBody(), f.getIterationExpression());
      }
      if (st instanceof ICPPASTRangeBasedForStatement f) {
        return loop(in, f.getBody(), null);
      }
      if (st instanceof IASTDoStatement d) {
        breaks.push(new ArrayList<>());
        Map<String, CallSite> s = apply(d.getCondition(), statement(d.getBody(), in));
        for (Map<String, CallSite> b : breaks.pop()) {
          s = meet(s, b);
        }
        return s;
      }
      if (st instanceof IASTSwitchStatement sw) {
        Map<String, CallSite> s = apply(sw.getControllerExpression(), in);
        breaks.push(new ArrayList<>());
        switchEntries.push(s == null ? new LinkedHashMap<>() : s);
        Map<String, CallSite> out = meet(s, statement(sw.getBody(), copy(s)));
        switchEntries.pop();
        for (Map<String, CallSite> b : breaks.pop()) {
          out = meet(out, b);
        }
        return out;
      }
      if (st instanceof IASTCaseStatement || st instanceof IASTDefaultStatement) {
        return switchEntries.isEmpty() ? in : meet(in, copy(switchEntries.peek()));
      }
      if (st instanceof IASTLabelStatement l) {
        Map<String, CallSite> s = in;
        for (Map<String, CallSite> g : gotos.getOrDefault(l.getName().toString(), List.of())) {
          s = meet(s, g);
        }
        return statement(l.getNestedStatement(), s);
      }
      if (st instanceof IASTGotoStatement g) {
        if (in != null) {
          gotos.computeIfAbsent(g.getName().toString(), k -> new ArrayList<>()).add(copy(in));
        }
        return null;
      }
      if (st instanceof IASTBreakStatement) {
        if (in != null && !breaks.isEmpty()) {
          breaks.peek().add(copy(in));
        }
        return null;
      }
      if (st instanceof IASTContinueStatement) {
        return null;
      }
      if (st instanceof IASTReturnStatement r) {
        Map<String, CallSite> s = apply(r.getReturnValue(), in);
        if (s != null && !s.isEmpty() && ctx.inFile(r)) {
          reportReturn(r, s);
        }
        return null;
      }
      return apply(st, in);
    }

    private Map<String, CallSite> loop(Map<String, CallSite> in, IASTStatement body, IASTNode iteration) {
      breaks.push(new ArrayList<>());
      Map<String, CallSite> s = meet(in, apply(iteration, statement(body, copy(in))));
      for (Map<String, CallSite> b : breaks.pop()) {
        s = meet(s, b);
      }
      return s;
    }

    private void reportReturn(IASTReturnStatement r, Map<String, CallSite> held) {
      int at = ctx.start(r);
      for (Map.Entry<String, CallSite> e : held.entrySet()) {
        int line = ctx.source().lines().line(e.getValue().start()) + 1;
        ctx.report(new Finding(META.id(), META.defaultSeverity(),
            "returns with PyMutex '" + e.getKey() + "' still locked; add PyMutex_Unlock on this path",
            
            "returns with PyMutex '" + e.getKey() + "' still locked (PyMutex_Lock on line " + line
                + "): the next thread that locks it waits forever; unlock it on this path too",
            at, at + ExitFromCriticalSection.wordLength(ctx.text(), at), List.of()));
      }
    }

    /** Applies the lock and unlock calls written inside a node, in order. */
    private Map<String, CallSite> apply(IASTNode node, Map<String, CallSite> in) {
      if (node == null || in == null || node.getFileLocation() == null || !ctx.inFile(node)) {
        return in;
      }
      int from = ctx.start(node);
      int to = ctx.end(node);
      Map<String, CallSite> s = in;
      for (CallSite c : calls) {
        if (c.start() >= from && c.start() < to) {
          String mutex = CriticalSections.key(c.arg(0));
          if (c.name().equals(LOCK)) {
            s.put(mutex, c);
          } else {
            s.remove(mutex);
          }
        }
      }
      return s;
    }

    private static Map<String, CallSite> copy(Map<String, CallSite> s) {
      return s == null ? null : new LinkedHashMap<>(s);
    }

    /** The mutexes held on both paths; an unreachable path does not count. */
    private static Map<String, CallSite> meet(Map<String, CallSite> a, Map<String, CallSite> b) {
      if (a == null) {
        return copy(b);
      }
      if (b == null) {
        return a;
      }
      Map<String, CallSite> out = new LinkedHashMap<>(a);
      out.keySet().retainAll(b.keySet());
      return out;
    }
  }
}
