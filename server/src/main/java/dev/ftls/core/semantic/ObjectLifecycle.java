package dev.ftls.core.semantic;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;

/**
 * The functions of a file that run on an object no other thread can reach: while it is being
 * torn down ({@code tp_dealloc}, {@code tp_clear}, {@code tp_traverse}, {@code tp_finalize}, ...:
 * the last reference is gone or the garbage collector has stopped the world) or, in the wider
 * set, also while it is being made ({@code tp_new}, {@code tp_init}); each with the static
 * helpers that only such functions (or the helpers themselves) call. Every rule that asks "can
 * another thread see the object this function works on?" asks here.
 */
public final class ObjectLifecycle {
  /** Slots that run on a dying object, or during a collection that stops every other thread. */
  private static final Set<String> TEARDOWN_SLOTS =
      Set.of("tp_dealloc", "tp_clear", "tp_traverse", "tp_finalize", "tp_del", "tp_free");
  /** Slots that also run on a fresh object (or allocate it). */
  private static final Set<String> CREATION_SLOTS = Set.of("tp_new", "tp_init", "tp_alloc", "tp_is_gc");
  /** The lifecycle slots by name, for functions the file does not put in a slot. */
  private static final Pattern LIFECYCLE_NAME = Pattern.compile(
      "(?i).*(_new|_init|__init__|dealloc|_clear|_traverse|_finalize|_free|_del|_alloc)|(new|init|dealloc|traverse)_\\w+");

  private final Set<IASTFunctionDefinition> teardown;
  private final Set<IASTFunctionDefinition> lifecycle;

  private ObjectLifecycle(FileModel ctx) {
    TypeSlots slots = TypeSlots.of(ctx);
    DirectCallers callers = new DirectCallers(ctx);
    teardown = reachedOnlyFrom(ctx, callers, fn -> slots.slotOf(fn) != null && TEARDOWN_SLOTS.contains(slots.slotOf(fn)));
    lifecycle = reachedOnlyFrom(ctx, callers, fn -> {
      String slot = slots.slotOf(fn);
      return slot != null ? TEARDOWN_SLOTS.contains(slot) || CREATION_SLOTS.contains(slot)
          : !slots.inMethodTable(fn) && LIFECYCLE_NAME.matcher(CallGraph.nameOf(fn)).matches();
    });
  }

  /** The facts of a file, computed once per file. */
  public static ObjectLifecycle of(FileModel ctx) {
    return ctx.shared(ObjectLifecycle.class, ObjectLifecycle::new);
  }

  /** Whether the function runs only while its object is torn down (a teardown slot or a helper only those reach). */
  public boolean teardownOnly(IASTFunctionDefinition fn) {
    return fn != null && teardown.contains(fn);
  }

  /** Whether the function runs only on a fresh or dying object (a lifecycle slot, a function named like one, or their helpers). */
  public boolean lifecycleOnly(IASTFunctionDefinition fn) {
    return fn != null && lifecycle.contains(fn);
  }

  /**
   * The roots and every static function whose calls are all known and all come from the set: the
   * largest such set, so a helper that also calls itself (a recursive walk) stays in.
   */
  private static Set<IASTFunctionDefinition> reachedOnlyFrom(FileModel ctx, DirectCallers callers,
      Predicate<IASTFunctionDefinition> root) {
    Set<IASTFunctionDefinition> out = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<IASTFunctionDefinition> roots = Collections.newSetFromMap(new IdentityHashMap<>());
    for (IASTFunctionDefinition fn : ctx.functions()) {
      if (root.test(fn)) {
        roots.add(fn);
        out.add(fn);
      } else if (callers.allCallsOf(fn) != null) {
        out.add(fn);
      }
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (IASTFunctionDefinition fn : List.copyOf(out)) {
        if (!roots.contains(fn) && !callers.allCallsOf(fn).stream().allMatch(c -> out.contains(c.function()))) {
          out.remove(fn);
          changed = true;
        }
      }
    }
    return out;
  }
}
