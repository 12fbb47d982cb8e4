package dev.ftls.core.rules.builtin;

import dev.ftls.core.fix.Fix;
import dev.ftls.core.kb.KnowledgeBase;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.CallSite;
import dev.ftls.core.semantic.ContainerOrigins;
import dev.ftls.core.semantic.CriticalSections;
import java.util.List;
import java.util.Set;

/**
 * FT203: an unchecked accessor macro (PySequence_Fast_GET_ITEM and friends) on a sequence other
 * threads can reach, outside a critical section on it.
 */
public final class UnlockedAccessorOnSharedSequence extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT203",
          "unlocked-accessor-on-shared-sequence",
          Severity.WARNING,
          "Unchecked accessor macro on a list other threads can change, outside a critical section",
          """
          # FT203 unlocked-accessor-on-shared-sequence

          ## What it flags
          `PySequence_Fast_GET_ITEM`, `PySequence_Fast_GET_SIZE` and `PySequence_Fast_ITEMS` (and
          `PyList_GET_ITEM` where FT101 does not already report it, see below) on a sequence that
          other threads can reach, when no critical section on it encloses the call. The sequence
          is followed back through `PySequence_Fast`: `PySequence_Fast(x, msg)` returns `x` itself
          when `x` is a list or a tuple, so its result is exactly as shared as `x`. A parameter, a
          global, a field of another object, or the result of an unknown call all count as shared.

          ## Why it matters without the GIL
          These macros read the list's size and item array directly, with no lock and no bounds
          check. The list functions (`PyList_Append`, `PyList_SetSlice`, ...) lock the list in the
          free-threaded build, so another thread can grow, shrink or clear the list at any time
          between two macro calls: the size read a moment ago is stale, the item array may have been
          reallocated (`PySequence_Fast_ITEMS` then points to freed memory), and the item may be
          released while it is used.

          ## Example
          ```c
          PyObject *seq = PySequence_Fast(iterable, "expected a sequence");
          for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seq); i++) {
              total += PyLong_AsLong(PySequence_Fast_GET_ITEM(seq, i));
          }
          ```

          ## Use instead
          ```c
          PyObject *seq = PySequence_Fast(iterable, "expected a sequence");
          Py_BEGIN_CRITICAL_SECTION(iterable);
          for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seq); i++) {
              total += PyLong_AsLong(PySequence_Fast_GET_ITEM(seq, i));
          }
          Py_END_CRITICAL_SECTION();
          ```
          Or make a private copy first (`PySequence_List(iterable)`, `PySequence_Tuple(iterable)`)
          and read the copy with the macros. Locking `seq` or `iterable` both count: they are the
          same object when it matters.

          ## Fix
          No automatic fix: the section has to enclose the whole size-then-index pattern, and code
          inside it must not block.

          ## What it does not flag
          - `PyList_GET_ITEM` on a shared list: FT101 reports it (a borrowed reference with the
            strong replacement `PyList_GetItemRef`, which also checks the index under the list's
            lock), so one call gets one finding; FT203 reports `PyList_GET_ITEM` only if the
            knowledge base stops listing it as a borrowed-reference hazard;
          - sequences private to the function: created in it (`PyList_New`, `PySequence_List`,
            `PySequence_Tuple`, `PyTuple_New`, ...) and not passed anywhere, stored or returned
            before the access, and `PySequence_Fast` of such a sequence;
          - tuples, which cannot change: `PySequence_Fast(args, ...)` of the positional-arguments
            tuple `args`, of a tuple made in the function (`PyTuple_New`, `PySequence_Tuple`, ...),
            or of a sequence checked with `PyTuple_Check`/`PyTuple_CheckExact` (inside
            `if (PyTuple_Check(x)) {...}`, or after `if (!PyTuple_Check(x)) return ...;`);
          - fields of objects that their GIL-free module keeps to one thread (no function of the file
            locks objects of the owner's type; as FT101 explains);
          - accesses inside a critical section on the sequence, on the object `PySequence_Fast` was
            given, or on the object that owns it (`self` for `self->items`), and in functions that
            run with that lock held by their caller (as FT201 decides it);
          - code in preprocessor branches that are inactive for the target.
          Known false positives: `PySequence_Fast` of an iterable that is not a list (a generator,
          a set) returns a new private list; ftls does not follow such checks, nor tuple checks
          combined with `||` or made through a helper. Suppress with
          `// ftls: ignore[FT203] reason`.

          ## References
          - https://docs.python.org/3/howto/free-threading-extensions.html#general-api-guidelines
          - https://docs.python.org/3/c-api/sequence.html#c.PySequence_Fast
          - https://docs.python.org/3/c-api/init.html#c.Py_BEGIN_CRITICAL_SECTION
          - https://py-free-threading.github.io/porting-extensions/

          ## Proof
          [FT203-sequence-fast](https://github.com/ftls-dev/ftls/tree/main/test-workspaces/proof/FT203-sequence-fast)
          runs this race on a free-threaded CPython (a copy made with `PySequence_Fast_GET_SIZE` and
          `PySequence_Fast_GET_ITEM` while other threads pop items from the list's end): the copy
          picks up items that were already freed, or the process crashes, in most trials; with the
          critical section it never does. `scripts/prove.sh` shows it (README, "Race proofs").
          """,
          false);

  public UnlockedAccessorOnSharedSequence() {
    super(META);
  }

  private static final Set<String> ACCESSORS =
      Set.of("PySequence_Fast_GET_ITEM", "PySequence_Fast_GET_SIZE", "PySequence_Fast_ITEMS", "PyList_GET_ITEM");

  @Override
  public boolean concerns(String apiName, KnowledgeBase kb) {
    return (ACCESSORS.contains(apiName) && !ownedByFt101(kb, apiName)) || apiName.equals("PySequence_Fast");
  }

  /** FT101 reports borrowed-reference accessors with a strong replacement; those are its findings. */
  private static boolean ownedByFt101(KnowledgeBase kb, String name) {
    return BorrowedReferenceFromSharedContainer.hazard(kb, name).isPresent();
  }

  @Override
  public void check(RuleContext ctx) {
    CriticalSections sections = null;
    ContainerOrigins origins = null;
    for (CallSite c : ctx.calls()) {
      if (!ACCESSORS.contains(c.name()) || c.function() == null || c.arg(0) == null
          || ownedByFt101(ctx.kb(), c.name())) {
        continue;
      }
      if (sections == null) {
        sections = ctx.sections();
        origins = ctx.containerOrigins();
      }
      ContainerOrigins.Origin o = origins.resolve(c.function(), c.arg(0), c.start());
      if (o.kind() == ContainerOrigins.Kind.KWARGS || origins.isTuple(c.function(), c.arg(0), c.start())
          || origins.isPrivate(c.function(), c.arg(0), c.start())
          || origins.keptToOneThread(c.function(), c.arg(0), c.start())
          || sections.lockedAtAny(c.function(), c.start(), o.aliases())) {
        continue;
      }
      String seq = o.aliases().get(0);
      String original = o.aliases().get(o.aliases().size() - 1);
      String via = original.equals(seq) ? "" : " (the same object as '" + original + "' when that is a list)";
      ctx.report(new Finding(META.id(), META.defaultSeverity(),
          c.name() + " on shared '" + seq + "' without a lock; use Py_BEGIN_CRITICAL_SECTION",
          
          c.name() + " reads '" + seq + "'" + via + " with no lock and no bounds check while other threads "
              + "can resize it; hold Py_BEGIN_CRITICAL_SECTION(" + original + ") around the access, or read "
              + "a private copy (PySequence_List)",
          c.start(), c.nameEnd(), List.of()));
    }
  }
}
