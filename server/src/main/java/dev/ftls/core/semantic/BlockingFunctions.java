package dev.ftls.core.semantic;

import java.util.HashSet;
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
          if (BlockingCalls.isBlocking(c.name()) || (!c.name().equals(name) && blocks(c.name()))) {
            inFile.add(name);
            changed = true;
            break;
          }
        }
      }
    }
  }

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
