package dev.ftls.core.rules.builtin;

import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.AtomicAccesses;
import dev.ftls.core.semantic.CallGraph;
import dev.ftls.core.semantic.GlobalWrites;
import dev.ftls.core.semantic.ThreadRoutines;
import dev.ftls.core.semantic.ThreadStates;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTStatement;

/**
 * FT307: shared storage accessed both atomically and plainly, and plain flags polled in a loop
 * while another thread sets them.
 */
public final class MixedAtomicAndPlainAccess extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT307",
          "mixed-atomic-and-plain-access",
          Severity.WARNING,
          "Variable accessed both atomically and plainly, or a plain flag polled across threads",
          """
          # FT307 mixed-atomic-and-plain-access

          ## What it flags
          - A plain read, write or `++` of a static variable or of a struct field that the same
            file also updates with an atomic operation (C11 `atomic_load`/`atomic_store`/
            `atomic_fetch_add`/..., GCC `__atomic_*` and `__sync_*`, CPython's `_Py_atomic_*`,
            Windows `Interlocked*`) on its address. One finding per variable and function.
          - A plain static variable read in the condition of a loop (`while (!stop_requested)`)
            that runs in a thread start routine or with the thread state detached, while another
            function of the file writes it outside set-up code: a flag one thread polls and
            another sets.

          ## Why it matters without the GIL
          An atomic operation is only atomic with respect to other atomic operations on the same
          object. A plain access next to them is a data race: a plain `count++` loses the
          increments another thread makes with `atomic_fetch_add`, and a plain read may see a
          half-written value. With the GIL, the methods that touched such a variable never ran at
          the same time; in the free-threaded build they do. A polled plain flag is worse: the
          compiler may read it once before the loop and never again, so the loop never sees the
          other thread's write.

          ## Example
          ```c
          static Py_ssize_t live_objects;

          static PyObject *
          node_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
          {
              __atomic_fetch_add(&live_objects, 1, __ATOMIC_RELAXED);
              return type->tp_alloc(type, 0);
          }

          static PyObject *
          live_count(PyObject *self, PyObject *unused)
          {
              return PyLong_FromSsize_t(live_objects);   /* plain read */
          }
          ```

          ## Use instead
          ```c
              return PyLong_FromSsize_t(__atomic_load_n(&live_objects, __ATOMIC_RELAXED));
          ```
          or declare the variable `_Atomic` (`std::atomic` in C++) so that every access is
          atomic; CPython 3.13+ has `_Py_atomic_load_ssize_relaxed` and friends in its headers.
          For a flag, use an atomic load in the loop and an atomic store to set it.

          ## Fix
          None: the right memory order (relaxed, acquire/release, sequentially consistent) and the
          spelling the project uses for atomics (C11, GCC builtins, CPython's, MSVC's) are the
          author's choice.

          ## What it does not flag
          - variables and fields declared `_Atomic`, `std::atomic<...>`, `atomic_int` and the
            like (every access to them is atomic), and thread-local ones;
          - plain accesses in module initialization and teardown, once-callbacks and functions
            only they call, and with a lock held or inside a critical section;
          - plain accesses of a field in functions that create or destroy the object (the
            functions in `tp_new`, `tp_init`, `tp_alloc`, `tp_dealloc`, `tp_finalize`, `tp_clear`,
            `tp_traverse` slots, and functions named `..._new`, `..._init`, `..._dealloc`,
            `..._clear`, `..._free`, `..._create`, `..._destroy`): no other thread holds the
            object yet or any more;
          - plain writes of a global or static variable that FT301 reports already (written
            without a lock outside set-up code);
          - the address of the variable handed to another function (`&x`), and `sizeof`;
          - `volatile` variables (`volatile sig_atomic_t` flags for signal handlers among them):
            a plain read or store of one is not flagged, only a plain `++`, `--` or `+=` next to
            atomic updates, which loses updates; a polled `volatile` flag is re-read every time;
          - polled flags in functions that run attached (ordinary methods): two attached threads
            can race there too, but a loop that waits for a flag while attached already holds up
            every other thread and FT502 is about that;
          - loops that write the flag themselves.
          Only this file is looked at: a variable updated atomically in another file is not
          known here.

          ## References
          - https://docs.python.org/3/howto/free-threading-extensions.html
          - https://py-free-threading.github.io/porting-extensions/
          - https://en.cppreference.com/w/c/atomic
          - https://gcc.gnu.org/onlinedocs/gcc/_005f_005fatomic-Builtins.html

          ## Proof
          [FT307-mixed-atomic](https://github.com/ftls-dev/ftls/tree/main/test-workspaces/proof/FT307-mixed-atomic)
          runs this race on a free-threaded CPython (a counter that half the threads bump with
          `__atomic_fetch_add` and half with a plain `++` loses hits); `scripts/prove.sh` shows
          `unsafe.c` failing and `fixed.c` holding (README, "Race proofs").
          """,
          false);

  public MixedAtomicAndPlainAccess() {
    super(META);
  }

  @Override
  public void check(RuleContext ctx) {
    if (!ctx.target().freeThreaded()) {
      return;
    }
    Set<Integer> unlockedGlobalWrites = new HashSet<>();
    for (GlobalWrites.Write w : GlobalWrites.of(ctx).writes()) {
      if (w.protection() == null) {
        unlockedGlobalWrites.add(w.start());
      }
    }
    for (AtomicAccesses.Storage s : AtomicAccesses.of(ctx).storage()) {
      List<AtomicAccesses.Access> atomic = s.atomic();
      if (atomic.isEmpty()) {
        polledFlag(ctx, s);
        continue;
      }
      AtomicAccesses.Access first = atomic.get(0);
      String where = first.atomicCall() + " in " + CallGraph.nameOf(first.function()) + " (line "
          + (ctx.source().lines().line(first.start()) + 1) + ")";
      Map<IASTFunctionDefinition, Boolean> reported = new IdentityHashMap<>();
      for (AtomicAccesses.Access a : s.accesses()) {
        if (a.kind() == AtomicAccesses.Kind.ATOMIC || a.protection() != null
            || (s.isVolatile() && a.kind() != AtomicAccesses.Kind.READ_MODIFY_WRITE)
            || (!s.field() && a.kind() != AtomicAccesses.Kind.READ && unlockedGlobalWrites.contains(a.start()))
            || reported.put(a.function(), Boolean.TRUE) != null) {
          continue;
        }
        String how = switch (a.kind()) {
          case READ -> "read plainly";
          case WRITE -> "written plainly";
          default -> "updated with a plain read-modify-write";
        };
        String kind = s.field() ? "field" : "variable";
        ctx.report(new Finding(META.id(), META.defaultSeverity(),
            "plain access to '" + a.name() + "', changed atomically elsewhere; use atomics here too",
            "The " + kind + " '" + a.name() + "' is " + how
            + " here but changed atomically elsewhere (" + where + "): the plain access races with the atomic "
            + "ones; use an atomic operation here too, or declare it _Atomic", a.start(), a.end(), List.of()));
      }
    }
  }

  /** A plain static variable polled in a loop condition by code running detached or in its own thread. */
  private static void polledFlag(RuleContext ctx, AtomicAccesses.Storage s) {
    if (s.field() || s.isVolatile()) {
      return;
    }
    List<AtomicAccesses.Access> writers = new ArrayList<>();
    for (AtomicAccesses.Access a : s.accesses()) {
      if (a.kind() != AtomicAccesses.Kind.READ && a.protection() == null) {
        writers.add(a);
      }
    }
    if (writers.isEmpty()) {
      return;
    }
    ThreadRoutines routines = ThreadRoutines.of(ctx);
    ThreadStates states = ThreadStates.of(ctx);
    for (AtomicAccesses.Access a : s.accesses()) {
      if (a.kind() != AtomicAccesses.Kind.READ || a.protection() != null) {
        continue;
      }
      IASTStatement loop = loopPolling(ctx, a);
      AtomicAccesses.Access writer = loop == null ? null : writerOutside(ctx, writers, a.function(), loop);
      if (writer == null) {
        continue;
      }
      ThreadStates.State initial = routines.isRoutine(a.function()) ? ThreadStates.State.DETACHED : ThreadStates.State.ATTACHED;
      if (states.stateAt(a.function(), a.start(), initial) != ThreadStates.State.DETACHED) {
        continue;
      }
      ctx.report(new Finding(META.id(), META.defaultSeverity(),
          "plain '" + a.name() + "' polled in a loop while another thread sets it; make it _Atomic",
          "The plain variable '" + a.name() + "' is polled "
          + "in this loop while " + CallGraph.nameOf(writer.function()) + " (line "
          + (ctx.source().lines().line(writer.start()) + 1) + ") sets it from another thread: the compiler may "
          + "read it once and loop forever, and the accesses race; make it _Atomic or use atomic loads and "
          + "stores", a.start(), a.end(), List.of()));
    }
  }

  /** The loop whose condition the access is in, or null. */
  private static IASTStatement loopPolling(RuleContext ctx, AtomicAccesses.Access a) {
    IASTStatement[] found = new IASTStatement[1];
    a.function().getBody().accept(new ASTVisitor() {
      {
        shouldVisitStatements = true;
      }

      @Override
      public int visit(IASTStatement st) {
        IASTExpression cond = AtomicAccesses.loopCondition(st);
        if (cond != null && ctx.inFile(cond) && ctx.start(cond) <= a.start() && a.end() <= ctx.end(cond)) {
          found[0] = st;
        }
        return PROCESS_CONTINUE;
      }
    });
    return found[0];
  }

  /** A writer of the flag in another function, when the loop itself does not write it. */
  private static AtomicAccesses.Access writerOutside(RuleContext ctx, List<AtomicAccesses.Access> writers,
      IASTFunctionDefinition fn, IASTStatement loop) {
    AtomicAccesses.Access other = null;
    for (AtomicAccesses.Access w : writers) {
      if (w.function() == fn && ctx.start(loop) <= w.start() && w.start() < ctx.end(loop)) {
        return null;
      }
      if (w.function() != fn && other == null) {
        other = w;
      }
    }
    return other;
  }
}
