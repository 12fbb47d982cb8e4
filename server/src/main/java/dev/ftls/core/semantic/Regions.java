package dev.ftls.core.semantic;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;

/**
 * Begin/end macro or call pairs within each function, in source order, e.g.
 * Py_BEGIN_CRITICAL_SECTION ... Py_END_CRITICAL_SECTION or Py_BEGIN_ALLOW_THREADS ...
 * Py_END_ALLOW_THREADS. Pairing is by nesting order of the text, not by C scope (a rule that
 * cares about scopes checks them itself).
 */
public final class Regions {
  private Regions() {}

  /**
   * One region: its begin (null for an end without a begin), its end (null when never closed in
   * the function), the function, and how many regions of the same family enclose it.
   */
  public record Region(CallSite begin, CallSite end, IASTFunctionDefinition function, int depth) {
    /** Offset where the region's body starts. */
    public int bodyStart() {
      return begin == null ? end.start() : begin.end();
    }

    /** Offset where the body ends (the end of the function when it is never closed). */
    public int bodyEnd(FileModel ctx) {
      return end != null ? end.start() : ctx.end(function);
    }

    public boolean contains(int offset, FileModel ctx) {
      return offset >= bodyStart() && offset < bodyEnd(ctx);
    }
  }

  /** Pairs the begins and ends of one family in every function of the file. */
  public static List<Region> pairs(FileModel ctx, Set<String> begins, Set<String> ends) {
    List<Region> out = new ArrayList<>();
    for (IASTFunctionDefinition fn : ctx.functions()) {
      Deque<CallSite> open = null; // made at the function's first begin: most functions have none
      for (CallSite c : ctx.callsIn(fn)) {
        if (begins.contains(c.name())) {
          if (open == null) {
            open = new ArrayDeque<>();
          }
          open.push(c);
        } else if (ends.contains(c.name())) {
          if (open == null || open.isEmpty()) {
            out.add(new Region(null, c, fn, 0));
          } else {
            CallSite b = open.pop();
            out.add(new Region(b, c, fn, open.size()));
          }
        }
      }
      while (open != null && !open.isEmpty()) {
        CallSite b = open.pop();
        out.add(new Region(b, null, fn, open.size()));
      }
    }
    out.sort((a, b) -> Integer.compare(a.bodyStart(), b.bodyStart()));
    return out;
  }
}
