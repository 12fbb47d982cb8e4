package dev.ftls.core.rules.builtin;

import dev.ftls.core.fix.Fix;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.BlockingCalls;
import dev.ftls.core.semantic.BlockingFunctions;
import dev.ftls.core.semantic.CallGraph;
import dev.ftls.core.semantic.CallSite;
import dev.ftls.core.semantic.SyntaxWalk;
import dev.ftls.core.semantic.ThreadRoutines;
import dev.ftls.core.semantic.ThreadStates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTFieldReference;
import org.eclipse.cdt.core.dom.ast.IASTFunctionCallExpression;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTParameterDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;

/** FT502: a blocking call made while attached, in a function that uses the C API. */
public final class BlockingCallWhileAttached extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT502",
          "blocking-call-while-attached",
          Severity.INFORMATION,
          "Blocking call made without detaching the thread state",
          """
          # FT502 blocking-call-while-attached

          ## What it flags
          In a function that uses the C API, a call that can block for a long time made while the
          thread is attached (outside `Py_BEGIN_ALLOW_THREADS` ... `Py_END_ALLOW_THREADS` and the
          other detached regions): sleeping (`sleep`, `usleep`, `nanosleep`, `Sleep`,
          `std::this_thread::sleep_for`), I/O on descriptors, sockets and files (`read`, `write`,
          `recv`, `send`, `accept`, `select`, `poll`, `epoll_wait`, `fread`, `fwrite`, ...),
          opening a path (`open`, `fopen`), the network and name lookups (`connect`,
          `getaddrinfo`, `getnameinfo`, `gethostbyname`, `getifaddrs`), flushing to disk (`fsync`,
          `fdatasync`), waiting for processes and threads (`waitpid`, `wait`, `pthread_join`,
          `pthread_cond_wait`, `WaitForSingleObject`), and taking locks that do not know about
          Python (`pthread_mutex_lock`, `sem_wait`, `flock`, `fcntl(fd, F_SETLKW, ...)`,
          `EnterCriticalSection`, `PyThread_acquire_lock` with `WAIT_LOCK`, C++ `m.lock()` on a
          `std::mutex` and `std::lock_guard`/`std::unique_lock`/`std::scoped_lock` on one). The
          message says why the call blocks.

          Also calls, made while attached, of a helper of the same file that does not use the C API
          and makes such a call itself (or through another such helper) outside a detached region:
          `fill_buffer(fd, buf)` whose body calls `read`. The message names the blocking call
          inside the helper.

          ## Why it matters without the GIL
          The free-threaded build has no GIL for such a call to hold, but the thread is still
          attached, and stop-the-world operations such as garbage collection wait until every
          attached thread reaches a safe point. A thread sleeping or blocked on I/O while attached
          stalls every other thread for as long as it blocks. Waiting for a lock while attached can
          deadlock: the thread holding the lock may itself wait for the stop-the-world pause. The
          CPython docs ask extensions to keep detaching around blocking work in both builds.

          ## Example
          ```c
          static PyObject *
          wait_ready(PyObject *self, PyObject *arg)
          {
              int fd = PyLong_AsInt(arg);
              char c;
              ssize_t n = read(fd, &c, 1);
              return PyLong_FromSsize_t(n);
          }
          ```

          ## Use instead
          ```c
              ssize_t n;
              Py_BEGIN_ALLOW_THREADS
              n = read(fd, &c, 1);
              Py_END_ALLOW_THREADS
          ```
          For a lock, prefer `PyMutex`, which detaches by itself while it waits.

          ## Fix
          None: the blocking call's arguments and results must not be Python objects while
          detached, which needs a look at the code around it.

          ## What it does not flag
          - calls inside a detached region, or in a thread start routine before it attaches;
          - functions that do not use the C API (plain C helpers);
          - `PyMutex_Lock` and critical sections, which detach while waiting;
          - `PyThread_acquire_lock(lock, NOWAIT_LOCK)` and other non-blocking attempts;
          - calls of a function of the same file that has one of these names;
          - helpers that use the C API themselves (a blocking call in them is reported where it
            is), helpers that detach around their blocking call, and helpers defined in other
            files (not followed);
          - blocking calls inside a critical section: FT407 reports those.
          The list of blocking calls is ftls' one list, `BlockingCalls` (without `PyMutex_Lock` and
          the detaching calls themselves); methods count on objects declared with a C++ mutex,
          thread, condition-variable, semaphore, latch, barrier or future type. Known false
          positives: `read`/`write` on a regular file, a non-blocking descriptor or a pipe that
          never blocks (ftls cannot know how a descriptor was opened), `open` of a local file, and code
          after a helper of yours that detaches (`session_detach(&s)` storing the
          `PyEval_SaveThread()` result in a struct): the detach is not followed into helpers.
          This is why the severity is information.

          ## References
          - https://docs.python.org/3/howto/free-threading-extensions.html#thread-state-and-gil-apis
          - https://docs.python.org/3/c-api/threads.html#releasing-the-gil-from-extension-code
          - https://py-free-threading.github.io/porting-extensions/

          ## Proof
          [FT502-lock-while-attached](https://github.com/ftls-dev/ftls/tree/main/test-workspaces/proof/FT502-lock-while-attached)
          runs this race on a free-threaded CPython (threads wait for a pthread mutex
          while attached, its holder detaches for I/O, and a garbage collection on another
          thread then deadlocks with both); `scripts/prove.sh` shows `unsafe.c` hanging
          and `fixed.c` holding (README, "Race proofs").
          """,
          false);

  public BlockingCallWhileAttached() {
    super(META, Set.of("Py_BEGIN_ALLOW_THREADS", "Py_END_ALLOW_THREADS", "PyEval_SaveThread", "PyThread_acquire_lock"));
  }

  /** The C++ types whose blocking methods ({@link BlockingCalls#METHODS}) are flagged. */
  private static final Pattern BLOCKING_TYPES =
      Pattern.compile("mutex|\\bj?thread\\b|condition_variable|semaphore|latch|barrier|future");
  private static final Pattern SCOPED_LOCK = Pattern.compile("lock_guard|unique_lock|scoped_lock");

  private record Blocking(int start, int end, String what, String why) {}

  @Override
  public void check(RuleContext ctx) {
    ThreadStates states = ThreadStates.of(ctx);
    ThreadRoutines routines = ThreadRoutines.of(ctx);
    Map<String, String> types = null;
    for (IASTFunctionDefinition fn : ctx.functions()) {
      if (ctx.callsIn(fn).stream().noneMatch(c -> ThreadStates.needsAttached(ctx, c))) {
        continue;
      }
      List<Blocking> found = new ArrayList<>();
      for (CallSite c : ctx.callsIn(fn)) {
        String why = BlockingCalls.reason(c);
        if (why != null && !BlockingFunctions.DETACH_BY_THEMSELVES.contains(c.name())
            && ctx.callGraph().function(c.name()) == null) {
          found.add(new Blocking(c.start(), c.nameEnd(), c.name(), why));
        } else if (!c.macro() && ctx.callGraph().function(c.name()) != null && !c.name().equals(CallGraph.nameOf(fn))) {
          CallSite inner = BlockingFunctions.of(ctx).blockingWhenAttached(c.name());
          if (inner != null) {
            found.add(new Blocking(c.start(), c.nameEnd(), c.name() + "()", "calls " + inner.name() + " (line "
                + (ctx.source().lines().line(inner.start()) + 1) + "), which " + BlockingCalls.reason(inner)));
          }
        }
      }
      if (ctx.source().isCpp()) {
        if (types == null) {
          types = declaredTypes(ctx);
        }
        cppBlocking(ctx, fn, types, found);
      }
      ThreadStates.State initial = routines.isRoutine(fn) ? ThreadStates.State.DETACHED : ThreadStates.State.ATTACHED;
      for (Blocking b : found) {
        if (states.stateAt(fn, b.start, initial) == ThreadStates.State.ATTACHED && !inCriticalSection(ctx, fn, b.start)) {
          ctx.report(new Finding(META.id(), META.defaultSeverity(),
              b.what + " can block while attached; wrap in Py_BEGIN_ALLOW_THREADS",
              b.what + " can block while the thread is "
              + "attached (it " + b.why + "), which stalls garbage collection and every other stop-the-world pause; detach "
              + "around it with Py_BEGIN_ALLOW_THREADS / Py_END_ALLOW_THREADS", b.start, b.end, List.of()));
        }
      }
    }
  }

  /** Blocking inside a critical section is FT407's finding. */
  private static boolean inCriticalSection(RuleContext ctx, IASTFunctionDefinition fn, int offset) {
    return !ctx.sections().enclosing(fn, offset).isEmpty();
  }

  /** C++ member calls such as m.lock() on a std::mutex, and scoped lock guards. */
  private static void cppBlocking(RuleContext ctx, IASTFunctionDefinition fn, Map<String, String> types, List<Blocking> out) {
    for (SyntaxWalk.Guard g : SyntaxWalk.scopedLockGuards(ctx, fn)) {
      if (SCOPED_LOCK.matcher(g.type()).matches()) {
        out.add(new Blocking(g.start(), g.start() + ctx.text().substring(g.start()).indexOf(g.type()) + g.type().length(),
            g.type(), "waits for a lock that another thread may hold"));
      }
    }
    fn.accept(new ASTVisitor() {
      {
        shouldVisitExpressions = true;
      }

      @Override
      public int visit(IASTExpression e) {
        if (e instanceof IASTFunctionCallExpression call && call.getFunctionNameExpression() instanceof IASTFieldReference f) {
          boolean blocking = BlockingCalls.METHODS.contains(f.getFieldName().toString());
          String owner = lastName(f.getFieldOwner());
          String type = owner == null ? null : types.get(owner);
          int at = ctx.nameOffset(f.getFieldName());
          if (blocking && type != null && BLOCKING_TYPES.matcher(type).find() && at >= 0) {
            out.add(new Blocking(at, at + f.getFieldName().toString().length(), owner + "." + f.getFieldName() + "()",
                "waits for another thread"));
          }
        }
        return PROCESS_CONTINUE;
      }
    });
  }

  private static String lastName(IASTExpression owner) {
    if (owner instanceof IASTIdExpression id) {
      return id.getName().getLastName().toString();
    }
    if (owner instanceof IASTFieldReference f) {
      return f.getFieldName().toString();
    }
    return null;
  }

  /** Each declared name of the file (variables, members, parameters) with the text of its type. */
  private static Map<String, String> declaredTypes(RuleContext ctx) {
    Map<String, String> out = new HashMap<>();
    ctx.ast().accept(new ASTVisitor() {
      {
        shouldVisitDeclarations = true;
        shouldVisitParameterDeclarations = true;
      }

      @Override
      public int visit(IASTDeclaration d) {
        if (d instanceof IASTSimpleDeclaration sd && ctx.inFile(sd)) {
          for (IASTDeclarator decl : sd.getDeclarators()) {
            out.put(decl.getName().toString(), ctx.textOf(sd.getDeclSpecifier()));
          }
        }
        return PROCESS_CONTINUE;
      }

      @Override
      public int visit(IASTParameterDeclaration p) {
        if (ctx.inFile(p) && p.getDeclarator() != null) {
          out.put(p.getDeclarator().getName().toString(), ctx.textOf(p.getDeclSpecifier()));
        }
        return PROCESS_CONTINUE;
      }
    });
    return out;
  }
}
