package dev.ftls.core.semantic;

import dev.ftls.core.kb.ApiEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;

/**
 * Whether a thread is attached to the interpreter at each point of a function. The state changes
 * at {@code Py_BEGIN_ALLOW_THREADS}/{@code Py_END_ALLOW_THREADS}, {@code Py_UNBLOCK_THREADS}/
 * {@code Py_BLOCK_THREADS}, {@code PyEval_SaveThread}/{@code PyEval_RestoreThread},
 * {@code PyEval_ReleaseThread}/{@code PyEval_AcquireThread}, {@code PyGILState_Ensure}/
 * {@code PyGILState_Release} and PEP 788's {@code PyThreadState_Ensure}/{@code _EnsureFromView}/
 * {@code PyThreadState_Release}, which nest like a stack; a re-attach on
 * an early-exit path ({@code Py_BLOCK_THREADS; return NULL;}) only lasts to the end of its block.
 * Also the one list of C API names that are fine to call while detached, and which of the file's
 * functions use the C API when they start detached.
 */
public final class ThreadStates {
  public enum State { ATTACHED, DETACHED }

  /** One level of the state stack and the call that made it (null for the function's entry state). */
  public record Frame(State state, CallSite cause) {}

  private static final Set<String> DETACH = Set.of(
      "Py_BEGIN_ALLOW_THREADS", "Py_UNBLOCK_THREADS", "PyEval_SaveThread", "PyEval_ReleaseThread");
  private static final Set<String> REATTACH = Set.of(
      "Py_END_ALLOW_THREADS", "Py_BLOCK_THREADS", "PyEval_RestoreThread", "PyEval_AcquireThread");
  public static final String ENSURE = "PyGILState_Ensure";
  public static final String RELEASE = "PyGILState_Release";
  /**
   * Each call that attaches a thread state until a matching release, and that release: the
   * PyGILState pair, and PEP 788's (3.15) PyThreadState_Ensure / PyThreadState_EnsureFromView,
   * which return a token for PyThreadState_Release, or NULL when they could not attach.
   */
  public static final Map<String, String> ENSURES = Map.of(
      ENSURE, RELEASE,
      "PyThreadState_Ensure", "PyThreadState_Release",
      "PyThreadState_EnsureFromView", "PyThreadState_Release");
  private static final Set<String> RELEASES = Set.copyOf(ENSURES.values());

  /** The low-level thread API (locks, thread-local keys, thread ids) works on any OS thread. */
  public static final String THREAD_PRIMITIVES = "PyThread_";

  /**
   * C API names that need no attached thread state, with the reason (besides every name that
   * starts with {@link #THREAD_PRIMITIVES}). Everything else the
   * knowledge base knows as a function or function-like macro needs one.
   */
  public static final Map<String, String> FINE_WHILE_DETACHED = fineWhileDetached();

  private static Map<String, String> fineWhileDetached() {
    Map<String, String> m = new LinkedHashMap<>();
    String raw = "the raw memory domain is documented as usable without an attached thread state";
    for (String n : List.of("PyMem_RawMalloc", "PyMem_RawCalloc", "PyMem_RawRealloc", "PyMem_RawFree")) {
      m.put(n, raw);
    }
    String mutex = "PyMutex needs no thread state (an attached thread detaches while it waits)";
    for (String n : List.of("PyMutex_Lock", "PyMutex_Unlock", "PyMutex_IsLocked")) {
      m.put(n, mutex);
    }
    String transition = "it is how a thread attaches, detaches or manages its thread state";
    for (String n : List.of(ENSURE, RELEASE, "PyThreadState_Ensure", "PyThreadState_EnsureFromView",
        "PyThreadState_Release", "PyInterpreterGuard_FromView", "PyInterpreterGuard_Close", "PyInterpreterView_Close",
        "PyInterpreterView_FromMain", "PyGILState_Check", "PyGILState_GetThisThreadState",
        "PyEval_SaveThread", "PyEval_RestoreThread", "PyEval_AcquireThread", "PyEval_ReleaseThread",
        "PyThreadState_New", "PyThreadState_Delete", "PyThreadState_Swap", "PyThreadState_GetUnchecked",
        "Py_BEGIN_ALLOW_THREADS", "Py_END_ALLOW_THREADS", "Py_BLOCK_THREADS", "Py_UNBLOCK_THREADS")) {
      m.put(n, transition);
    }
    m.put("Py_IsInitialized", "documented as callable without an attached thread state");
    m.put("Py_IsFinalizing", "documented as callable without an attached thread state");
    m.put("Py_FatalError", "it ends the process and may be called from any thread");
    String text = "a plain C string helper that touches no interpreter state";
    for (String n : List.of("PyOS_snprintf", "PyOS_vsnprintf", "PyOS_strtol", "PyOS_strtoul", "PyOS_mystricmp",
        "PyOS_mystrnicmp")) {
      m.put(n, text);
    }
    String compare = "a pointer comparison with a constant object";
    for (String n : List.of("Py_Is", "Py_IsNone", "Py_IsTrue", "Py_IsFalse")) {
      m.put(n, compare);
    }
    String accessor = "a plain read of a field of an object the caller owns a reference to; the usual "
        + "way to hand a buffer to blocking code";
    for (String n : List.of("PyBytes_AS_STRING", "PyBytes_GET_SIZE", "PyByteArray_AS_STRING",
        "PyByteArray_GET_SIZE", "PyUnicode_DATA", "PyUnicode_KIND", "PyUnicode_GET_LENGTH", "PyUnicode_READ",
        "PyUnicode_WRITE", "PyUnicode_MAX_CHAR_VALUE", "PyTuple_GET_SIZE", "PyTuple_GET_ITEM",
        "PyFloat_AS_DOUBLE", "PyMemoryView_GET_BUFFER")) {
      m.put(n, accessor);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  private record Event(int offset, int reach, CallSite call) {}

  private final FileModel ctx;
  private final Map<IASTFunctionDefinition, List<Event>> events = new IdentityHashMap<>();
  private final Map<IASTFunctionDefinition, Optional<CallSite>> attachedUse = new IdentityHashMap<>();
  private final Map<String, Boolean> inProgress = new HashMap<>();

  /** Functions of this file that detach (or re-attach) and return in that state, e.g. release_GIL(). */
  private final Set<String> detachingHelpers = new java.util.HashSet<>();
  private final Set<String> attachingHelpers = new java.util.HashSet<>();

  private ThreadStates(FileModel ctx) {
    this.ctx = ctx;
    for (IASTFunctionDefinition fn : ctx.functions()) {
      int net = 0;
      for (CallSite c : ctx.callsIn(fn)) {
        net += DETACH.contains(c.name()) ? 1 : REATTACH.contains(c.name()) ? -1 : 0;
      }
      if (net > 0) {
        detachingHelpers.add(CallGraph.nameOf(fn));
      } else if (net < 0) {
        attachingHelpers.add(CallGraph.nameOf(fn));
      }
    }
    for (IASTFunctionDefinition fn : ctx.functions()) {
      List<Event> list = new ArrayList<>();
      for (CallSite c : ctx.callsIn(fn)) {
        // a transition inside a block that leaves (return, goto, ...) only matters within it;
        // this holds for detaching as much as for re-attaching (psutil's timeout branch)
        if (isTransition(c.name()) || detachingHelpers.contains(c.name()) || attachingHelpers.contains(c.name())) {
          list.add(new Event(c.end(), ExitPaths.reach(ctx, c), c));
        }
      }
      events.put(fn, list);
    }
  }

  /**
   * Whether a function calls nothing that changes the thread state (no transition and no helper
   * of this file that detaches or attaches): its stack is then its entry state throughout.
   */
  public boolean steady(IASTFunctionDefinition fn) {
    return events.getOrDefault(fn, List.of()).isEmpty();
  }

  /** The facts of a file, computed once per file. */
  public static ThreadStates of(FileModel ctx) {
    return ctx.shared(ThreadStates.class, ThreadStates::new);
  }

  /** Whether a call changes the thread state (and is therefore fine in any state). */
  public static boolean isTransition(String name) {
    return DETACH.contains(name) || REATTACH.contains(name) || ENSURES.containsKey(name) || RELEASES.contains(name);
  }

  /** Whether an attaching call can fail and then attaches nothing (PEP 788's, which return NULL). */
  public static boolean ensureMayFail(String name) {
    return ENSURES.containsKey(name) && !name.equals(ENSURE);
  }

  /** Whether a call is C API that needs an attached thread state. */
  public static boolean needsAttached(FileModel ctx, CallSite c) {
    if (FINE_WHILE_DETACHED.containsKey(c.name()) || c.name().startsWith(THREAD_PRIMITIVES)
        || (c.macro() && c.end() == c.nameEnd())) {
      return false;
    }
    Optional<ApiEntry> e = ctx.kb().get(c.name());
    return e.isPresent() && ("function".equals(e.get().kind()) || "macro".equals(e.get().kind()));
  }

  /** The state stack at an offset of a function, entered in state {@code initial}, counting events from {@code from}. */
  public List<Frame> stackAt(IASTFunctionDefinition fn, int from, int offset, State initial) {
    return stackAt(fn, from, offset, initial, false);
  }

  /**
   * The stack; with {@code helpers}, calls of this file's detaching/attaching helpers count as
   * transitions too. Helpers often detach only under a condition (regex's release_GIL), so they
   * are used only to keep quiet (FT502), never to report.
   */
  private List<Frame> stackAt(IASTFunctionDefinition fn, int from, int offset, State initial, boolean helpers) {
    List<Frame> stack = new ArrayList<>();
    stack.add(new Frame(initial, null));
    for (Event e : events.getOrDefault(fn, List.of())) {
      if (e.offset > offset) {
        break;
      }
      if (e.offset < from || offset >= e.reach) {
        continue;
      }
      String n = e.call.name();
      if (!helpers && !isTransition(n)) {
        continue;
      }
      Frame top = stack.get(stack.size() - 1);
      if (DETACH.contains(n) || detachingHelpers.contains(n)) {
        stack.add(new Frame(State.DETACHED, e.call));
      } else if (ENSURES.containsKey(n)) {
        stack.add(new Frame(State.ATTACHED, e.call));
      } else if (REATTACH.contains(n) || attachingHelpers.contains(n)) {
        if (top.state == State.DETACHED && stack.size() > 1) {
          stack.remove(stack.size() - 1);
        } else {
          stack.add(new Frame(State.ATTACHED, e.call));
        }
      } else if (RELEASES.contains(n) && stack.size() > 1 && top.cause != null
          && n.equals(ENSURES.get(top.cause.name()))) {
        stack.remove(stack.size() - 1);
      }
    }
    return stack;
  }

  /**
   * The state at an offset of a function entered in state {@code initial}, counting this file's
   * detaching helpers (for keeping quiet about blocking calls only).
   */
  public State stateAt(IASTFunctionDefinition fn, int offset, State initial) {
    List<Frame> s = stackAt(fn, ctx.start(fn), offset, initial, true);
    return s.get(s.size() - 1).state;
  }

  /**
   * The first call in the range [from, to) of a function that needs an attached thread state while
   * the thread is detached, when the code there starts {@code initial}: a C API call, or a call of
   * a function of this file that does so itself (then the result is that call of the helper).
   */
  public CallSite firstDetachedUse(IASTFunctionDefinition fn, int from, int to, State initial) {
    for (CallSite c : ctx.callsIn(fn)) {
      if (c.start() < from || c.start() >= to) {
        continue;
      }
      boolean candidate = needsAttached(ctx, c) || ctx.callGraph().function(c.name()) != null;
      if (!candidate) {
        continue;
      }
      List<Frame> s = stackAt(fn, from, c.start(), initial);
      if (s.get(s.size() - 1).state == State.DETACHED && apiUse(c) != null) {
        return c;
      }
    }
    return null;
  }

  /**
   * The C API call that a call amounts to when made while detached: the call itself when it
   * needs an attached thread state, the offending call inside a helper of this file that uses the
   * C API without attaching, else null.
   */
  public CallSite apiUse(CallSite c) {
    if (needsAttached(ctx, c)) {
      return c;
    }
    IASTFunctionDefinition helper = ctx.callGraph().function(c.name());
    return helper == null ? null : attachedUseOf(helper);
  }

  /** The call by which a function of this file, entered detached, uses the C API; null when it does not. */
  public CallSite attachedUseOf(IASTFunctionDefinition helper) {
    Optional<CallSite> known = attachedUse.get(helper);
    if (known != null) {
      return known.orElse(null);
    }
    String key = CallGraph.nameOf(helper);
    if (inProgress.putIfAbsent(key, Boolean.TRUE) != null) {
      return null;
    }
    CallSite use = firstDetachedUse(helper, ctx.start(helper), ctx.end(helper), State.DETACHED);
    inProgress.remove(key);
    attachedUse.put(helper, Optional.ofNullable(use));
    return use;
  }
}
