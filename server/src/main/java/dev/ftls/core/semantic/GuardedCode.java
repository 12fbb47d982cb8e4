package dev.ftls.core.semantic;

import java.util.List;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;

/**
 * Whether code at a point of a function runs protected from other threads: inside a critical
 * section (on any object), with a lock held, in code that runs serialized (module initialization,
 * only called with a lock held, see {@link SerializedFunctions}), or in a static helper of the file
 * each of whose calls is itself so protected (see {@link DirectCallers}). Rules that ask "is this
 * change of shared object state synchronized?" use it.
 */
public final class GuardedCode {
  private static final int MAX_DEPTH = 4;

  private final FileModel ctx;
  private final DirectCallers callers;

  private GuardedCode(FileModel ctx) {
    this.ctx = ctx;
    this.callers = new DirectCallers(ctx);
  }

  /** The facts of a file, computed once per file. */
  public static GuardedCode of(FileModel ctx) {
    return ctx.shared(GuardedCode.class, GuardedCode::new);
  }

  /** Whether code at an offset of a function is protected. */
  public boolean guardedAt(IASTFunctionDefinition fn, int offset) {
    return guardedAt(fn, offset, 0);
  }

  private boolean guardedAt(IASTFunctionDefinition fn, int offset, int depth) {
    if (fn == null) {
      return false;
    }
    if (!ctx.sections().enclosing(fn, offset).isEmpty() || HeldLocks.of(ctx).heldAt(fn, offset)
        || SerializedFunctions.of(ctx).contains(fn)) {
      return true;
    }
    if (depth >= MAX_DEPTH) {
      return false;
    }
    List<CallSite> calls = callers.allCallsOf(fn);
    if (calls == null) {
      return false;
    }
    for (CallSite c : calls) {
      if (c.function() == fn || !guardedAt(c.function(), c.start(), depth + 1)) {
        return false;
      }
    }
    return true;
  }
}
