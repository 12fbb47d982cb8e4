package dev.ftls.core.rules.builtin;

import dev.ftls.core.fix.Fix;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.GlobalWrites;
import java.util.List;
import java.util.Set;

/** FT301: a file-scope or function-static variable written by code any thread can run, with no lock. */
public final class UnsynchronizedGlobalWrite extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT301",
          "unsynchronized-global-write",
          Severity.WARNING,
          "Global or static variable written without a lock outside module initialization",
          """
          # FT301 unsynchronized-global-write

          ## What it flags
          A write (`=`, `+=` and the other compound assignments, `++`, `--`, also through
          `Py_CLEAR`, `Py_SETREF` and `Py_XSETREF`) to a file-scope or function-`static` variable, to an
          element of a global array or to a member of a global struct, in a function that other
          threads can run at the same time, with no lock held. Also writes that reach such a variable
          indirectly: through a local pointer that only ever holds its address (`long *p = &total;
          *p += 1;`), by a library call that fills it (`memcpy`, `memmove`, `memset`, `strcpy`,
          `strncpy`, `strcat`, `sprintf`, `snprintf` and the like with `global_buffer` or `&global` as
          the destination), and by a function of the same file that writes through the pointer it
          is given (`fill(&total)` when `fill` does `*out = ...`). In C++ also: static data members
          (`Counters::created++`), namespace-scope and function-local `static` objects changed by
          `map[key] = value` or by a member function that changes a container, string or smart
          pointer (`push_back`, `insert`, `emplace`, `erase`, `clear`, `reset`, ...), members of global
          objects (`g_state.count = 1`), also inside the lambdas a `PYBIND11_MODULE` or `NB_MODULE`
          body hands to `m.def(...)`: they run later, in the callers' threads. The finding points
          at the variable's declaration as a related location. Writes to a `PyObject *` (or any
          `Py...Object *`) are errors: another thread may be using the old object while it is
          released. Writes to counters, flags and other plain data are warnings.

          ## Why it matters without the GIL
          With the GIL only one thread ran extension code at a time, so `calls++` or
          `Py_SETREF(last_result, r)` on a global could not interleave with another thread.
          In the free-threaded build two threads run the same function truly in parallel: counters
          lose updates, and a global object pointer can be read by one thread while another
          replaces it and drops the last reference, a use-after-free.

          ## Example
          ```c
          static PyObject *last_result = NULL;
          static long calls = 0;

          static PyObject *
          compute(PyObject *self, PyObject *arg)
          {
              calls++;
              Py_XSETREF(last_result, Py_NewRef(arg));
              ...
          }
          ```

          ## Use instead
          Keep per-module state in the module object (`PyModule_GetState`), or protect the global
          with a `PyMutex` (3.13+), or make it atomic or thread-local:
          ```c
          static PyMutex state_lock;
          static _Atomic long calls;

          calls++;                          /* atomic increment */
          PyMutex_Lock(&state_lock);
          Py_XSETREF(last_result, Py_NewRef(arg));
          PyMutex_Unlock(&state_lock);
          ```

          ## Fix
          None: whether the variable needs a lock, an atomic type, thread-local storage, or should
          move into module state is a design decision.

          ## What it does not flag
          - writes during module initialization: in `PyInit_*`, in the functions named in
            `Py_mod_exec` slots, and in functions of the file that only those call (the import lock
            serializes them);
          - writes in module teardown (the `m_clear` and `m_free` functions of the `PyModuleDef`),
            such as `Py_CLEAR(cache)`: the module is going away and no other thread calls into it;
          - writes in callbacks of `pthread_once`, `std::call_once` or `InitOnceExecuteOnce`, and
            inside the callable given to `std::call_once`;
          - writes with a lock held: between `PyMutex_Lock`/`PyMutex_Unlock`,
            `PyThread_acquire_lock`/`PyThread_release_lock`, `pthread_mutex_lock`/`unlock`, the
            Windows and C11 equivalents, inside `Py_BEGIN_CRITICAL_SECTION` ...
            `Py_END_CRITICAL_SECTION`, below a C++ `std::lock_guard`/`std::unique_lock`/
            `std::scoped_lock`, through a macro of the file or its headers that expands to one of
            these, or through a project function that takes the lock for its caller
            (`registry_lock()`, in any file); also writes in a helper that is only ever called with
            a lock held;
          - the body of `PYBIND11_MODULE`/`NB_MODULE` itself (it runs once, at import), and the
            initialization of a C++ function-local `static` (C++11 makes it thread-safe; only
            later writes count);
          - member functions that only read (`find`, `size`, `count`, `at` used for reading), and
            `std::atomic` members (`g_state.hits++` when `hits` is atomic);
          - writes in set-up code: module initialization and teardown, once-callbacks, and
            functions whose every caller (in this file or, through the project index, in others)
            is set-up code;
          - variables declared `_Atomic`, `std::atomic<...>`, `atomic_int` and the like, and
            thread-local ones (`_Thread_local`, `thread_local`, `__thread`, `__declspec(thread)`,
            `Py_THREAD_LOCAL`, a `..._TLS` macro), with or without `static`, before or after it;
          - `const` and `constexpr` variables, and variables whose address is passed to a function
            ftls cannot see into (a library function such as `PyArg_ParseTuple(args, "O", &global)`,
            or a function of another file);
          - writes through a global pointer (`global->field = x`, `ptr[i] = x` for a pointer) and
            copies into the buffer it points to: the pointee is often per-object state;
          - writes through a local pointer that is also set to something else in the function
            (ftls does not follow which value it holds where);
          - code in branches inactive for the target, and any target without free threading;
          - writes FT302 already reports as a lazily filled cache.
          Known false positives: a helper called only from a lambda inside `PYBIND11_MODULE` is
          taken as set-up code (a known miss, not a false alarm); a function that is only called
          with a lock held through a
          function pointer is still treated as callable from any thread, and so is one called
          only from another file's initialization code when the project index is off
          (`--no-index`); suppress such findings with a reason.

          ## References
          - https://docs.python.org/3/howto/free-threading-extensions.html#protecting-internal-extension-state
          - https://py-free-threading.github.io/porting-extensions/#dealing-with-global-state
          - https://docs.python.org/3/c-api/init.html#c.PyMutex

          ## Proof
          [FT301-global-counter](https://github.com/ftls-dev/ftls/tree/main/test-workspaces/proof/FT301-global-counter)
          runs this race on a free-threaded CPython (a global call counter bumped by 8 threads at
          once loses calls); `scripts/prove.sh` shows `unsafe.c` failing and `fixed.c` holding
          (README, "Race proofs").
          """,
          false);

  public UnsynchronizedGlobalWrite() {
    super(META, CONCERNS);
  }

  private static final Set<String> CONCERNS = Set.of(
      "PyMutex", "PyMutex_Lock", "PyMutex_Unlock", "PyThread_tss_create", "PyThread_tss_get",
      "PyThread_tss_set", "PyModule_GetState");

  @Override
  public void check(RuleContext ctx) {
    if (!ctx.target().freeThreaded()) {
      return;
    }
    for (GlobalWrites.Write w : GlobalWrites.of(ctx).writes()) {
      if (w.protection() != null || w.lazyCheck() != null) {
        continue;
      }
      GlobalWrites.Variable v = w.var();
      String kind = v.functionStatic() ? "static variable" : "global variable";
      String how = w.via() == null ? "" : " (" + w.via() + ")";
      String message;
      Severity severity;
      if (v.objectPointer()) {
        severity = Severity.ERROR;
        message = "The " + kind + " '" + v.name() + "' holds a Python object and is replaced here" + how
            + " without a lock: another thread can still be using the old object when it is released; protect it "
            + "with a PyMutex or keep it in module state";
      } else {
        severity = Severity.WARNING;
        message = "The " + kind + " '" + v.name() + "' is written here" + how + " without a lock: threads that run "
            + "this code at the same time race on it; use a PyMutex, an atomic or thread-local variable";
      }
      ctx.report(new Finding(META.id(), severity,
          (v.objectPointer() ? "Object in " + kind + " '" + v.name() + "' replaced without a lock; use a PyMutex" : "The " + kind + " '" + v.name() + "' is written without a lock; use a PyMutex or atomic"),
          message, w.start(), w.end(), List.of(), declaration(ctx, v)));
    }
  }

  /** The variable's declaration in this file, as the place the finding refers to. */
  private static List<Finding.Related> declaration(RuleContext ctx, GlobalWrites.Variable v) {
    if (v.definedElsewhere() || !ctx.inFile(v.declarator())) {
      return List.of();
    }
    int at = ctx.nameOffset(v.declarator().getName());
    return at < 0 ? List.of()
        : List.of(new Finding.Related("'" + v.name() + "' is declared here", at, at + v.declarator().getName().toString().length()));
  }
}
