package dev.ftls.core.rules.builtin;

import dev.ftls.core.fix.Fix;
import dev.ftls.core.kb.KnowledgeBase;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.CallSite;
import dev.ftls.core.semantic.ThreadStates;
import java.util.List;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;

/** FT501: C API called between Py_BEGIN_ALLOW_THREADS and Py_END_ALLOW_THREADS (or after PyEval_SaveThread). */
public final class CApiCallWhileDetached extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT501",
          "c-api-call-while-detached",
          Severity.ERROR,
          "C API called while the thread state is detached",
          """
          # FT501 c-api-call-while-detached

          ## What it flags
          A call of the Python C API (every function or function-like macro in ftls' knowledge base,
          except the few listed below) made while the thread has detached its thread state:
          between `Py_BEGIN_ALLOW_THREADS` and `Py_END_ALLOW_THREADS`, between `Py_UNBLOCK_THREADS`
          and `Py_BLOCK_THREADS`, or after `PyEval_SaveThread()` / `PyEval_ReleaseThread()` and
          before `PyEval_RestoreThread()` / `PyEval_AcquireThread()`. A call of a function of the
          same file that itself uses the C API without attaching is flagged at the call.

          ## Why it matters without the GIL
          Detaching is still how a thread tells the interpreter that it will not touch Python
          objects, in the free-threaded build too: the garbage collector and other stop-the-world
          operations run while detached threads keep going. C API calls from a detached thread
          race with that collector (objects can be freed or moved between generations under your
          feet) and, in a debug build, stop with a fatal error. With the GIL the same code was a
          data race on the interpreter; without it there is not even the GIL to make it rare.

          ## Example
          ```c
          Py_BEGIN_ALLOW_THREADS
          n = read(fd, buf, size);
          if (n < 0) {
              PyErr_SetFromErrno(PyExc_OSError);   /* detached! */
          }
          Py_END_ALLOW_THREADS
          ```

          ## Use instead
          ```c
          Py_BEGIN_ALLOW_THREADS
          n = read(fd, buf, size);
          Py_END_ALLOW_THREADS
          if (n < 0) {
              return PyErr_SetFromErrno(PyExc_OSError);
          }
          ```
          To leave the detached region early, re-attach first with `Py_BLOCK_THREADS`.

          ## Fix
          None: which statements can move out of the detached region depends on what they share
          with the blocking call.

          ## What it does not flag
          Calls that are fine while detached (the one list lives in `ThreadStates.FINE_WHILE_DETACHED`):
          - `PyMem_RawMalloc`, `PyMem_RawCalloc`, `PyMem_RawRealloc`, `PyMem_RawFree`: the raw
            memory domain is documented as usable without a thread state;
          - `PyMutex_Lock`, `PyMutex_Unlock`, `PyMutex_IsLocked` and every `PyThread_*` function
            (locks, thread-local keys, thread ids): they work on any OS thread;
          - the thread-state calls themselves (`PyGILState_Ensure`/`Release`/`Check`,
            `PyEval_RestoreThread`, `PyThreadState_New`, ...): a `PyGILState_Ensure` ...
            `PyGILState_Release` block inside a detached region is attached, and is not flagged;
          - `Py_IsInitialized`, `Py_IsFinalizing`, `Py_FatalError`, and the `Py_Is*` comparisons;
          - the C string helpers `PyOS_snprintf`, `PyOS_vsnprintf`, `PyOS_strtol`, `PyOS_strtoul`,
            `PyOS_mystricmp`, `PyOS_mystrnicmp`;
          - plain field reads of objects the caller owns: `PyBytes_AS_STRING`, `PyBytes_GET_SIZE`,
            `PyByteArray_AS_STRING`, `PyUnicode_DATA`, `PyUnicode_KIND`, `PyUnicode_GET_LENGTH`,
            `PyUnicode_READ`/`WRITE`, `PyTuple_GET_SIZE`/`GET_ITEM`, `PyFloat_AS_DOUBLE`,
            `PyMemoryView_GET_BUFFER`: the usual way to hand a buffer to blocking code;
          - object-like macros (constants);
          - code after `Py_BLOCK_THREADS` on an early-exit path (`Py_BLOCK_THREADS; return ...;`).
          Thread start routines that never attached are FT504's; calls through function pointers
          are not followed.

          ## References
          - https://docs.python.org/3/c-api/threads.html#releasing-the-gil-from-extension-code
          - https://docs.python.org/3/howto/free-threading-extensions.html#thread-state-and-gil-apis
          - https://py-free-threading.github.io/porting-extensions/

          ## Proof
          [FT501-error-while-detached](https://github.com/ftls-dev/ftls/tree/main/test-workspaces/proof/FT501-error-while-detached)
          runs this race on a free-threaded CPython (a read raises its error before
          re-attaching; when another thread closes the descriptor, the process crashes);
          `scripts/prove.sh` shows `unsafe.c` failing and `fixed.c` holding (README, "Race
          proofs").
          """,
          false);

  public CApiCallWhileDetached() {
    super(META);
  }

  @Override
  public boolean concerns(String apiName, KnowledgeBase kb) {
    return ThreadStates.isTransition(apiName);
  }

  @Override
  public void check(RuleContext ctx) {
    ThreadStates states = ThreadStates.of(ctx);
    for (IASTFunctionDefinition fn : ctx.functions()) {
      if (states.steady(fn)) {
        continue; // attached throughout
      }
      for (CallSite c : ctx.callsIn(fn)) {
        CallSite use = states.apiUse(c);
        if (use == null) {
          continue;
        }
        List<ThreadStates.Frame> stack = states.stackAt(fn, ctx.start(fn), c.start(), ThreadStates.State.ATTACHED);
        ThreadStates.Frame top = stack.get(stack.size() - 1);
        if (top.state() != ThreadStates.State.DETACHED || top.cause() == null) {
          continue;
        }
        String where = top.cause().name() + " (line " + (ctx.source().lines().line(top.cause().start()) + 1) + ")";
        String message = use == c
            ? c.name() + " needs an attached thread state, but the thread detached at " + where
                + "; call it after re-attaching (Py_END_ALLOW_THREADS, Py_BLOCK_THREADS or PyEval_RestoreThread)"
            : "'" + c.name() + "' calls " + use.name() + " (line " + (ctx.source().lines().line(use.start()) + 1)
                + "), which needs an attached thread state, but it is called here after the thread detached at "
                + where;
        ctx.report(new Finding(META.id(), META.defaultSeverity(),
            (use == c ? c.name() : "'" + c.name() + "' (calls " + use.name() + ")") + " called while detached; re-attach the thread first",
            message, c.start(), c.nameEnd(), List.of()));
      }
    }
  }
}
