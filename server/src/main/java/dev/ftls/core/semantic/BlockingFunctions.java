package dev.ftls.core.semantic;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;

/**
 * The project's own functions that can block: those of this file that make a blocking call (see
 * {@link BlockingCalls}) or call such a function, and, through the project index, those of other
 * files. Computed once per file.
 */
public final class BlockingFunctions {
  private final FileModel ctx;
  private final Set<String> inFile = new HashSet<>();

  private BlockingFunctions(FileModel ctx) {
    this.ctx = ctx;
    boolean changed = true;
    for (int round = 0; changed && round < 16; round++) {
      changed = false;
      for (IASTFunctionDefinition fn : ctx.functions()) {
        String name = CallGraph.nameOf(fn);
        if (inFile.contains(name)) {
          continue;
        }
        for (CallSite c : ctx.callsIn(fn)) {
          if (BlockingCalls.isBlocking(c) || (!c.name().equals(name) && blocks(c.name()))) {
            inFile.add(name);
            changed = true;
            break;
          }
        }
      }
    }
  }

  /**
   * The functions of this file that do not use the C API and block when called attached: they make
   * a blocking call (not a detaching one) outside any detached region of their own, or call such a
   * function there. Each maps to the blocking call inside it that they amount to. Functions that
   * use the C API are left out: a blocking call in them is reported where it is.
   */
  private Map<String, CallSite> attachedBlockers;

  /** The blocking call a call of this file's function amounts to when made attached, or null. */
  public CallSite blockingWhenAttached(String name) {
    if (attachedBlockers == null) {
      attachedBlockers = attachedBlockers();
    }
    return attachedBlockers.get(name);
  }

  private Map<String, CallSite> attachedBlockers() {
    Map<String, CallSite> out = new HashMap<>();
    ThreadStates states = ThreadStates.of(ctx);
    boolean changed = true;
    for (int round = 0; changed && round < 16; round++) {
      changed = false;
      for (IASTFunctionDefinition fn : ctx.functions()) {
        String name = CallGraph.nameOf(fn);
        if (out.containsKey(name) || ctx.callsIn(fn).stream().anyMatch(c -> ThreadStates.needsAttached(ctx, c))) {
          continue;
        }
        for (CallSite c : ctx.callsIn(fn)) {
          CallSite inner = BlockingCalls.isBlocking(c) && !ThreadStates.isTransition(c.name())
              && !DETACH_BY_THEMSELVES.contains(c.name()) && ctx.callGraph().function(c.name()) == null ? c
              : c.name().equals(name) ? null : out.get(c.name());
          if (inner != null && states.stateAt(fn, c.start(), ThreadStates.State.ATTACHED) == ThreadStates.State.ATTACHED) {
            out.put(name, inner);
            changed = true;
            break;
          }
        }
      }
    }
    return out;
  }

  /** Blocking calls that detach by themselves while they wait, or are the detaching itself. */
  public static final Set<String> DETACH_BY_THEMSELVES =
      Set.of("PyMutex_Lock", "PyEval_SaveThread", "Py_BEGIN_ALLOW_THREADS", "Py_UNBLOCK_THREADS");

  public static BlockingFunctions of(FileModel ctx) {
    return ctx.shared(BlockingFunctions.class, BlockingFunctions::new);
  }

  /** Whether calling a function of the project by this name can block. */
  public boolean blocks(String name) {
    if (ctx.callGraph().function(name) != null) {
      return inFile.contains(name);
    }
    return ctx.project().canBlock(ctx.source().path(), name);
  }
}
