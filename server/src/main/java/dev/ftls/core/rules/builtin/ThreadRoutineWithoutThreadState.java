package dev.ftls.core.rules.builtin;

import dev.ftls.core.fix.Fix;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.CallSite;
import dev.ftls.core.semantic.ThreadRoutines;
import dev.ftls.core.semantic.ThreadStates;
import java.util.List;
import java.util.Set;

/** FT504: a thread start routine that calls the C API without attaching a thread state first. */
public final class ThreadRoutineWithoutThreadState extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT504",
          "thread-routine-without-thread-state",
          Severity.ERROR,
          "Thread start routine calls the C API without a thread state",
          """
          # FT504 thread-routine-without-thread-state

          ## What it flags
          The start routine of a thread created outside Python, a function of the file passed to
          `pthread_create`, `thrd_create`, `_beginthreadex`, `_beginthread`, `CreateThread`,
          `uv_thread_create` or `PyThread_start_new_thread`, or a function or lambda given to C++
          `std::thread`/`std::jthread`, that calls the C API (directly or through a helper of the same
          file) before it attaches a thread state with `PyGILState_Ensure()`, with the 3.15 (PEP 788)
          `PyThreadState_Ensure()`/`PyThreadState_EnsureFromView()`, or with `PyThreadState_New()`
          followed by `PyEval_RestoreThread()`/`PyEval_AcquireThread()`.
          `PyThread_start_new_thread` counts too: it starts a bare OS thread, and the routine must
          create and attach its own thread state, as CPython's `_thread` module does.

          ## Why it matters without the GIL
          A new OS thread has no Python thread state. With the GIL such code crashed or corrupted
          the interpreter at once; without the GIL nothing even serializes the calls, and the
          stop-the-world garbage collector does not know the thread exists, so it can free objects
          the thread is using. The free-threaded build still requires the thread to attach first.

          ## Example
          ```c
          static void *
          worker(void *arg)
          {
              PyObject *callback = arg;
              PyObject *r = PyObject_CallNoArgs(callback);   /* no thread state */
              Py_XDECREF(r);
              return NULL;
          }
          ...
          pthread_create(&tid, NULL, worker, callback);
          ```

          ## Use instead
          ```c
          static void *
          worker(void *arg)
          {
              PyGILState_STATE g = PyGILState_Ensure();
              PyObject *r = PyObject_CallNoArgs((PyObject *)arg);
              Py_XDECREF(r);
              PyGILState_Release(g);
              return NULL;
          }
          ```

          ## Fix
          None: where the routine should attach and detach depends on how much of its work is
          Python work.

          ## What it does not flag
          - calls after `PyGILState_Ensure()`, `PyThreadState_Ensure()`, `PyThreadState_EnsureFromView()`,
            `PyEval_RestoreThread()` or `PyEval_AcquireThread()`;
          - the calls that are fine without a thread state (see FT501: raw memory, `PyMutex`,
            `PyThread_*`, the thread-state calls themselves);
          - routines started through a function pointer or defined in another file;
          - C API calls inside a region that detached again after attaching (that is FT501).
          Only the first offending call of each routine is reported.

          ## References
          - https://docs.python.org/3/c-api/threads.html#non-python-created-threads
          - https://docs.python.org/3/howto/free-threading-extensions.html#thread-state-and-gil-apis
          - https://py-free-threading.github.io/porting-extensions/

          ## Proof
          [FT504-thread-without-state](https://github.com/ftls-dev/ftls/tree/main/test-workspaces/proof/FT504-thread-without-state)
          runs this race on a free-threaded CPython (a `pthread_create` routine that calls the C API
          without a thread state); `scripts/prove.sh` shows `unsafe.c` failing and `fixed.c` holding
          (README, "Race proofs").
          """,
          false);

  public ThreadRoutineWithoutThreadState() {
    super(META, CONCERNS);
  }

  private static final Set<String> CONCERNS = Set.of(
      "PyGILState_Ensure", "PyGILState_Release", "PyThreadState_New", "PyEval_AcquireThread",
      "PyThread_start_new_thread", "PyThreadState_Ensure", "PyThreadState_EnsureFromView");

  @Override
  public void check(RuleContext ctx) {
    ThreadStates states = ThreadStates.of(ctx);
    for (ThreadRoutines.Routine r : ThreadRoutines.of(ctx).all()) {
      for (CallSite c : ctx.callsIn(r.function())) {
        if (c.start() < r.from() || c.start() >= r.to()) {
          continue;
        }
        CallSite use = states.apiUse(c);
        if (use == null) {
          continue;
        }
        List<ThreadStates.Frame> stack = states.stackAt(r.function(), r.from(), c.start(), ThreadStates.State.DETACHED);
        if (stack.size() != 1) {
          continue;
        }
        String started = r.starter() + " (line " + (ctx.source().lines().line(r.startedAt()) + 1) + ")";
        String message = (use == c ? c.name() : "'" + c.name() + "', which calls " + use.name() + ",")
            + " runs on a thread started by " + started + " that has no Python thread state: call "
            + (ctx.target().atLeast(3, 15)
                ? "PyThreadState_EnsureFromView() (3.15+, it fails instead of hanging at shutdown) or PyGILState_Ensure() "
                    + "first and release the thread state when done"
                : "PyGILState_Ensure() first and PyGILState_Release() when done");
        ctx.report(new Finding(META.id(), META.defaultSeverity(),
            (use == c ? c.name() : "'" + c.name() + "'") + " on a thread with no Python thread state; call PyGILState_Ensure first",
            message, c.start(), c.nameEnd(), List.of()));
        break;
      }
    }
  }
}
