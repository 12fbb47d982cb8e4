package dev.ftls.core.rules.builtin;

import dev.ftls.core.fix.Fix;
import dev.ftls.core.kb.KnowledgeBase;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.BlockingCalls;
import dev.ftls.core.semantic.BlockingFunctions;
import dev.ftls.core.semantic.CallSite;
import dev.ftls.core.semantic.CriticalSections;
import dev.ftls.core.semantic.Regions;
import java.util.List;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTFieldReference;
import org.eclipse.cdt.core.dom.ast.IASTFunctionCallExpression;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;

/** FT407: a call that can block, made while a critical section is held. */
public final class BlockingCallInCriticalSection extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT407",
          "blocking-call-in-critical-section",
          Severity.INFORMATION,
          "A call that can block is made inside a critical section",
          """
          # FT407 blocking-call-in-critical-section

          ## What it flags
          Calls that can block the thread, made between a critical section's `BEGIN` and `END`:
          sleeping (`sleep`, `usleep`, `nanosleep`, `std::this_thread::sleep_for`), file and socket
          I/O (`read`, `write`, `recv`, `send`, `accept`, `select`, `poll`, `fread`, `fwrite`, ...),
          waiting (`pthread_join`, `waitpid`, `pthread_cond_wait`, `WaitForSingleObject`), taking
          other locks (`pthread_mutex_lock`, `sem_wait`, `PyThread_acquire_lock`, `PyMutex_Lock`, and
          C++ `m.lock()`, `t.join()`, `cv.wait()`), and detaching the thread state
          (`Py_BEGIN_ALLOW_THREADS`, `PyEval_SaveThread`). The list lives in one place in ftls
          (`BlockingCalls`). Calls of the project's own functions that make such calls, directly
          or through what they call, count too: in the same file, and in other files as the project
          index tells.

          ## Why it matters without the GIL
          A critical section is not a plain lock. When the thread blocks (or detaches) inside it,
          CPython suspends the section and releases the object's lock, so that a thread waiting on
          something this thread needs cannot deadlock with it; the lock is taken again when the call
          returns. Another thread can change the object during the call, so values read before it
          may be stale after it. (Precisely, the section is suspended when the thread detaches its
          thread state: `Py_BEGIN_ALLOW_THREADS`, a contended `PyMutex_Lock`, a blocking call into
          Python. A raw `read` or `sleep` that does not detach keeps the object locked for the whole
          call instead, so every thread that needs the object waits that long.) This is
          information, not a warning: the code is correct if it re-reads what it needs after the
          call, and ftls cannot check that.

          ## Example
          ```c
          Py_BEGIN_CRITICAL_SECTION(self);
          n = read(self->fd, buf, size);        /* self may change meanwhile */
          self->pos += n;
          Py_END_CRITICAL_SECTION();
          ```

          ## Use instead
          Do the blocking work outside the section, then lock the object to publish the result:
          ```c
          Py_BEGIN_ALLOW_THREADS
          n = read(fd, buf, size);
          Py_END_ALLOW_THREADS
          Py_BEGIN_CRITICAL_SECTION(self);
          self->pos += n;
          Py_END_CRITICAL_SECTION();
          ```
          Protect state that must stay consistent across blocking calls with a `PyMutex` of your own.

          ## Fix
          No automatic fix: the blocking call has to move out of the section, or the data it needs
          has to be copied out first, and which of the two keeps the code correct depends on what
          the section protects.

          ## What it does not flag
          - calls inside a `Py_BEGIN_ALLOW_THREADS` block nested in the section: the
            `Py_BEGIN_ALLOW_THREADS` itself is reported once;
          - calls that may block only indirectly through a Python callback (`PyObject_Call`);
          - functions of other files when the project index is off (`--no-index`);
          - code in preprocessor branches that are inactive for the target.

          ## References
          - https://docs.python.org/3/howto/free-threading-extensions.html#how-critical-sections-work
          - https://docs.python.org/3/howto/free-threading-extensions.html#important-considerations
          - https://docs.python.org/3/c-api/init.html#c.Py_BEGIN_CRITICAL_SECTION

          ## Proof
          [FT407-detach-in-critical-section](https://github.com/ftls-dev/ftls/tree/main/test-workspaces/proof/FT407-detach-in-critical-section)
          runs this race on a free-threaded CPython (a counter's critical section detaches
          around a wait, so other threads update the counter in between and most updates
          are lost); `scripts/prove.sh` shows `unsafe.c` failing and `fixed.c` holding
          (README, "Race proofs").
          """,
          false);

  public BlockingCallInCriticalSection() {
    super(META);
  }

  @Override
  public boolean concerns(String apiName, KnowledgeBase kb) {
    return BlockingCalls.isBlocking(apiName);
  }

  @Override
  public void check(RuleContext ctx) {
    CriticalSections sections = ctx.sections();
    if (sections.sections().isEmpty()) {
      return;
    }
    List<Regions.Region> detached =
        Regions.pairs(ctx, Set.of("Py_BEGIN_ALLOW_THREADS"), Set.of("Py_END_ALLOW_THREADS"));
    for (CallSite c : ctx.calls()) {
      if (c.function() != null && BlockingCalls.isBlocking(c)) {
        report(ctx, sections, detached, c.function(), c.start(), c.nameEnd(), c.name());
      } else if (c.function() != null && !c.macro() && BlockingFunctions.of(ctx).blocks(c.name())) {
        // a function of the project that blocks, itself or through what it calls
        report(ctx, sections, detached, c.function(), c.start(), c.nameEnd(), c.name() + "()");
      }
    }
    if (ctx.source().isCpp()) {
      for (IASTFunctionDefinition fn : ctx.functions()) {
        methodCalls(ctx, sections, detached, fn);
      }
    }
  }

  private static void methodCalls(RuleContext ctx, CriticalSections sections, List<Regions.Region> detached,
      IASTFunctionDefinition fn) {
    fn.accept(new ASTVisitor(true) {
      @Override
      public int visit(IASTExpression e) {
        if (e instanceof IASTFunctionCallExpression call
            && call.getFunctionNameExpression() instanceof IASTFieldReference f
            && BlockingCalls.METHODS.contains(f.getFieldName().toString())) {
          int at = ctx.nameOffset(f.getFieldName());
          if (at >= 0) {
            String name = f.getFieldName().toString();
            report(ctx, sections, detached, fn, at, at + name.length(), "." + name + "()");
          }
        }
        return PROCESS_CONTINUE;
      }
    });
  }

  private static void report(RuleContext ctx, CriticalSections sections, List<Regions.Region> detached,
      IASTFunctionDefinition fn, int start, int end, String what) {
    List<CriticalSections.Section> around = sections.enclosing(fn, start);
    if (around.isEmpty() || around.get(0).begin() == null) {
      return;
    }
    CriticalSections.Section s = around.get(0);
    for (Regions.Region r : detached) {
      if (r.function() == fn && r.begin() != null && r.begin().start() > s.region().bodyStart()
          && r.contains(start, ctx)) {
        return;
      }
    }
    int line = ctx.source().lines().line(s.begin().start()) + 1;
    String objects = String.join("', '", s.objects());
    ctx.report(new Finding(META.id(), META.defaultSeverity(),
        what + " can block in a critical section, which then unlocks '" + objects + "'; call it outside",
        
        what + " can block inside the critical section on '" + objects + "' (line " + line + "): blocking suspends "
            + "the section and unlocks '" + objects + "', so other threads can change it during the call",
        start, end, List.of()));
  }
}
