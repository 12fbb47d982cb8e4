package dev.ftls.core.rules.builtin;

import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.CallGraph;
import dev.ftls.core.semantic.CallSite;
import dev.ftls.core.semantic.ContainerOrigins;
import dev.ftls.core.semantic.GuardedCode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** FT308: a capsule other threads can reach changed (pointer, context, destructor, name) without a lock. */
public final class CapsuleChangedWithoutLock extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT308",
          "capsule-changed-without-lock",
          Severity.WARNING,
          "Shared capsule changed without a lock",
          """
          # FT308 capsule-changed-without-lock

          ## What it flags
          `PyCapsule_SetPointer`, `PyCapsule_SetContext`, `PyCapsule_SetDestructor` and
          `PyCapsule_SetName` on a capsule that other threads can reach (an argument, a global, a
          field of an object, a module attribute), outside any critical section or lock.

          ## Why it matters without the GIL
          A capsule's fields are plain C fields with no lock of their own. With the GIL, replacing
          the pointer (say, freeing an old C context and storing a new one) could not overlap a
          `PyCapsule_GetPointer` in another thread. Without it, another thread can read the old
          pointer just before it is freed and use freed memory, two threads replacing it at once
          free the same context twice, or a reader sees the new name with the old pointer.

          ## Example
          ```c
          static PyObject *
          reset(PyObject *self, PyObject *capsule)
          {
              ctx_t *old = PyCapsule_GetPointer(capsule, "ctx");
              ctx_free(old);
              PyCapsule_SetPointer(capsule, ctx_new());
              Py_RETURN_NONE;
          }
          ```

          ## Use instead
          Change the capsule under a lock that every user of its pointer takes too (a `PyMutex`
          next to the context, or a critical section on the object that owns the capsule), or
          leave capsules unchanged once published and hand out a new capsule instead.

          ## Fix
          None: which lock the readers of the capsule take is a design decision.

          ## What it does not flag
          - a capsule created in the same function (`PyCapsule_New`) that nothing else has seen
            yet;
          - calls inside a critical section or with a lock held, in module initialization and in
            helpers only called that way;
          - capsule destructors (the functions passed to `PyCapsule_New` or
            `PyCapsule_SetDestructor`): the capsule is dying and nobody else holds it.
          Known false positives: a capsule that only one thread ever uses (a per-thread context
          handed back and forth by the same caller); suppress such findings with a reason.

          ## References
          - https://docs.python.org/3/c-api/capsule.html
          - https://docs.python.org/3/howto/free-threading-extensions.html

          ## Proof
          [FT308-capsule-pointer](https://github.com/ftls-dev/ftls/tree/main/test-workspaces/proof/FT308-capsule-pointer)
          runs this race on a free-threaded CPython (threads replace a capsule's C context, freeing
          the old one, while others read it): the unsafe version frees one context twice and aborts
          in most trials, the fixed one, which replaces and reads the pointer under a `PyMutex`,
          never fails. `scripts/prove.sh` shows it (README, "Race proofs").
          """,
          false);

  private static final Set<String> SETTERS =
      Set.of("PyCapsule_SetPointer", "PyCapsule_SetContext", "PyCapsule_SetDestructor", "PyCapsule_SetName");
  private static final Map<ContainerOrigins.Kind, String> REACH = Map.of(
      ContainerOrigins.Kind.PARAMETER, "an argument", ContainerOrigins.Kind.ARGS_TUPLE, "an argument",
      ContainerOrigins.Kind.GLOBAL, "a global variable", ContainerOrigins.Kind.FIELD, "a field of an object");

  public CapsuleChangedWithoutLock() {
    super(META, SETTERS);
  }

  @Override
  public void check(RuleContext ctx) {
    if (!ctx.target().freeThreaded()) {
      return;
    }
    Set<String> destructors = destructors(ctx);
    for (CallSite c : ctx.calls()) {
      if (!SETTERS.contains(c.name()) || c.function() == null || c.arg(0) == null
          || destructors.contains(CallGraph.nameOf(c.function()))) {
        continue;
      }
      String capsule = c.arg(0).strip();
      if (ctx.containerOrigins().isPrivate(c.function(), capsule, c.start())
          || GuardedCode.of(ctx).guardedAt(c.function(), c.start())) {
        continue;
      }
      ContainerOrigins.Kind kind = ctx.containerOrigins().resolve(c.function(), capsule, c.start()).kind();
      String reach = REACH.getOrDefault(kind, "obtained from elsewhere");
      ctx.report(new Finding(META.id(), META.defaultSeverity(),
          c.name() + " changes capsule '" + capsule + "' without a lock; lock it or make a new capsule",
          c.name() + " changes the capsule '" + capsule
          + "' (" + reach + ") without a lock: another thread can read the capsule at the same time and use "
          + "its old pointer after it is freed; change it under a lock that its readers take too, or make a "
          + "new capsule", c.start(), c.nameEnd(), List.of()));
    }
  }

  private static final java.util.regex.Pattern LAST_NAME = java.util.regex.Pattern.compile("([A-Za-z_]\\w*)[\\s)]*$");

  /** The functions the file installs as capsule destructors. */
  private static Set<String> destructors(RuleContext ctx) {
    Set<String> out = new HashSet<>();
    for (CallSite c : ctx.calls()) {
      String d = c.name().equals("PyCapsule_New") ? c.arg(2) : c.name().equals("PyCapsule_SetDestructor") ? c.arg(1) : null;
      java.util.regex.Matcher last = d == null ? null : LAST_NAME.matcher(d);
      if (last != null && last.find()) {
        out.add(last.group(1)); // "(PyCapsule_Destructor)free_ctx" -> "free_ctx"
      }
    }
    return out;
  }
}
