package dev.ftls.core.index;

import dev.ftls.core.semantic.ProjectView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The project's per-function facts: one {@link FileSummary} per source file, merged. Facts that
 * cross functions (only called during module set-up, lock wrappers of wrappers, blocking or module
 * creation through callees) are derived from the merged summaries on first use after a change.
 * Thread-safe: summaries are replaced one file at a time and every query reads one consistent
 * derivation. A file is always judged from its own text; this index answers only about the rest
 * of the project.
 */
public final class ProjectIndex implements ProjectView {
  private final Map<Path, FileSummary> files = new ConcurrentHashMap<>();
  /** Counts the changes of {@link #files}: a derivation made before the latest change is not used. */
  private final AtomicLong version = new AtomicLong();
  private volatile Derived derived;

  /** Stores a file's summary; returns whether that changed anything. */
  public boolean put(Path file, FileSummary summary) {
    FileSummary old = files.put(file, summary);
    boolean changed = !sameFacts(old, summary);
    if (changed) {
      version.incrementAndGet();
    }
    return changed;
  }

  public void remove(Path file) {
    if (files.remove(file) != null) {
      version.incrementAndGet();
    }
  }

  public FileSummary get(Path file) {
    return files.get(file);
  }

  public int size() {
    return files.size();
  }

  public Set<Path> files() {
    return Set.copyOf(files.keySet());
  }

  /** Whether two summaries say the same (a function that only moved to another line changes nothing). */
  private static boolean sameFacts(FileSummary a, FileSummary b) {
    return a != null && b != null && Objects.equals(withoutLines(a.functions()), withoutLines(b.functions()))
        && Objects.equals(a.valueUses(), b.valueUses()) && Objects.equals(a.multiPhaseDefs(), b.multiPhaseDefs())
        && Objects.equals(a.globals(), b.globals());
  }

  private static List<FunctionSummary> withoutLines(List<FunctionSummary> fs) {
    List<FunctionSummary> out = new ArrayList<>(fs.size());
    for (FunctionSummary f : fs) {
      out.add(new FunctionSummary(f.name(), f.isStatic(), 0, f.calls(), f.lockEffect(), f.blocks(), f.createsModule(),
          f.declaresGil(), f.rootReason(), f.returnsNew(), f.globalWrites()));
    }
    return out;
  }

  private Derived d() {
    Derived x = derived;
    long now = version.get();
    if (x == null || x.version != now) {
      // read the version before the files: a change made meanwhile makes the next query derive again
      x = new Derived(Map.copyOf(files), now);
      derived = x;
    }
    return x;
  }

  @Override
  public boolean indexed() {
    return true;
  }

  @Override
  public List<Caller> callersElsewhere(Path file, String function) {
    Derived x = d();
    Def def = x.definedIn(file, function);
    if ((def != null && def.f.isStatic()) || x.valueUsed.contains(function)) {
      return null;
    }
    List<Caller> out = new ArrayList<>();
    for (Edge e : x.callsByName.getOrDefault(function, List.of())) {
      if (!e.from.file.equals(file)) {
        out.add(new Caller(e.from.file, e.from.f.name(), e.lockHeld, x.initOnly.get(e.from)));
      }
    }
    return out;
  }

  @Override
  public String initOnlyReason(Path from, String function) {
    Derived x = d();
    Def def = x.elsewhere(from, function);
    return def == null ? null : x.initOnly.get(def);
  }

  @Override
  public int lockEffect(Path from, String function) {
    Derived x = d();
    Def def = x.elsewhere(from, function);
    return def == null ? 0 : x.lockEffect.getOrDefault(def, 0);
  }

  @Override
  public boolean canBlock(Path from, String function) {
    Derived x = d();
    Def def = x.elsewhere(from, function);
    return def != null && x.blocks.contains(def);
  }

  @Override
  public String createsModule(Path from, String function) {
    Derived x = d();
    Def def = x.elsewhere(from, function);
    return def == null ? null : x.creates.get(def);
  }

  @Override
  public boolean declaresGil(Path from, String function) {
    Derived x = d();
    Def def = x.elsewhere(from, function);
    return def != null && x.declaresGil.contains(def);
  }

  @Override
  public boolean someFunctionDeclaresGil() {
    return !d().declaresGil.isEmpty();
  }

  @Override
  public boolean everyModuleDeclaresGil() {
    return d().everyInitDeclaresGil;
  }

  @Override
  public boolean returnsNewObject(Path from, String function) {
    Def def = d().elsewhere(from, function);
    return def != null && def.f.returnsNew();
  }

  @Override
  public boolean usedForMultiPhaseInit(String moduleDef) {
    return d().multiPhase.contains(moduleDef);
  }

  @Override
  public Global globalDefinedElsewhere(Path from, String variable) {
    Global g = d().globals.get(variable);
    return g == null || g.file().equals(from) ? null : g;
  }

  @Override
  public List<String> writersElsewhere(Path file, String variable) {
    List<String> out = new ArrayList<>();
    for (Def def : d().writers.getOrDefault(variable, List.of())) {
      if (!def.file.equals(file)) {
        out.add(describe(def));
      }
    }
    return out;
  }

  private static String describe(Def def) {
    Path name = def.file.getFileName();
    return (name == null ? def.file.toString() : name.toString()) + ": " + def.f.name();
  }

  /** A function definition and the file it is in (identity: file and name). */
  private record Def(Path file, FunctionSummary f) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Def other && other.file.equals(file) && other.f.name().equals(f.name());
    }

    @Override
    public int hashCode() {
      return file.hashCode() * 31 + f.name().hashCode();
    }
  }

  private record Edge(Def from, boolean lockHeld) {}

  /** Everything derived from one snapshot of the summaries. */
  private static final class Derived {
    private static final int ROUNDS = 32;

    final Map<String, Def> global = new HashMap<>();
    final Map<Path, Map<String, Def>> byFile = new HashMap<>();
    final Set<String> valueUsed = new HashSet<>();
    final Set<String> multiPhase = new HashSet<>();
    final Map<String, ProjectView.Global> globals = new HashMap<>();
    final Map<Def, List<Edge>> callers = new HashMap<>();
    /** Calls by callee name that do not reach a static function of the caller's own file. */
    final Map<String, List<Edge>> callsByName = new HashMap<>();
    final Map<Def, List<Def>> callees = new HashMap<>();
    final Map<Def, String> initOnly = new HashMap<>();
    final Map<Def, Integer> lockEffect = new HashMap<>();
    final Set<Def> blocks = new HashSet<>();
    final Map<Def, String> creates = new HashMap<>();
    final Set<Def> declaresGil = new HashSet<>();
    /** Whether the project has a PyInit_ function and each one declares how it uses the GIL. */
    boolean everyInitDeclaresGil;
    final Map<String, List<Def>> writers = new HashMap<>();

    final long version;

    Derived(Map<Path, FileSummary> files, long version) {
      this.version = version;
      List<Def> all = new ArrayList<>();
      for (Map.Entry<Path, FileSummary> e : files.entrySet()) {
        Map<String, Def> mine = new HashMap<>();
        for (FunctionSummary f : e.getValue().functions()) {
          Def def = new Def(e.getKey(), f);
          mine.putIfAbsent(f.name(), def);
          if (!f.isStatic()) {
            global.putIfAbsent(f.name(), def);
          }
          all.add(def);
          for (String g : f.globalWrites()) {
            writers.computeIfAbsent(g, k -> new ArrayList<>()).add(def);
          }
        }
        byFile.put(e.getKey(), mine);
        valueUsed.addAll(e.getValue().valueUses());
        multiPhase.addAll(e.getValue().multiPhaseDefs());
        for (FileSummary.Global g : e.getValue().globals()) {
          globals.putIfAbsent(g.name(), new ProjectView.Global(e.getKey(), g.objectPointer(), g.exemption()));
        }
      }
      for (Def def : all) {
        List<Def> out = new ArrayList<>();
        for (FunctionSummary.Call c : def.f.calls()) {
          Def target = resolve(def.file, c.name());
          if (target != null && !target.equals(def)) {
            out.add(target);
          }
        }
        callees.put(def, out);
      }
      deriveThroughCallees(all);
      deriveModules(all);
      for (Def def : all) {
        // a summary knows only its own file's locks: add what lock wrappers in other files do
        int elsewhere = 0;
        for (FunctionSummary.Call c : def.f.calls()) {
          Def target = resolve(def.file, c.name());
          boolean held = (c.lockHeld() ? 1 : 0) + elsewhere > 0;
          if (target == null || !target.f.isStatic()) {
            callsByName.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(new Edge(def, held));
          }
          if (target != null && !target.equals(def)) {
            callers.computeIfAbsent(target, k -> new ArrayList<>()).add(new Edge(def, held));
          }
          if (target != null && !target.file.equals(def.file)) {
            elsewhere += lockEffect.getOrDefault(target, 0);
          }
        }
      }
      deriveInitOnly(all);
    }

    Def resolve(Path from, String name) {
      Def d = resolveExactly(from, name);
      String plain = dev.ftls.core.semantic.CallGraph.unqualified(name);
      return d != null || plain.equals(name) ? d : resolveExactly(from, plain); // ns::f() reaches f
    }

    private Def resolveExactly(Path from, String name) {
      Map<String, Def> mine = byFile.get(from);
      Def d = mine == null ? null : mine.get(name);
      return d != null ? d : global.get(name);
    }

    Def definedIn(Path file, String name) {
      Map<String, Def> mine = byFile.get(file);
      return mine == null ? null : mine.get(name);
    }

    /** The definition a call from {@code from} reaches, when it is in another file. */
    Def elsewhere(Path from, String name) {
      Def d = resolve(from, name);
      return d == null || d.file.equals(from) ? null : d;
    }

    private void deriveInitOnly(List<Def> all) {
      for (Def def : all) {
        if (def.f.rootReason() != null) {
          initOnly.put(def, def.f.rootReason());
        }
      }
      boolean changed = true;
      for (int round = 0; changed && round < ROUNDS; round++) {
        changed = false;
        for (Def def : all) {
          if (initOnly.containsKey(def) || valueUsed.contains(def.f.name())) {
            continue;
          }
          List<Edge> in = callers.getOrDefault(def, List.of());
          String reason = in.isEmpty() ? null : reasonIfAllSerialized(in);
          if (reason != null) {
            initOnly.put(def, reason);
            changed = true;
          }
        }
      }
    }

    private String reasonIfAllSerialized(List<Edge> in) {
      String reason = null;
      for (Edge e : in) {
        String r = initOnly.get(e.from);
        if (r == null && !e.lockHeld) {
          return null;
        }
        if (reason == null && r != null) {
          reason = r;
        }
      }
      return reason == null ? "always called with a lock held" : reason;
    }

    private void deriveThroughCallees(List<Def> all) {
      for (Def def : all) {
        lockEffect.put(def, def.f.lockEffect());
        if (def.f.blocks()) {
          blocks.add(def);
        }
        if (def.f.createsModule()) {
          creates.put(def, describeDef(def));
        }
        if (def.f.declaresGil()) {
          declaresGil.add(def);
        }
      }
      boolean changed = true;
      for (int round = 0; changed && round < ROUNDS; round++) {
        changed = false;
        for (Def def : all) {
          int effect = def.f.lockEffect();
          for (Def c : callees.get(def)) {
            effect += lockEffect.getOrDefault(c, 0);
            if (blocks.contains(c) && blocks.add(def)) {
              changed = true;
            }
            if (creates.containsKey(c) && !creates.containsKey(def)) {
              creates.put(def, creates.get(c));
              changed = true;
            }
            if (declaresGil.contains(c) && declaresGil.add(def)) {
              changed = true;
            }
          }
          int clamped = Integer.signum(effect);
          if (clamped != lockEffect.get(def)) {
            lockEffect.put(def, clamped);
            changed = true;
          }
        }
      }
    }

    private void deriveModules(List<Def> all) {
      List<Def> inits = all.stream().filter(d -> d.f.name().startsWith("PyInit_")).toList();
      everyInitDeclaresGil = !inits.isEmpty() && declaresGil.containsAll(inits);
    }

    private static String describeDef(Def def) {
      return ProjectIndex.describe(def);
    }
  }
}
