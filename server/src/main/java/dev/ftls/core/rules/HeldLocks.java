package dev.ftls.core.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorMacroDefinition;

/**
 * Where a function holds a lock: between a lock call and its unlock (PyMutex, PyThread locks,
 * pthread and Windows locks, C11 mtx_t), inside a critical section, below a C++ scoped guard
 * ({@code std::lock_guard}, {@code std::unique_lock}, {@code std::scoped_lock}, nanobind's
 * {@code nb::ft_lock_guard}), or inside the callable given to {@code std::call_once}. Macros of
 * the file that expand to a lock call ({@code #define LOCK() PyMutex_Lock(&m)}) count as that
 * call. An unlock on an early-exit path does not end the locked region for the code after it.
 */
public final class HeldLocks {
  /** Calls that take a lock and hold it until the matching release. */
  public static final Set<String> ACQUIRE = Set.of(
      "PyMutex_Lock", "PyThread_acquire_lock", "PyThread_acquire_lock_timed", "pthread_mutex_lock",
      "pthread_rwlock_wrlock", "pthread_spin_lock", "mtx_lock", "EnterCriticalSection",
      "AcquireSRWLockExclusive", "PyCriticalSection_Begin", "PyCriticalSection2_Begin",
      "Py_BEGIN_CRITICAL_SECTION", "Py_BEGIN_CRITICAL_SECTION2", "Py_BEGIN_CRITICAL_SECTION_MUTEX",
      "Py_BEGIN_CRITICAL_SECTION2_MUTEX");
  /** Calls that release what one of {@link #ACQUIRE} took. */
  public static final Set<String> RELEASE = Set.of(
      "PyMutex_Unlock", "PyThread_release_lock", "pthread_mutex_unlock", "pthread_rwlock_unlock",
      "pthread_spin_unlock", "mtx_unlock", "LeaveCriticalSection", "ReleaseSRWLockExclusive",
      "PyCriticalSection_End", "PyCriticalSection2_End", "Py_END_CRITICAL_SECTION",
      "Py_END_CRITICAL_SECTION2");

  private record Event(int offset, int reach, int delta) {}

  private final Map<IASTFunctionDefinition, List<Event>> events = new IdentityHashMap<>();
  private final Set<String> acquire = new HashSet<>(ACQUIRE);
  private final Set<String> release = new HashSet<>(RELEASE);

  private HeldLocks(RuleContext ctx) {
    addFileMacros(ctx);
    for (IASTFunctionDefinition fn : ctx.functions()) {
      List<Event> list = new ArrayList<>();
      for (CallSite c : ctx.callsIn(fn)) {
        if (acquire.contains(c.name())) {
          list.add(new Event(c.end(), ctx.end(fn), 1));
        } else if (release.contains(c.name())) {
          list.add(new Event(c.start(), ExitPaths.reach(ctx, c), -1));
        } else if (c.name().endsWith("call_once") && c.end() > c.nameEnd()) {
          list.add(new Event(c.nameEnd(), c.end(), 1));
        } else if (c.name().startsWith("PyObject_Call") && c.arg(0) != null) {
          // a Python-level lock object called from C: self->lock_data / self->unlock_data
          String callee = c.arg(0).replaceAll("\\s", "");
          String last = callee.replaceAll("^.*(->|\\.)", "").toLowerCase(java.util.Locale.ROOT);
          if (last.matches("unlock\\w*|\\w*_unlock\\w*|release\\w*")) {
            list.add(new Event(c.start(), ExitPaths.reach(ctx, c), -1));
          } else if (last.matches("lock\\w*|\\w*_lock\\w*|acquire\\w*")) {
            list.add(new Event(c.end(), ctx.end(fn), 1));
          }
        }
      }
      addScopedGuards(ctx, fn, list);
      list.sort((a, b) -> Integer.compare(a.offset, b.offset));
      events.put(fn, list);
    }
  }

  /** The lock facts of a file, computed once per file. */
  public static HeldLocks of(RuleContext ctx) {
    return ctx.shared(HeldLocks.class, HeldLocks::new);
  }

  /** Whether some lock is held at an offset inside a function. */
  public boolean heldAt(IASTFunctionDefinition fn, int offset) {
    int depth = 0;
    for (Event e : events.getOrDefault(fn, List.of())) {
      if (e.offset >= offset) {
        break;
      }
      if (offset < e.reach) {
        depth = Math.max(0, depth + e.delta);
      }
    }
    return depth > 0;
  }

  private void addFileMacros(RuleContext ctx) {
    for (IASTPreprocessorMacroDefinition m : ctx.ast().getMacroDefinitions()) {
      if (!ctx.inFile(m)) {
        continue;
      }
      String exp = m.getExpansion();
      String name = m.getName().toString();
      boolean takes = ACQUIRE.stream().anyMatch(exp::contains);
      boolean gives = RELEASE.stream().anyMatch(exp::contains);
      if (takes && !gives) {
        acquire.add(name);
      } else if (gives && !takes) {
        release.add(name);
      }
    }
  }

  private static void addScopedGuards(RuleContext ctx, IASTFunctionDefinition fn, List<Event> list) {
    for (SyntaxWalk.Guard g : SyntaxWalk.scopedLockGuards(ctx, fn)) {
      list.add(new Event(g.end(), g.blockEnd(), 1));
    }
  }
}
