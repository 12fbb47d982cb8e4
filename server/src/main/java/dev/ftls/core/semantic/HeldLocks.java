package dev.ftls.core.semantic;

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
 * the file and its headers that expand to a lock call ({@code #define LOCK() PyMutex_Lock(&m)})
 * count as that call, and so do calls of wrapper functions that take or release a lock for their
 * caller, in the file or (through the project index) in another file. An unlock on an early-exit path does not end the locked region for the code after it.
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
  /** Lock calls by name: the known ones and the macros that expand to them. */
  private final Set<String> directAcquire = new HashSet<>(ACQUIRE);
  private final Set<String> directRelease = new HashSet<>(RELEASE);
  /** Those and the wrapper functions that take or release a lock for their caller. */
  private final Set<String> acquire = new HashSet<>();
  private final Set<String> release = new HashSet<>();
  /** The lock macros' definitions: the expansion, then the parameter names. */
  private final Map<String, String[]> definitions = new java.util.HashMap<>();

  private HeldLocks(FileModel ctx, ProjectView project) {
    addLockMacros(ctx);
    acquire.addAll(directAcquire);
    release.addAll(directRelease);
    addWrappers(ctx, project);
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

  /** The lock facts of a file, with the project's lock wrappers; computed once per file. */
  public static HeldLocks of(FileModel ctx) {
    return ctx.shared(HeldLocks.class, m -> new HeldLocks(m, m.project()));
  }

  /** The lock facts the file shows by itself (what a summary of it for the project index may say). */
  public static HeldLocks fileOnly(FileModel ctx) {
    return ctx.project().indexed() ? new HeldLocks(ctx, ProjectView.NONE) : of(ctx);
  }

  /** Whether a call of this name takes a lock itself (a lock function or a macro for one). */
  public boolean isAcquireCall(String name) {
    return directAcquire.contains(name);
  }

  /** Whether a call of this name releases a lock itself (an unlock function or a macro for one). */
  public boolean isReleaseCall(String name) {
    return directRelease.contains(name);
  }

  /**
   * Functions that leave a lock taken for their caller ({@code static void lock_cache(void)
   * { PyMutex_Lock(&m); }}) or release one: those of this file, counted by their own lock calls
   * and the wrappers they call, and, from the project index, those defined in other files.
   */
  private void addWrappers(FileModel ctx, ProjectView project) {
    Map<String, Integer> effect = new java.util.HashMap<>();
    java.nio.file.Path path = ctx.source().path();
    boolean changed = true;
    for (int round = 0; changed && round < 8; round++) {
      changed = false;
      for (IASTFunctionDefinition fn : ctx.functions()) {
        int sum = 0;
        for (CallSite c : ctx.callsIn(fn)) {
          String n = c.name();
          if (directAcquire.contains(n)) {
            sum++;
          } else if (directRelease.contains(n)) {
            sum--;
          } else if (ctx.callGraph().function(n) != null) {
            sum += effect.getOrDefault(n, 0);
          } else if (!n.startsWith("Py") && !n.startsWith("_Py")) {
            sum += project.lockEffect(path, n);
          }
        }
        String name = CallGraph.nameOf(fn);
        if (Integer.signum(sum) != effect.getOrDefault(name, 0)) {
          effect.put(name, Integer.signum(sum));
          changed = true;
        }
      }
    }
    for (Map.Entry<String, Integer> e : effect.entrySet()) {
      (e.getValue() > 0 ? acquire : release).add(e.getKey());
    }
    if (project.indexed()) {
      for (CallSite c : ctx.calls()) {
        String n = c.name();
        if (ctx.callGraph().function(n) == null && !acquire.contains(n) && !release.contains(n)
            && !n.startsWith("Py") && !n.startsWith("_Py")) {
          int e = project.lockEffect(path, n);
          if (e > 0) {
            acquire.add(n);
          } else if (e < 0) {
            release.add(n);
          }
        }
      }
    }
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

  /**
   * Macros that expand to a lock call ({@code #define LOCK() PyMutex_Lock(&m)}), defined in the
   * file or in a header it includes; CPython's own macros are known by name already. The headers'
   * are worked out once per cached preamble.
   */
  private void addLockMacros(FileModel ctx) {
    LockMacros fromHeaders = ctx.headerMacros().memo("held-locks", LockMacros.class, LockMacros::of);
    directAcquire.addAll(fromHeaders.acquire);
    directRelease.addAll(fromHeaders.release);
    definitions.putAll(fromHeaders.definitions);
    Map<String, String> own = new java.util.HashMap<>();
    for (IASTPreprocessorMacroDefinition m : ctx.ast().getMacroDefinitions()) {
      own.put(m.getName().toString(), dev.ftls.core.parse.MacroExpansion.of(m));
    }
    LockMacros mine = LockMacros.of(own);
    directAcquire.addAll(mine.acquire);
    directRelease.addAll(mine.release);
    definitions.putAll(mine.definitions);
  }

  /**
   * A call of a lock macro as the lock call it expands to ({@code LOCK()} with {@code #define
   * LOCK() PyMutex_Lock(&m)} is {@code PyMutex_Lock(&m)}, {@code ACQUIRE(st)} with {@code #define
   * ACQUIRE(s) PyThread_acquire_lock((s)->lock, 1)} is {@code PyThread_acquire_lock((st)->lock, 1)}),
   * at the macro call's place; any other call as it is.
   */
  public CallSite expanded(CallSite c) {
    String[] def = definitions.get(c.name());
    if (def == null) {
      return c;
    }
    String exp = def[1];
    for (int i = 0; i < def.length - 2 && i < c.args().size(); i++) {
      exp = exp.replaceAll("\\b" + java.util.regex.Pattern.quote(def[i + 2]) + "\\b",
          java.util.regex.Matcher.quoteReplacement(c.args().get(i).text()));
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b(\\w+)\\s*\\(").matcher(exp);
    while (m.find()) {
      if (ACQUIRE.contains(m.group(1)) || RELEASE.contains(m.group(1))) {
        List<CallSite.Arg> args = new ArrayList<>();
        int depth = 0;
        int from = m.end();
        for (int i = m.end(); i < exp.length(); i++) {
          char ch = exp.charAt(i);
          if (ch == '(') {
            depth++;
          } else if ((ch == ',' && depth == 0) || (ch == ')' && depth-- == 0)) {
            args.add(new CallSite.Arg(exp.substring(from, i).strip(), c.start(), c.end()));
            from = i + 1;
            if (ch == ')') {
              break;
            }
          }
        }
        return new CallSite(m.group(1), c.start(), c.end(), c.nameEnd(), List.copyOf(args), c.node(), c.function(), true);
      }
    }
    return c;
  }

  /** The macros among some that take a lock, and those that release one. */
  private record LockMacros(Set<String> acquire, Set<String> release, Map<String, String[]> definitions) {
    static LockMacros of(Map<String, String> macros) {
      Set<String> acquire = new HashSet<>();
      Set<String> release = new HashSet<>();
      Map<String, String[]> definitions = new java.util.HashMap<>();
      for (Map.Entry<String, String> m : macros.entrySet()) {
        String key = m.getKey();
        int paren = key.indexOf('(');
        String name = paren < 0 ? key : key.substring(0, paren).strip(); // "LOCK()" -> "LOCK"
        String exp = m.getValue();
        if (name.startsWith("Py") || name.startsWith("_Py") || exp == null || exp.indexOf('_') < 0) {
          continue;
        }
        if (!mayNameALockCall(exp)) {
          continue; // most of a header's thousands of macros: three searches instead of 27
        }
        boolean takes = ACQUIRE.stream().anyMatch(exp::contains);
        boolean gives = RELEASE.stream().anyMatch(exp::contains);
        if (takes != gives) {
          (takes ? acquire : release).add(name);
          List<String> def = new ArrayList<>();
          def.add(key);
          def.add(exp);
          if (paren >= 0 && key.endsWith(")")) {
            for (String p : key.substring(paren + 1, key.length() - 1).split(",")) {
              if (!p.isBlank()) {
                def.add(p.strip());
              }
            }
          }
          definitions.put(name, def.toArray(new String[0]));
        }
      }
      return new LockMacros(Set.copyOf(acquire), Set.copyOf(release), Map.copyOf(definitions));
    }
  }

  /** What every name of {@link #ACQUIRE} and {@link #RELEASE} contains one of (HeldLocksTest checks it). */
  static final List<String> LOCK_CALL_PARTS = List.of("ock", "ritical", "RITICAL");

  /** Whether a text may contain the name of a lock call: false when it has none of their common parts. */
  static boolean mayNameALockCall(String text) {
    for (String part : LOCK_CALL_PARTS) {
      if (text.contains(part)) {
        return true;
      }
    }
    return false;
  }

  private static void addScopedGuards(FileModel ctx, IASTFunctionDefinition fn, List<Event> list) {
    for (SyntaxWalk.Guard g : SyntaxWalk.scopedLockGuards(ctx, fn)) {
      list.add(new Event(g.end(), g.blockEnd(), 1));
    }
  }
}
