package dev.ftls.core.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorIncludeStatement;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorMacroDefinition;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorStatement;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorUndefStatement;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;

/**
 * What one read of a preprocessor skeleton learned from the headers: the macros they define (in
 * order) and the names they undefine for good, every name they define or undefine in any branch,
 * the build features the project's headers test, the names they declare, the headers read (with
 * their modification times), the includes not read, and whether Python.h was found.
 *
 * <p>Facts of a {@link HeaderLayer} (the headers read first, shared by files) and of the rest of a
 * file's skeleton read after it combine with {@link #after}: exactly what one read of the whole
 * skeleton gives, with the layer's headers read once for many files.
 */
final class HeaderFacts {
  final Map<String, String> macros;
  /** Names the headers #undef and do not define again (they may have been predefined). */
  final Set<String> undefined;
  final Set<String> named;
  final Set<String> tested;
  final Set<String> declared;
  final List<Preamble.HeaderStamp> stamps;
  final List<SkippedInclude> skipped;
  final boolean python;
  /**
   * The identifiers of the headers' conditionals, macro bodies and computed includes, as the
   * headers' texts have them (those of a branch not taken too, comments not: {@link
   * DirectiveWords}): a build feature assumed defined, or a name a file's beginning defines, can
   * change what the headers define only when it is one of these.
   */
  final Set<String> mentioned;
  /**
   * The header names the read looked up (as its includes wrote them, found or not): a folder that
   * holds none of them is invisible to the read ({@link HeaderLayers#sameLookups}).
   */
  final Set<String> lookedUp;

  /** The reads these facts combine ({@link #after}): these facts alone when they are one read's. */
  final List<HeaderFacts> reads;

  /**
   * Takes the map and sets it is given, which its callers made for it and no one changes after
   * (copying them was a good part of combining a layer's facts with a file's).
   */
  private HeaderFacts(Map<String, String> macros, Set<String> undefined, Set<String> named, Set<String> tested,
      Set<String> declared, List<Preamble.HeaderStamp> stamps, List<SkippedInclude> skipped, boolean python,
      Set<String> mentioned, Set<String> lookedUp) {
    this(macros, undefined, named, tested, declared, stamps, skipped, python, mentioned, lookedUp, null);
  }

  private HeaderFacts(Map<String, String> macros, Set<String> undefined, Set<String> named, Set<String> tested,
      Set<String> declared, List<Preamble.HeaderStamp> stamps, List<SkippedInclude> skipped, boolean python,
      Set<String> mentioned, Set<String> lookedUp, List<HeaderFacts> reads) {
    this.reads = reads == null ? List.of(this) : reads;
    this.macros = Collections.unmodifiableMap(macros);
    this.undefined = Collections.unmodifiableSet(undefined);
    this.named = Collections.unmodifiableSet(named);
    this.tested = Collections.unmodifiableSet(tested);
    this.declared = Collections.unmodifiableSet(declared);
    this.stamps = List.copyOf(stamps);
    this.skipped = List.copyOf(skipped);
    this.python = python;
    this.mentioned = Collections.unmodifiableSet(mentioned);
    this.lookedUp = Collections.unmodifiableSet(lookedUp);
  }

  /** Facts as kept on disk ({@link HeaderStore}), in sets made for them. */
  static HeaderFacts stored(Map<String, String> macros, Set<String> undefined, Set<String> named, Set<String> tested,
      Set<String> declared, List<Preamble.HeaderStamp> stamps, List<SkippedInclude> skipped, boolean python,
      Set<String> mentioned, Set<String> lookedUp) {
    return new HeaderFacts(shared(macros), undefined, named, tested, shared(declared), shared(stamps), skipped, python,
        mentioned, lookedUp);
  }

  /**
   * The facts of a parsed skeleton. {@code macros} are those of {@link CParser#headerMacros}
   * (for a header in context, the includer's directives count too); {@code tested} the build
   * features its project headers test; {@code declared} the names its headers declare; {@code
   * mtime} a header's modification time as the read found it; {@code served} the directive words of
   * each header the read was served whole ({@link HeaderProvider#servedWords}).
   */
  static HeaderFacts of(IASTTranslationUnit tu, Map<String, String> macros, Set<String> tested, Set<String> declared,
      List<SkippedInclude> skipped, List<HeaderProvider.Skipped> refused, List<DirectiveWords.Words> served,
      java.util.function.ToLongFunction<String> mtime) {
    Set<String> undefined = new LinkedHashSet<>();
    Set<String> lookedUp = new java.util.HashSet<>();
    Set<String> named = new LinkedHashSet<>();
    Set<String> mentioned = new java.util.HashSet<>();
    // the words of the headers' conditionals and replacements, and the names __has_include asks
    // for, from the texts of the headers read (each header's worked out once per process)
    Set<DirectiveWords.Words> once = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (DirectiveWords.Words w : served) {
      if (once.add(w)) {
        mentioned.addAll(w.words());
        lookedUp.addAll(w.asked());
      }
    }
    for (IASTPreprocessorStatement st : tu.getAllPreprocessorStatements()) {
      if (st.isPartOfTranslationUnitFile()) {
        continue;
      }
      if (st instanceof IASTPreprocessorMacroDefinition def) {
        String name = def.getName().toString();
        named.add(name);
        if (def.isActive()) {
          undefined.remove(name);
        }
      } else if (st instanceof IASTPreprocessorUndefStatement undef) {
        String name = undef.getMacroName().toString();
        named.add(name);
        if (undef.isActive()) {
          undefined.add(name);
        }
      }
    }
    for (String k : macros.keySet()) {
      named.add(FeatureMacros.bareName(k));
    }
    Set<String> headerPaths = new LinkedHashSet<>();
    boolean python = false;
    for (IASTPreprocessorIncludeStatement inc : tu.getIncludeDirectives()) {
      lookedUp.add(inc.getName().toString());
      if (inc.isResolved()) {
        String p = inc.getPath();
        headerPaths.add(p);
        if (p.endsWith("/Python.h") || p.endsWith("\\Python.h")) {
          python = true;
        }
      }
    }
    for (HeaderProvider.Skipped r : refused) {
      if (r.regularFile()) {
        headerPaths.add(r.path()); // a header over the size cap may shrink
      }
    }
    List<Preamble.HeaderStamp> stamps = new ArrayList<>();
    for (String p : headerPaths) {
      stamps.add(new Preamble.HeaderStamp(p, mtime.applyAsLong(p)));
    }
    return new HeaderFacts(shared(macros), undefined, named, tested, shared(declared), shared(stamps), skipped, python,
        mentioned, lookedUp);
  }

  /**
   * The macros with their names and texts the process's one copy ({@link Interner}): the files of
   * a project read the same headers after different beginnings, each read makes its own copies of
   * the same strings, and the preambles kept held them many times over (a scan of 200 of CPython's
   * files: 1.9 million strings, about 130 MB of a 512 MB heap). Made once per read, they are shared
   * by every preamble made of the read.
   */
  private static Map<String, String> shared(Map<String, String> macros) {
    Map<String, String> out = new LinkedHashMap<>(macros.size() * 2);
    for (Map.Entry<String, String> e : macros.entrySet()) {
      out.put(Interner.of(e.getKey()), Interner.of(e.getValue()));
    }
    return out;
  }

  private static Set<String> shared(Set<String> names) {
    Set<String> out = new LinkedHashSet<>(names.size() * 2);
    for (String n : names) {
      out.add(Interner.of(n));
    }
    return out;
  }

  private static List<Preamble.HeaderStamp> shared(List<Preamble.HeaderStamp> stamps) {
    List<Preamble.HeaderStamp> out = new ArrayList<>(stamps.size());
    for (Preamble.HeaderStamp h : stamps) {
      out.add(new Preamble.HeaderStamp(Interner.of(h.path()), h.mtime()));
    }
    return out;
  }

  /** Stands in {@link #lookedUp} for a header name that a {@code __has_include} computes: any folder may matter. */
  static final String COMPUTED_NAME = "\0computed";

  private static final Pattern HAS_INCLUDE = Pattern.compile("__has_include(?:_next)?\\b(\\s*\\()?");
  private static final Pattern LITERAL_OPERAND = Pattern.compile("\\s*(?:<([^>]+)>|\"([^\"]+)\")\\s*\\)");

  /** Adds the header names a text's {@code __has_include} asks for (a test whether it is defined asks for none). */
  static void asksFor(String text, Set<String> into) {
    if (text == null || !text.contains("__has_include")) {
      return;
    }
    Matcher m = HAS_INCLUDE.matcher(text);
    while (m.find()) {
      if (m.group(1) == null) {
        continue; // #ifdef __has_include
      }
      Matcher operand = LITERAL_OPERAND.matcher(text).region(m.end(), text.length());
      if (operand.lookingAt()) {
        into.add(operand.group(1) != null ? operand.group(1) : operand.group(2));
      } else {
        into.add(COMPUTED_NAME);
      }
    }
  }

  /**
   * These facts (of a skeleton read with {@code layer}'s macros predefined, so that the layer's
   * headers were skipped by their include guards) combined with the layer's: the layer's macros
   * with these defined over them and those these undefine removed, and the union of the rest.
   */
  HeaderFacts after(HeaderFacts layer) {
    Map<String, String> merged = over(new MacroTable(layer.macros, layer.functionKeys()));
    Set<String> gone = new LinkedHashSet<>(layer.undefined);
    for (String k : macros.keySet()) {
      gone.remove(FeatureMacros.bareName(k));
    }
    gone.addAll(undefined);
    List<Preamble.HeaderStamp> allStamps = stampsOf(layer.stamps, stamps);
    List<SkippedInclude> allSkipped = new ArrayList<>(skipped);
    for (SkippedInclude s : layer.skipped) {
      if (!allSkipped.contains(s)) {
        allSkipped.add(s);
      }
    }
    List<HeaderFacts> both = new ArrayList<>(layer.reads);
    both.addAll(reads);
    return new HeaderFacts(merged, gone, union(layer.named, named), union(layer.tested, tested),
        union(layer.declared, declared), allStamps, allSkipped, python || layer.python, union(layer.mentioned, mentioned),
        union(layer.lookedUp, lookedUp), both);
  }

  /** The keys of this layer's function-like macros by bare name, made when first asked ({@link MacroTable}). */
  private volatile Map<String, String> functionKeys;

  private Map<String, String> functionKeys() {
    Map<String, String> keys = functionKeys;
    if (keys == null) {
      functionKeys = keys = MacroTable.functionKeys(macros);
    }
    return keys;
  }

  /** The macros' names, sorted once for the preambles of every file read after this layer; made when first asked. */
  private volatile MacroReach.SortedNames sortedNames;

  /**
   * The names of the macros of the first read these facts combine (the header layer's, shared by
   * the files that begin alike), sorted once: the reach index of each of those files' parses
   * sorts only the rest ({@link MacroReach.Index}); null for the facts of one read alone.
   */
  MacroReach.SortedNames layerNames() {
    if (reads.size() < 2) {
      return null;
    }
    HeaderFacts layer = reads.get(0);
    MacroReach.SortedNames names = layer.sortedNames;
    if (names == null) {
      layer.sortedNames = names = MacroReach.SortedNames.of(layer.macros.keySet());
    }
    return names;
  }

  /** The layer's macros made ready once for CDT's preprocessor ({@link #under}); made when first asked. */
  private volatile Map<String, String> frozen;
  /** The bare names the layer's headers define or undefine: a base's macros of those names are replaced. */
  private volatile Set<String> touched;

  /**
   * The macros to predefine for a read after this layer, as {@link #over} makes them (the same
   * macros, in another order, which a preprocessor's start does not depend on): those of {@code
   * base} the layer leaves as they are, then the layer's, which CDT's preprocessor then predefines
   * as it made them for the first read after the layer ({@link PredefinedMacros#layered}).
   */
  Map<String, String> under(Map<String, String> base) {
    Map<String, String> ready = frozen;
    Set<String> names = touched;
    if (ready == null || names == null) {
      names = new java.util.HashSet<>(undefined);
      for (String key : macros.keySet()) {
        names.add(FeatureMacros.bareName(key));
      }
      touched = names;
      frozen = ready = PredefinedMacros.frozen(macros);
    }
    Map<String, String> below = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : base.entrySet()) {
      if (!names.contains(FeatureMacros.bareName(e.getKey()))) {
        below.put(e.getKey(), e.getValue());
      }
    }
    return PredefinedMacros.layered(below, ready);
  }

  /** The macros to predefine for a read after this layer: {@code base} with the layer's headers' effect. */
  Map<String, String> over(Map<String, String> base) {
    return over(new MacroTable(base));
  }

  private Map<String, String> over(MacroTable out) {
    for (String name : undefined) {
      out.undefine(name);
    }
    for (Map.Entry<String, String> e : macros.entrySet()) {
      out.define(e.getKey(), e.getValue());
    }
    return out.toMap();
  }

  /**
   * These facts, stale also when one of {@code layer}'s headers changes (the rest of a skeleton,
   * read after the layer).
   */
  HeaderFacts dependingOn(HeaderFacts layer) {
    return new HeaderFacts(macros, undefined, named, tested, declared, stampsOf(stamps, layer.stamps), skipped, python,
        mentioned, lookedUp);
  }

  /** The stamps of {@code first}, then those of {@code then} whose header is not among them. */
  private static List<Preamble.HeaderStamp> stampsOf(List<Preamble.HeaderStamp> first, List<Preamble.HeaderStamp> then) {
    List<Preamble.HeaderStamp> all = new ArrayList<>(first);
    Set<String> seen = new java.util.HashSet<>();
    for (Preamble.HeaderStamp s : first) {
      seen.add(s.path());
    }
    for (Preamble.HeaderStamp s : then) {
      if (seen.add(s.path())) {
        all.add(s);
      }
    }
    return all;
  }

  /**
   * Whether the headers read could read otherwise had a file defined {@code name} before them: a
   * word of their conditionals, replacements or computed includes, or a name they define, undefine
   * or declare.
   */
  boolean mentions(String name) {
    return mentioned.contains(name) || named.contains(name) || declared.contains(name);
  }

  /** The paths of the headers read. */
  Set<String> readPaths() {
    Set<String> out = new java.util.HashSet<>();
    for (Preamble.HeaderStamp s : stamps) {
      out.add(s.path());
    }
    return out;
  }

  /** Whether every header read is unchanged on disk. */
  boolean isFresh() {
    for (Preamble.HeaderStamp h : stamps) {
      if (Preamble.mtime(h.path()) != h.mtime()) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code a} and then the names of {@code b} it lacks, as a set that reads them where they are:
   * both are facts that never change, and {@code a} is a layer's (thousands of names, the same for
   * every file read after it) while {@code b} is the few of the rest of one file's headers.
   */
  private static Set<String> union(Set<String> a, Set<String> b) {
    List<String> more = new ArrayList<>();
    for (String x : b) {
      if (!a.contains(x)) {
        more.add(x);
      }
    }
    if (more.isEmpty()) {
      return a;
    }
    Set<String> extra = new LinkedHashSet<>(more);
    return new java.util.AbstractSet<>() {
      @Override
      public java.util.Iterator<String> iterator() {
        return java.util.stream.Stream.concat(a.stream(), extra.stream()).iterator();
      }

      @Override
      public boolean contains(Object o) {
        return a.contains(o) || extra.contains(o);
      }

      @Override
      public int size() {
        return a.size() + extra.size();
      }
    };
  }
}
