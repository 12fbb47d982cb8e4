package dev.ftls.core.semantic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;

/**
 * Code that runs as the start routine of a new OS thread, which has no Python thread state:
 * functions of this file passed to {@code pthread_create}, {@code thrd_create},
 * {@code _beginthreadex}, {@code _beginthread}, {@code CreateThread},
 * {@code PyThread_start_new_thread} (it starts a bare OS thread; the routine must attach itself),
 * and C++ {@code std::thread}/{@code std::jthread} with a function of this file or a lambda.
 */
public final class ThreadRoutines {
  /** Thread starters and the position of the routine among their arguments. */
  public static final Map<String, Integer> STARTERS = Map.of(
      "pthread_create", 2, "thrd_create", 1, "_beginthreadex", 2, "_beginthread", 0,
      "CreateThread", 2, "PyThread_start_new_thread", 0, "uv_thread_create", 1);
  private static final Pattern STD_THREAD = Pattern.compile("\\bstd::j?thread\\b\\s*(?:[A-Za-z_]\\w*\\s*)?[({]");

  /**
   * One routine: the code in [from, to) of {@code function} (a whole function of this file, or a
   * lambda inside it), started by {@code starter} at offset {@code startedAt}.
   */
  public record Routine(IASTFunctionDefinition function, int from, int to, String starter, int startedAt) {}

  private final List<Routine> routines = new ArrayList<>();

  private ThreadRoutines(FileModel ctx) {
    CallGraph graph = ctx.callGraph();
    for (CallSite c : ctx.calls()) {
      Integer at = STARTERS.get(c.name());
      IASTFunctionDefinition fn = at == null ? null : graph.function(SerializedFunctions.bareName(c.arg(at)));
      if (fn != null) {
        add(new Routine(fn, ctx.start(fn), ctx.end(fn), c.name(), c.start()));
      }
    }
    if (ctx.source().isCpp()) {
      for (IASTFunctionDefinition host : ctx.functions()) {
        stdThreads(ctx, graph, host);
      }
    }
  }

  /** The routines of a file, found once per file. */
  public static ThreadRoutines of(FileModel ctx) {
    return ctx.shared(ThreadRoutines.class, ThreadRoutines::new);
  }

  public List<Routine> all() {
    return routines;
  }

  /** Whether a whole function of this file is a thread routine. */
  public boolean isRoutine(IASTFunctionDefinition fn) {
    for (Routine r : routines) {
      if (r.function() == fn && r.from() == r.function().getFileLocation().getNodeOffset()) {
        return true;
      }
    }
    return false;
  }

  private void add(Routine r) {
    for (Routine o : routines) {
      if (o.function() == r.function() && o.from() == r.from()) {
        return;
      }
    }
    routines.add(r);
  }

  private void stdThreads(FileModel ctx, CallGraph graph, IASTFunctionDefinition host) {
    String text = ctx.text();
    int end = ctx.end(host);
    Matcher m = STD_THREAD.matcher(text).region(ctx.start(host), end);
    while (m.find()) {
      int argStart = m.end();
      while (argStart < end && Character.isWhitespace(text.charAt(argStart))) {
        argStart++;
      }
      int argEnd = firstArgumentEnd(text, argStart, end);
      if (argStart >= end || argEnd <= argStart) {
        continue;
      }
      String arg = text.substring(argStart, argEnd).strip();
      if (arg.startsWith("[")) {
        add(new Routine(host, argStart, argEnd, "std::thread", m.start()));
      } else {
        IASTFunctionDefinition fn = graph.function(SerializedFunctions.bareName(arg));
        if (fn != null) {
          add(new Routine(fn, ctx.start(fn), ctx.end(fn), "std::thread", m.start()));
        }
      }
    }
  }

  /** The end of the first argument that starts at {@code from}: the first top-level ',' or closer. */
  private static int firstArgumentEnd(String text, int from, int limit) {
    int depth = 0;
    for (int i = from; i < limit; i++) {
      char c = text.charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        if (depth == 0) {
          return i;
        }
        depth--;
      } else if (c == ',' && depth == 0) {
        return i;
      }
    }
    return limit;
  }
}
