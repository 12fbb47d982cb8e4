package dev.ftls.core.parse;

import dev.ftls.core.source.Timings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first layer of header preambles, shared by files: the headers read by the first lines of a
 * skeleton, up to its include of Python.h (or, without one, its first include, usually the
 * project's own header that includes Python.h). Most extension files begin alike (a few
 * {@code #define}s, then {@code #include <Python.h>} or the project's header), so Python's headers
 * are read once per compile settings, target and beginning instead of once per file; the rest of
 * each file's skeleton is read after the layer ({@link HeaderFacts#after}).
 *
 * <p>A layer is kept for exactly what it depends on: the beginning's text (with the file's folder
 * when it has a quoted include, which is looked up there first), the compile settings and target,
 * and of the build features assumed defined those its headers or the beginning mention. A
 * beginning under a conditional is not layered. A layer whose headers changed on disk is read
 * again.
 */
final class HeaderLayers {
  private static final int MAX_KEYS = 16;
  /** Layers kept per key: one per set of build features and include folders that read differently. */
  private static final int MAX_LAYERS_PER_KEY = 8;
  private static final Pattern DIRECTIVE = Pattern.compile("#\\s*(\\w+)\\s*(.*)");

  private record Layer(Set<String> mentioned, Set<String> assumedUsed, HeaderFacts facts,
      List<Preamble.HeaderStamp> folders, List<String> quoteDirs, List<String> searchDirs) {}

  /**
   * Where layers are kept between runs, or null. A key missing from memory (never read in this
   * run, or pushed out by newer ones) is looked up there before its headers are read.
   */
  private volatile HeaderStore store;

  private final Map<String, List<Layer>> layers =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Layer>> eldest) {
          if (size() <= MAX_KEYS) {
            return false;
          }
          // pushed out of memory before a scan's end: saved now, or its layers would be lost
          HeaderStore s = store;
          if (s != null && unsaved.remove(eldest.getKey())) {
            save(s, eldest.getKey(), eldest.getValue());
          }
          return true;
        }
      };

  /**
   * The skeleton's beginning that a layer reads: its lines up to and including the include of
   * Python.h, else its first include, outside every conditional, when no {@code #include_next}
   * or other directive comes before and every conditional before it is closed; null when there is
   * none. A beginning with conditionals is layered only when the layer's headers name nothing it
   * tests ({@link #readsAlike}).
   */
  static String prefix(String skeleton) {
    int firstInclude = -1;
    int depth = 0;
    int start = 0;
    while (start < skeleton.length()) {
      int end = skeleton.indexOf('\n', start);
      end = end < 0 ? skeleton.length() : end + 1;
      Matcher m = DIRECTIVE.matcher(skeleton.substring(start, end).strip());
      if (m.matches()) {
        String word = m.group(1);
        if (word.equals("include") || word.equals("import")) {
          if (depth == 0 && isPythonH(m.group(2))) {
            return skeleton.substring(0, end);
          }
          if (depth == 0 && firstInclude < 0) {
            firstInclude = end;
          }
        } else if (word.startsWith("if")) {
          depth++;
        } else if (word.equals("endif")) {
          if (--depth < 0) {
            break;
          }
        } else if (word.startsWith("el")) {
          if (depth == 0) {
            break;
          }
        } else if (!word.equals("define") && !word.equals("undef")) {
          break; // #include_next or another directive: what follows may be read differently
        }
      }
      start = end;
    }
    return firstInclude < 0 ? null : skeleton.substring(0, firstInclude);
  }

  /**
   * Whether the skeleton's lines of {@code prefix} are read alike before the layer's headers (in
   * one read) and after them (when the rest is read after the layer): always without conditionals;
   * with them, when no name they could test (the words of the beginning's directives, and of the
   * bodies of the macros {@code predefined} that those words name, transitively) is one that the
   * layer's headers define or undefine in any branch.
   */
  static boolean readsAlike(String prefix, Map<String, String> predefined, HeaderFacts layer) {
    boolean conditional = false;
    Set<String> words = new java.util.HashSet<>();
    for (String line : prefix.split("\n")) {
      Matcher m = DIRECTIVE.matcher(line.strip());
      if (m.matches() && (m.group(1).equals("include") || m.group(1).equals("import"))) {
        continue;
      }
      conditional |= m.matches() && (m.group(1).startsWith("if") || m.group(1).startsWith("el"));
      MacroReach.words(line, words);
    }
    if (!conditional) {
      return true;
    }
    Map<String, String> bodies = new java.util.HashMap<>();
    predefined.forEach((k, v) -> bodies.merge(FeatureMacros.bareName(k), v == null ? "" : v, (a, b) -> a + " " + b));
    java.util.Deque<String> todo = new java.util.ArrayDeque<>(words);
    while (!todo.isEmpty()) {
      String body = bodies.remove(todo.pop());
      if (body != null) {
        Set<String> more = new java.util.HashSet<>();
        MacroReach.words(body, more);
        for (String w : more) {
          if (words.add(w)) {
            todo.push(w);
          }
        }
      }
    }
    for (String w : words) {
      if (layer.named.contains(w)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A beginning written as what it does, so that beginnings that leave the same macros defined
   * share one layer: when its lines before its include (its last line, its only one) are {@code
   * #define}s of names without parameters, {@code #undef}s and conditionals on which names are
   * defined, the names whose state at the include differs from {@code base} (the macros defined
   * before the file's first line), sorted, then the include. The headers see the same macros either
   * way. Else the beginning as it is.
   */
  static String effect(String prefix, Map<String, String> base) {
    String[] lines = prefix.split("\n");
    String include = lines[lines.length - 1];
    Matcher last = DIRECTIVE.matcher(include);
    if (!last.matches() || !last.group(1).equals("include")) {
      return prefix;
    }
    Map<String, String> baseByName = new java.util.HashMap<>();
    for (Map.Entry<String, String> e : base.entrySet()) {
      String name = FeatureMacros.bareName(e.getKey());
      baseByName.put(name, e.getKey().equals(name) ? normalized(e.getValue()) : null); // null: has parameters
    }
    Map<String, String> now = new java.util.TreeMap<>(); // null: undefined
    java.util.function.Predicate<String> defined = n -> now.containsKey(n) ? now.get(n) != null : baseByName.containsKey(n);
    java.util.Deque<boolean[]> open = new java.util.ArrayDeque<>(); // {active, a branch was taken}
    for (int i = 0; i < lines.length - 1; i++) {
      Matcher m = DIRECTIVE.matcher(lines[i]);
      if (!m.matches()) {
        return prefix;
      }
      String word = m.group(1);
      String rest = m.group(2).strip();
      boolean active = open.isEmpty() || open.peek()[0];
      switch (word) {
        case "ifdef", "ifndef", "if" -> {
          Boolean c = word.equals("if") ? Condition.of(rest, defined) : isName(rest) ? defined.test(rest) == word.equals("ifdef") : null;
          if (c == null) {
            return prefix;
          }
          open.push(new boolean[] {active && c, c});
        }
        case "elif", "else" -> {
          if (open.isEmpty()) {
            return prefix;
          }
          boolean[] top = open.pop();
          boolean outer = open.isEmpty() || open.peek()[0];
          Boolean c = word.equals("else") ? Boolean.TRUE : Condition.of(rest, defined);
          if (c == null) {
            return prefix;
          }
          boolean take = !top[1] && c;
          open.push(new boolean[] {outer && take, top[1] || take});
        }
        case "endif" -> {
          if (open.isEmpty()) {
            return prefix;
          }
          open.pop();
        }
        case "define" -> {
          Matcher d = DEFINED_NAME.matcher(rest);
          if (!d.lookingAt() || rest.startsWith("(", d.end())) {
            return prefix; // a macro with parameters: kept as written
          }
          if (active) {
            now.put(d.group(), normalized(rest.substring(d.end())));
          }
        }
        case "undef" -> {
          if (!isName(rest)) {
            return prefix;
          }
          if (active) {
            now.put(rest, null);
          }
        }
        default -> {
          return prefix;
        }
      }
    }
    if (!open.isEmpty()) {
      return prefix;
    }
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> e : now.entrySet()) {
      String name = e.getKey();
      String was = baseByName.get(name);
      boolean wasDefined = baseByName.containsKey(name);
      if (e.getValue() == null && wasDefined) {
        out.append("#undef ").append(name).append('\n');
      } else if (e.getValue() != null && !(wasDefined && e.getValue().equals(was))) {
        out.append("#define ").append(name).append(e.getValue().isEmpty() ? "" : " " + e.getValue()).append('\n');
      }
    }
    return out.append(include).append('\n').toString();
  }

  /**
   * The beginning less its {@code #define}s of names that {@code keep} refuses, when it is written
   * as {@link #effect} writes one ({@code #define}s and {@code #undef}s, then its include); else the
   * beginning as it is.
   */
  static String without(String beginning, java.util.function.Predicate<String> keep) {
    String[] lines = beginning.split("\n");
    StringBuilder out = new StringBuilder(beginning.length());
    for (int i = 0; i < lines.length; i++) {
      Matcher m = DIRECTIVE.matcher(lines[i]);
      if (!m.matches()) {
        return beginning;
      }
      String word = m.group(1);
      if (i == lines.length - 1 ? !word.equals("include") : !word.equals("define") && !word.equals("undef")) {
        return beginning;
      }
      if (word.equals("define")) {
        Matcher d = DEFINED_NAME.matcher(m.group(2));
        if (!d.lookingAt() || m.group(2).startsWith("(", d.end())) {
          return beginning;
        }
        if (!keep.test(d.group())) {
          continue;
        }
      }
      out.append(lines[i]).append('\n');
    }
    return out.toString();
  }

  /**
   * Whether the names {@code beginning} defines and {@code shared} does not are none that {@code
   * facts} (a read of {@code shared}) could have read differently had they been defined: none its
   * headers' conditionals, replacements or computed includes name, define, undefine or declare. A
   * name none of them mentions cannot change what the preprocessor makes of them, so the read of
   * the beginning as written would have found the same.
   */
  static boolean unaffected(String beginning, String shared, HeaderFacts facts) {
    Set<String> kept = new java.util.HashSet<>();
    without(shared, kept::add);
    boolean[] all = {true};
    without(beginning, name -> {
      all[0] &= kept.contains(name) || !facts.mentions(name);
      return true;
    });
    return all[0];
  }

  /**
   * What the layers read with some compile settings after a beginning with some include mention,
   * define, undefine or declare (their headers' words), kept for the beginnings that differ from
   * theirs only by defines of other names ({@link #shared}).
   */
  private final Map<String, Set<String>> known =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
          return size() > MAX_KEYS;
        }
      };

  private static String knownKey(String settings, String beginning) {
    return settings + "|" + beginning.substring(beginning.lastIndexOf('\n', beginning.length() - 2) + 1);
  }

  /** The layers whose words {@link #known} has, and under which key (each learned once, though it serves many files). */
  private final Map<HeaderFacts, String> learned = new java.util.WeakHashMap<>();

  /** Learns the words of a layer read (or found) with these settings after {@code beginning}. */
  void learn(String settings, String beginning, HeaderFacts facts) {
    String key = knownKey(settings, beginning);
    synchronized (known) {
      if (key.equals(learned.get(facts)) && known.containsKey(key)) {
        return;
      }
      learned.put(facts, key);
      Set<String> words = known.computeIfAbsent(key, k -> new java.util.HashSet<>());
      words.addAll(facts.mentioned);
      words.addAll(facts.named);
      words.addAll(facts.declared);
    }
  }

  /**
   * The beginning less its defines of names that no layer read with these settings after the same
   * include has mentioned ({@link #learn}): the beginning whose layer is likely to serve this one
   * too (a read of it says for sure: {@link #unaffected}). Extensions define names for their own
   * code before Python.h ({@code MODULE_VERSION}, NumPy's {@code NPY_NO_DEPRECATED_API}) that
   * Python's headers never look at; each such beginning had a layer read of its own.
   */
  String shared(String settings, String beginning) {
    synchronized (known) {
      Set<String> words = known.get(knownKey(settings, beginning));
      return words == null ? beginning : without(beginning, words::contains);
    }
  }

  private static final Pattern DEFINED_NAME = Pattern.compile("[A-Za-z_]\\w*");

  private static boolean isName(String s) {
    return DEFINED_NAME.matcher(s).matches();
  }

  /**
   * A replacement with its space made one: the same macro however it is spaced (not inside a
   * string or character literal, whose spaces are its own: such a replacement is only stripped).
   */
  private static String normalized(String replacement) {
    if (replacement == null) {
      return null;
    }
    String s = replacement.strip();
    return s.indexOf('"') >= 0 || s.indexOf('\'') >= 0 ? s : s.replaceAll("\\s+", " ");
  }

  /**
   * A conditional's expression when it only asks which names are defined ({@code defined},
   * {@code !}, {@code &&}, {@code ||}, parentheses, and the numbers 0 and 1), else null.
   */
  private static final class Condition {
    private final List<String> tokens = new ArrayList<>();
    private final java.util.function.Predicate<String> defined;
    private int at;

    private Condition(java.util.function.Predicate<String> defined) {
      this.defined = defined;
    }

    static Boolean of(String expression, java.util.function.Predicate<String> defined) {
      Condition c = new Condition(defined);
      Matcher m = Pattern.compile("\\s*(&&|\\|\\||[()!]|[A-Za-z_]\\w*|\\d+)").matcher(expression);
      int end = 0;
      while (m.lookingAt()) {
        c.tokens.add(m.group(1));
        end = m.end();
        m.region(end, expression.length());
      }
      if (!expression.substring(end).isBlank() || c.tokens.isEmpty()) {
        return null;
      }
      Boolean v = c.or();
      return v != null && c.at == c.tokens.size() ? v : null;
    }

    private String peek() {
      return at < tokens.size() ? tokens.get(at) : "";
    }

    private Boolean or() {
      Boolean v = and();
      while (v != null && peek().equals("||")) {
        at++;
        Boolean r = and();
        v = r == null ? null : v || r;
      }
      return v;
    }

    private Boolean and() {
      Boolean v = unary();
      while (v != null && peek().equals("&&")) {
        at++;
        Boolean r = unary();
        v = r == null ? null : v && r;
      }
      return v;
    }

    private Boolean unary() {
      String t = peek();
      at++;
      switch (t) {
        case "!" -> {
          Boolean v = unary();
          return v == null ? null : !v;
        }
        case "(" -> {
          Boolean v = or();
          return v != null && peek().equals(")") && at++ >= 0 ? v : null;
        }
        case "0", "1" -> {
          return t.equals("1");
        }
        case "defined" -> {
          boolean paren = peek().equals("(");
          if (paren) {
            at++;
          }
          String name = peek();
          at++;
          if (!isName(name) || paren && !(peek().equals(")") && at++ >= 0)) {
            return null;
          }
          return defined.test(name);
        }
        default -> {
          return null;
        }
      }
    }
  }

  private static boolean isPythonH(String operand) {
    String s = operand.strip();
    return s.equals("<Python.h>") || s.equals("\"Python.h\"") || s.endsWith("/Python.h>") || s.endsWith("/Python.h\"");
  }

  private static final Pattern SPACED_DIRECTIVE = Pattern.compile("#\\s*(\\w+)\\s+(.*)");

  /**
   * A beginning as every file that reads it alike writes it, so that they share one layer: the
   * space around a directive's name made one, and a quoted include that finds the same header as
   * the same name in angle brackets written so ({@link IncludeLookup}: the file's folder and the
   * quoted include folders hold no other, so the key no longer needs the file's folder). A quoted
   * include found nowhere keeps its spelling, for the note that says it was not found.
   */
  static String canonical(String prefix, Path folder, CompileFlags flags, boolean cpp) {
    Map<Integer, IncludeLookup.Directive> includes = new java.util.HashMap<>();
    for (IncludeLookup.Directive d : IncludeLookup.of(prefix)) {
      includes.put(d.line(), d);
    }
    StringBuilder out = new StringBuilder(prefix.length());
    String[] lines = prefix.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].strip();
      IncludeLookup.Directive d = includes.get(i + 1);
      Matcher spaced = SPACED_DIRECTIVE.matcher(l);
      if (d != null && !l.contains("include_next")) {
        if (!d.quoted() || findsAsAngled(d, folder, flags, cpp)) {
          l = "#include <" + d.name() + ">";
        }
      } else if (spaced.matches()) {
        l = "#" + spaced.group(1) + " " + spaced.group(2);
      }
      out.append(l).append(i + 1 < lines.length ? "\n" : "");
    }
    return out.toString();
  }

  /** Whether a quoted include finds a header, the one the same name in angle brackets finds. */
  private static boolean findsAsAngled(IncludeLookup.Directive quoted, Path folder, CompileFlags flags, boolean cpp) {
    Path found = IncludeLookup.resolve(quoted, folder, flags, cpp);
    IncludeLookup.Directive angled = new IncludeLookup.Directive(quoted.line(), quoted.name(), false);
    return found != null && found.equals(IncludeLookup.resolve(angled, folder, flags, cpp));
  }

  /** The key of a beginning: with the file's folder when a quoted include is looked up there. */
  static String key(String settings, String prefix, Path file) {
    boolean quoted = prefix.contains("\"");
    Path folder = file.toAbsolutePath().getParent();
    return settings + "|" + (quoted && folder != null ? folder + "|" : "") + prefix;
  }

  /** Keeps layers on disk between runs too ({@code null}: in memory only). */
  void useStore(HeaderStore store) {
    this.store = store;
  }

  /**
   * The layer read for this key with the same build features that matter, when its headers are
   * unchanged: from memory, else from the store.
   */
  HeaderFacts get(String key, Set<String> assumed, List<String> quoteDirs, List<String> searchDirs) {
    HeaderFacts found = inMemory(key, assumed, quoteDirs, searchDirs);
    HeaderStore s = store;
    if (found != null || s == null) {
      return found;
    }
    try (Timings.Span span = Timings.start("headers: cache loads")) {
      for (HeaderStore.Stored st : s.load(key)) {
        keep(key, new Layer(st.mentioned(), st.assumedUsed(), st.facts(), st.folders(), st.quoteDirs(), st.searchDirs()));
      }
    }
    return inMemory(key, assumed, quoteDirs, searchDirs);
  }

  /** Why the store could not save the last layers, or null. */
  String saveProblem() {
    HeaderStore s = store;
    return s == null ? null : s.saveProblem();
  }

  private HeaderFacts inMemory(String key, Set<String> assumed, List<String> quoteDirs, List<String> searchDirs) {
    List<Layer> found;
    synchronized (layers) {
      found = layers.get(key);
      found = found == null ? List.of() : List.copyOf(found);
    }
    for (Layer l : found) {
      if (used(assumed, l.mentioned).equals(l.assumedUsed) && (scan != null || l.facts.isFresh())
          && sameLookups(l.quoteDirs, quoteDirs, l.facts) && sameLookups(l.searchDirs, searchDirs, l.facts)) {
        return l.facts;
      }
    }
    return null;
  }

  /**
   * Keeps a layer read with {@code assumed} predefined, and saves the key's layers when there is a
   * store ({@code includeDirs}: the folders the includes were looked up in).
   */
  void put(String key, String prefix, Set<String> assumed, HeaderFacts facts, java.util.Collection<String> includeDirs,
      List<String> quoteDirs, List<String> searchDirs) {
    Set<String> mentioned = new java.util.HashSet<>(facts.mentioned);
    MacroReach.words(prefix, mentioned);
    HeaderStore s = store;
    List<Preamble.HeaderStamp> folders = s == null ? List.of() : HeaderStore.folders(includeDirs, facts);
    List<Layer> now = keep(key, new Layer(mentioned, used(assumed, mentioned), facts, folders, List.copyOf(quoteDirs),
        List.copyOf(searchDirs)));
    if (s != null && scan != null) {
      synchronized (layers) {
        unsaved.add(key);
      }
    } else if (s != null) {
      save(s, key, now);
    }
  }

  /**
   * The scan these layers serve ({@link #startScan}), whose answers of the file system they share;
   * null for an editor's.
   */
  private volatile HeaderProvider.Checks scan;
  /** The keys whose layers changed since they were last saved, while saves wait. */
  private final Set<String> unsaved = new java.util.LinkedHashSet<>();

  /**
   * Serves a scan, whose files do not change while it runs: saves wait for {@link #flush} (each key
   * saved once, at its end; a scan reads its layers from memory), a layer kept in memory (read in
   * this run, or found fresh when loaded) is not checked against the disk again for every file, and
   * whether a file exists is asked once ({@code checks}).
   */
  void startScan(HeaderProvider.Checks checks) {
    scan = checks;
  }

  private boolean exists(Path p) {
    HeaderProvider.Checks checks = scan;
    // File.exists: no exception for a missing one, unlike Files.exists
    return checks != null ? checks.exists(p) : p.toFile().exists();
  }

  /** Saves the layers of the keys that changed since they were last saved. */
  void flush() {
    HeaderStore s = store;
    List<String> keys;
    Map<String, List<Layer>> now = new java.util.HashMap<>();
    synchronized (layers) {
      keys = List.copyOf(unsaved);
      unsaved.clear();
      for (String key : keys) {
        now.put(key, List.copyOf(layers.getOrDefault(key, List.of())));
      }
    }
    if (s != null) {
      for (String key : keys) {
        save(s, key, now.get(key));
      }
    }
  }

  private static void save(HeaderStore s, String key, List<Layer> layers) {
    try (Timings.Span span = Timings.start("headers: cache saves")) {
      List<HeaderStore.Stored> stored = new ArrayList<>();
      for (Layer l : layers) {
        stored.add(new HeaderStore.Stored(l.mentioned, l.assumedUsed, l.facts, l.folders, l.quoteDirs, l.searchDirs));
      }
      s.save(key, stored);
    }
  }

  /** Adds a layer to its key's (replacing one read with the same features); the key's layers now. */
  private List<Layer> keep(String key, Layer layer) {
    synchronized (layers) {
      List<Layer> list = new ArrayList<>(layers.getOrDefault(key, List.of()));
      list.removeIf(l -> l.assumedUsed.equals(layer.assumedUsed) && l.quoteDirs.equals(layer.quoteDirs)
          && l.searchDirs.equals(layer.searchDirs));
      list.add(layer);
      if (list.size() > MAX_LAYERS_PER_KEY) {
        list.remove(0);
      }
      layers.put(key, list);
      return List.copyOf(list);
    }
  }

  void clear() {
    synchronized (layers) {
      layers.clear();
    }
  }

  /**
   * Whether a layer read with the include folders {@code read} reads alike with {@code now}: the
   * same folders, or folders that differ only by some that hold none of the header names the read
   * looked up (an include looks only for its name, so such a folder is invisible to every lookup),
   * with the others in the same order. The names a {@code __has_include} asks for count as looked
   * up; a read where one computes its name is only shared with the same folders.
   */
  boolean sameLookups(List<String> read, List<String> now, HeaderFacts facts) {
    if (read.equals(now)) {
      return true;
    }
    if (facts.lookedUp.contains(HeaderFacts.COMPUTED_NAME)) {
      return false;
    }
    // a folder listed again later is never searched again
    List<String> first = List.copyOf(new java.util.LinkedHashSet<>(read));
    List<String> second = List.copyOf(new java.util.LinkedHashSet<>(now));
    Set<String> common = new java.util.HashSet<>(first);
    common.retainAll(second);
    if (!first.stream().filter(common::contains).toList().equals(second.stream().filter(common::contains).toList())) {
      return false;
    }
    for (List<String> dirs : List.of(first, second)) {
      for (String dir : dirs) {
        if (!common.contains(dir) && holdsAny(dir, facts.lookedUp)) {
          return false;
        }
      }
    }
    return true;
  }

  private boolean holdsAny(String dir, Set<String> names) {
    for (String name : names) {
      try {
        if (exists(Path.of(dir, name))) {
          return true;
        }
      } catch (RuntimeException e) {
        return true; // a name this system cannot look up: assume it is there
      }
    }
    return false;
  }

  /** The build features of {@code assumed} that a layer read from {@code prefix} depends on. */
  static Set<String> usedBy(Set<String> assumed, HeaderFacts layer, String prefix) {
    Set<String> mentioned = new java.util.HashSet<>(layer.mentioned);
    MacroReach.words(prefix, mentioned);
    return used(assumed, mentioned);
  }

  private static Set<String> used(Set<String> assumed, Set<String> mentioned) {
    Set<String> out = new TreeSet<>(assumed);
    out.retainAll(mentioned);
    return out;
  }
}
