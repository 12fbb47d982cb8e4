package dev.ftls.core.parse;

import dev.ftls.core.config.Target;
import dev.ftls.core.source.SourceText;
import dev.ftls.core.source.Timings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTFunctionStyleMacroParameter;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorElifStatement;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorFunctionStyleMacroDefinition;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorIfStatement;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorIfdefStatement;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorIfndefStatement;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorIncludeStatement;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorMacroDefinition;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorStatement;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorUndefStatement;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.core.dom.ast.gnu.c.GCCLanguage;
import org.eclipse.cdt.core.dom.ast.gnu.cpp.GPPLanguage;
import org.eclipse.cdt.core.model.AbstractLanguage;
import org.eclipse.cdt.core.model.ILanguage;
import org.eclipse.cdt.core.parser.ExtendedScannerInfo;
import org.eclipse.cdt.core.parser.FileContent;
import org.eclipse.cdt.core.parser.IParserLogService;
import org.eclipse.cdt.core.parser.IScanner;
import org.eclipse.cdt.core.parser.IScannerInfo;
import org.eclipse.cdt.core.parser.IncludeFileContentProvider;
import org.eclipse.cdt.core.parser.ParseError;
import org.eclipse.cdt.internal.core.dom.parser.ASTQueries;
import org.eclipse.core.runtime.CoreException;

/**
 * Parses C and C++ with Eclipse CDT the way the user's compiler would see the file, but pays the
 * cost of the headers once: the headers' macros are computed from the file's preprocessor skeleton
 * and cached (the "macro preamble"); each parse after that reads only the file itself, with those
 * macros predefined and the built-in prelude forced in.
 *
 * <p>Every parse is bounded: a {@link Deadline} cancels it, and a token budget stops macro
 * expansions that blow up (a "macro bomb"): {@link #MAX_HEADER_TOKENS} for the file's headers,
 * {@link #maxFileTokens} for the file itself. CDT counts tokens in one counter for the whole JVM;
 * {@link TokenTurns} lets parses run at once all the same.
 */
public final class CParser {
  private static final int MAX_PREAMBLES = 32;

  /**
   * Tokens the headers of one file may produce. Python.h with the C library's headers makes about
   * 400,000; C++ projects with pybind11 and the standard library a few million.
   */
  static final int MAX_HEADER_TOKENS = 16_000_000;

  private final Map<String, Preamble> preambles = lastUsed(MAX_PREAMBLES);

  /** A map that keeps its {@code max} most recently used entries (not synchronized). */
  private static <K, V> Map<K, V> lastUsed(int max) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > max;
      }
    };
  }

  /**
   * For a scan, what the include checks said, shared by its reads; null for an editor's, where a
   * header may be created or changed at any time, and whose full preamble cache keeps the most
   * recent rather than what it has (a scan's).
   */
  private volatile HeaderProvider.Checks scanChecks;

  /**
   * Prepares for a scan ({@code ftls check}), whose files do not change while it runs: its files are
   * summarized for the project index and analyzed in one pass, and analyzed again only when the
   * complete index answers one of their questions otherwise (on CPython's modules none is). It
   * keeps as many preambles as an editor ({@link #MAX_PREAMBLES}), and when full the first ones
   * rather than the most recent; a file analyzed again makes its preamble anew from the header
   * layers and the rest of its headers, kept in memory or in the cache folder, without reading a
   * header (kept for every file, as before, the preambles were most of a check's live heap, for
   * nothing). Its reads share what the file system answered ({@link HeaderProvider.Checks}); the
   * header layers it reads are saved at its end ({@link #saveHeaderLayers}), each key's once.
   */
  public void startScan() {
    HeaderProvider.Checks checks = new HeaderProvider.Checks();
    scanChecks = checks;
    layers.startScan(checks);
    rests.startScan(checks);
  }

  /** Saves the header layers a scan read ({@link #startScan}) to the cache folder. */
  public void saveHeaderLayers() {
    layers.flush();
    rests.flush();
  }

  /** The first layers of the preambles, shared by the files that begin alike. */
  private final HeaderLayers layers = new HeaderLayers();

  /** The rest of the files' headers, each read after a layer ({@link #readSkeleton}). */
  private final HeaderLayers rests = new HeaderLayers();

  /**
   * Per compile settings (include folders aside) and target, the names that the headers read with
   * them define: a guess of the build features a file tests that its headers will define
   * ({@link #buildPreamble}).
   */
  private final Map<String, Defined> headerDefined = java.util.Collections.synchronizedMap(lastUsed(MAX_PREAMBLES));

  /** The names headers define with some settings, and the reads already counted in. */
  private static final class Defined {
    final Set<String> names = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** By identity, not kept alive: a layer's thousands of names are added once, not with every file after it. */
    final Set<HeaderFacts> counted = java.util.Collections.synchronizedSet(
        java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>()));
  }

  private void learnDefined(String settings, HeaderFacts facts) {
    Defined known = headerDefined.computeIfAbsent(settings, k -> new Defined());
    for (HeaderFacts read : facts.reads) {
      if (known.counted.add(read)) {
        known.names.addAll(read.named);
      }
    }
  }

  /**
   * Locks held while header facts (a layer, the rest of a skeleton) are looked up and, when missing,
   * read, chosen by key and assumed features: files read at once that need the same facts wait for
   * one read. A fixed set, so that a long session's skeletons leave nothing behind (two keys that
   * share a lock only wait for each other).
   */
  private final Object[] readLocks = new Object[64];

  {
    for (int i = 0; i < readLocks.length; i++) {
      readLocks[i] = new Object();
    }
  }

  /** Whether to recover declarations an unknown attribute-like macro made unreadable. */
  private final boolean recover;

  /** Whether preambles are read in layers ({@link HeaderLayers}); off only to compare in tests. */
  private final boolean layered;

  /** A parser that recovers from unknown attribute-like macros ({@link Recovery}). */
  public CParser() {
    this(true);
  }

  /** A parser that recovers or, for comparison in tests and measurements, does not. */
  CParser(boolean recover) {
    this(recover, true);
  }

  /** A parser that reads preambles in layers or, for comparison in tests, each in one read. */
  CParser(boolean recover, boolean layered) {
    this.recover = recover;
    this.layered = layered;
    useHeaderCache(defaultHeaderCache);
  }

  /** The cache folder of the parsers made from now on in this process (the server's), or null. */
  private static volatile Path defaultHeaderCache;

  /** Makes every parser made from now on keep its header layers in {@code cacheFolder} (the server sets it). */
  public static void cacheHeadersByDefault(Path cacheFolder) {
    defaultHeaderCache = cacheFolder;
  }

  /**
   * Tokens the file itself may produce, headers' macros expanded: real code makes about 4 per
   * character of source, so 16 per character plus 2 million leaves room and still stops a macro
   * bomb after about 100 MB.
   */
  static int maxFileTokens(int chars) {
    return (int) Math.min(Integer.MAX_VALUE, 2_000_000L + 16L * chars);
  }

  /** Parses one file without a time budget. */
  public ParsedFile parse(SourceText source, CompileFlags flags, Target target) {
    return parse(source, flags, target, Deadline.after(java.time.Duration.ofDays(365)));
  }

  /**
   * Parses one file. CDT recovers from syntax errors; what it cannot get through is a {@link
   * ParseFailure} saying why (the time or token budget ran out, the parser itself failed).
   */
  public ParsedFile parse(SourceText source, CompileFlags flags, Target target, Deadline deadline) {
    boolean cpp = source.isCpp();
    boolean[] reuse = new boolean[1];
    Preamble preamble;
    try (Timings.Span span = Timings.start("headers: preambles besides reads")) {
      preamble = preamble(source, flags, target, deadline, reuse);
    }
    boolean reused = reuse[0];
    try (Timings.Span span = Timings.start("parse: files")) {
      return parse(source, flags, target, deadline, cpp, preamble, reused);
    }
  }

  private ParsedFile parse(SourceText source, CompileFlags flags, Target target, Deadline deadline, boolean cpp,
      Preamble preamble, boolean reused) {
    Map<String, String> macros = new LinkedHashMap<>(CompilerDefaults.predefinedMacros(cpp, flags.std));
    for (String name : preamble.assumed) {
      macros.put(name, "1");
    }
    macros.putAll(preamble.macros);
    applyFlagsAndTarget(macros, flags, target);
    // the same macros at every parse with this preamble (its key has the flags and target)
    MacroReach.Index predefined = preamble.reachIndex(macros);
    IASTTranslationUnit tu = parseFile(source, macros, predefined, cpp, deadline);
    Recovery.Outcome outcome = recover
        ? Recovery.recover(tu, source, macros, preamble.declared,
            more -> parseFile(source, more, new MacroReach.Index(more), cpp, deadline))
        : new Recovery.Outcome(tu, List.of(), ParseProblems.of(tu, source));
    tu = outcome.tu();
    String includeSource = flags.describeSources();
    if (!preamble.pythonHeaderFound) {
      includeSource = flags.sources.isEmpty() ? "prelude" : flags.describeSources() + " + prelude (no Python.h found)";
    }
    if (flags.includer != null) {
      includeSource += ", in the " + flags.includer.describe();
    }
    if (!preamble.assumed.isEmpty()) {
      includeSource += "; build features assumed defined: " + String.join(", ", preamble.assumed);
    }
    List<String> notes = new ArrayList<>();
    if (flags.headerAlone && !includesPythonH(tu)) {
      notes.add(ALONE);
    }
    notes.addAll(IncludeNotes.of(preamble.skipped, tu, preamble.pythonHeaderFound));
    for (AssumedMacro m : outcome.assumed()) {
      notes.add(m.note(preamble.pythonHeaderFound));
    }
    notes.addAll(outcome.problems().notes(source));
    return new ParsedFile(source, tu, includeSource, preamble.pythonHeaderFound, reused, notes, preamble.headerMacros);
  }

  /** The preamble of a file (for tests). */
  Preamble preamble(SourceText source, CompileFlags flags, Target target) {
    return preamble(source, flags, target, Deadline.after(java.time.Duration.ofDays(365)), new boolean[1]);
  }

  /** The file's preamble, from the cache when its headers are unchanged ({@code reused[0]} says so). */
  private Preamble preamble(SourceText source, CompileFlags flags, Target target, Deadline deadline, boolean[] reused) {
    boolean cpp = source.isCpp();
    // a header in the context of a file that includes it: that file's directives come first
    String context = flags.includer == null ? "" : flags.includer.directives();
    DirectiveScan directives = directiveScan(source, context, flags, cpp);
    String skeleton = directives.skeleton();
    Set<String> assumed = directives.assumed();
    // with the file's folder when a quoted include is looked up there, as a layer's key
    String key = HeaderLayers.key((cpp ? "c++|" : "c|") + target + "|" + directives.flagsKey() + "|" + assumed, skeleton,
        source.path());
    Preamble preamble;
    synchronized (preambles) {
      preamble = preambles.get(key);
    }
    if (preamble != null && (scanChecks != null || preamble.isFresh())) { // a scan's headers do not change
      reused[0] = true;
      return preamble;
    }
    preamble = buildPreamble(source, skeleton, context.length(), assumed, flags, target, cpp, deadline);
    synchronized (preambles) {
      if (scanChecks == null || preambles.size() < MAX_PREAMBLES || preambles.containsKey(key)) {
        preambles.put(key, preamble);
      }
    }
    return preamble;
  }

  /**
   * What a file's directives say for its preamble: its skeleton and the build features assumed,
   * with the text and settings they were read from.
   */
  private record DirectiveScan(String text, String context, String flagsKey, boolean cpp, String skeleton,
      Set<String> assumed) {}

  /** Per file, the scan of its last text: an edit outside its directives leaves both as they were. */
  private final Map<Path, DirectiveScan> directiveScans = java.util.Collections.synchronizedMap(lastUsed(MAX_PREAMBLES));

  /**
   * The file's skeleton and assumed features; taken from the scan of its text before, when it had
   * the same settings and the change between the two texts cannot touch a directive ({@link
   * Skeleton#sameDirectives}): both scans read the whole text, which costs a large file's edit
   * several milliseconds.
   */
  private DirectiveScan directiveScan(SourceText source, String context, CompileFlags flags, boolean cpp) {
    String text = source.text();
    String flagsKey = flags.key();
    DirectiveScan last = directiveScans.get(source.path());
    DirectiveScan now;
    if (last != null && last.cpp() == cpp && last.context().equals(context) && last.flagsKey().equals(flagsKey)
        && Skeleton.sameDirectives(last.text(), text)) {
      now = new DirectiveScan(text, context, flagsKey, cpp, last.skeleton(), last.assumed());
    } else {
      Map<String, String> predefined = CompilerDefaults.predefinedMacros(cpp, flags.std);
      now = new DirectiveScan(text, context, flagsKey, cpp, context + Skeleton.of(text),
          FeatureMacros.assumed(context + text, flags, predefined.keySet()));
    }
    directiveScans.put(source.path(), now);
    return now;
  }

  /** Whether the file itself has an {@code #include} of Python.h (found or not). */
  private static boolean includesPythonH(IASTTranslationUnit tu) {
    for (IASTPreprocessorIncludeStatement inc : tu.getIncludeDirectives()) {
      String name = inc.getName().toString();
      if (inc.isPartOfTranslationUnitFile() && (name.equals("Python.h") || name.endsWith("/Python.h"))) {
        return true;
      }
    }
    return false;
  }

  /** The note of a header that no file includes and that does not include Python.h itself. */
  public static final String ALONE = "analyzed alone: no file in the workspace includes it, and it does not"
      + " include Python.h itself, so the macros an including file would define first are unknown";

  /** The words of the prelude, forced into every file's parse. */
  private static final List<String> PRELUDE_WORDS = MacroReach.words(HeaderProvider.PRELUDE_TEXT);

  /** Parses the file itself, its headers' macros predefined. */
  private static IASTTranslationUnit parseFile(SourceText source, Map<String, String> macros, MacroReach.Index index,
      boolean cpp, Deadline deadline) {
    // only the macros the file and the prelude can reach: the others cannot change the parse
    ExtendedScannerInfo info = new ExtendedScannerInfo(MacroReach.of(macros, index, PRELUDE_WORDS, source.text()),
        new String[0], new String[0], new String[] {HeaderProvider.PRELUDE_PATH});
    return run(cpp, FileContent.create(source.path().toString(), source.text().toCharArray()), info, new HeaderProvider(false),
        deadline, maxFileTokens(source.text().length()), false);
  }

  /** Drops every cached preamble (after a configuration change). */
  public void clearCache() {
    synchronized (preambles) {
      preambles.clear();
    }
    layers.clear();
    rests.clear();
    headerDefined.clear();
    directiveScans.clear();
    HeaderProvider.Checks checks = scanChecks;
    if (checks != null) {
      checks.clear();
    }
  }

  private static void applyFlagsAndTarget(Map<String, String> macros, CompileFlags flags, Target target) {
    macros.putAll(flags.defines);
    for (String u : flags.undefines) {
      macros.remove(u);
    }
    macros.put("PY_VERSION_HEX", "0x" + Integer.toHexString(target.versionHex()).toUpperCase());
    macros.put("PY_MAJOR_VERSION", Integer.toString(target.major()));
    macros.put("PY_MINOR_VERSION", Integer.toString(target.minor()));
    if (target.freeThreaded()) {
      macros.put("Py_GIL_DISABLED", "1");
    } else {
      macros.remove("Py_GIL_DISABLED");
    }
  }

  /**
   * Computes the headers' macros from the skeleton (for a header in context, the includer's
   * directives are its first {@code contextChars} characters, and their own defines count too).
   * The build features assumed from the file's own conditionals are predefined; when the project's
   * headers test more of them, or define one of them where it was assumed, the skeleton is read
   * again once with the revised set.
   */
  private Preamble buildPreamble(SourceText source, String skeleton, int contextChars, Set<String> assumed,
      CompileFlags flags, Target target, boolean cpp, Deadline deadline) {
    long t0 = System.nanoTime();
    String settings = settingsKey(flags, target, cpp);
    // names that headers read with these settings defined are not assumed in the first read: the
    // revision would drop them again (pyconfig.h defines most of the features a module tests)
    Set<String> first = assumed;
    Defined definedBefore = headerDefined.get(settings);
    if (flags.assumeFeatures && definedBefore != null) {
      first = new java.util.TreeSet<>(assumed);
      first.removeAll(definedBefore.names);
    }
    HeaderFacts facts = readSkeleton(source, skeleton, contextChars, first, flags, target, cpp, deadline);
    learnDefined(settings, facts);
    if (flags.assumeFeatures) {
      // revised from the file's own guess, so that the result is the one a read with it would give
      Set<String> revised = revisedFeatures(facts, assumed, flags, cpp);
      assumed = first;
      if (!revised.equals(first)) {
        assumed = revised;
        facts = readSkeleton(source, skeleton, contextChars, assumed, flags, target, cpp, deadline);
        learnDefined(settings, facts);
      }
    }
    Map<String, String> macros = new LinkedHashMap<>(facts.macros);
    if (contextChars > 0) {
      String guard = Skeleton.guard(source.text());
      if (guard != null) {
        macros.remove(guard); // read before through another header: this header is read again here
      }
    }
    return new Preamble(macros, facts.stamps, facts.python, facts.skipped, facts.declared, assumed, System.nanoTime() - t0,
        facts.layerNames());
  }

  /**
   * Reads the skeleton's headers: its beginning's from the shared {@link HeaderLayers} (read once
   * for all files that begin alike), then the rest of it after them, kept too (in memory and on
   * disk: a returning session reads neither, while the headers are unchanged).
   */
  private HeaderFacts readSkeleton(SourceText source, String skeleton, int contextChars, Set<String> assumed,
      CompileFlags flags, Target target, boolean cpp, Deadline deadline) {
    String prefix = contextChars == 0 && layered ? HeaderLayers.prefix(skeleton) : null;
    List<String> searchDirs = new ArrayList<>(flags.includePaths);
    searchDirs.addAll(CompilerDefaults.systemIncludes(cpp));
    String settings = settingsKey(flags, target, cpp);
    if (prefix == null) {
      return whole(source, skeleton, contextChars, assumed, flags, target, cpp, deadline, settings, searchDirs);
    }
    prefix = HeaderLayers.canonical(prefix, source.path().toAbsolutePath().getParent(), flags, cpp);
    Map<String, String> base = baseDefines(assumed, flags, target, cpp);
    // read as what it does: beginnings that leave the same macros defined share the layer
    String beginning = HeaderLayers.effect(prefix, base);
    HeaderFacts layer = layer(settings, beginning, assumed, source, flags, target, cpp, deadline, searchDirs);
    if (!HeaderLayers.readsAlike(prefix, base, layer)) {
      // its conditionals test what the layer's headers define: one read of the whole
      return whole(source, skeleton, contextChars, assumed, flags, target, cpp, deadline, settings, searchDirs);
    }
    // the rest depends on the layer it was read after: its key names the features the layer
    // assumed, and it is stale when one of the layer's headers changed
    String restKey = HeaderLayers.key(settings + "|after " + HeaderLayers.usedBy(assumed, layer, beginning), skeleton,
        source.path());
    HeaderFacts rest = kept(rests, restKey, skeleton, assumed, source, flags, cpp, searchDirs,
        () -> readOnce("headers: reads after a layer", source, skeleton, contextChars, assumed, flags, target, cpp, deadline,
            layer, scanChecks)
            .dependingOn(layer));
    return rest.after(layer);
  }

  /**
   * One read of the whole skeleton (one that is not layered), kept with the rests of skeletons when
   * layers are (in memory and on disk: a later run reads it from there while its headers are
   * unchanged); a header read in the context of its includer is read each time.
   */
  private HeaderFacts whole(SourceText source, String skeleton, int contextChars, Set<String> assumed, CompileFlags flags,
      Target target, boolean cpp, Deadline deadline, String settings, List<String> searchDirs) {
    java.util.function.Supplier<HeaderFacts> read = () -> readOnce("headers: whole-skeleton reads", source, skeleton,
        contextChars, assumed, flags, target, cpp, deadline, null, scanChecks);
    if (!layered || contextChars > 0) {
      headerReads.incrementAndGet();
      return read.get();
    }
    return kept(rests, HeaderLayers.key(settings + "|whole", skeleton, source.path()), skeleton, assumed, source, flags, cpp,
        searchDirs, read);
  }

  /**
   * The header layer of a beginning: the one kept for it, else that of the beginning less its
   * defines of names the headers never mention ({@link HeaderLayers#shared}), when its read
   * confirms that they mention none of them, else a read of the beginning as written. A beginning
   * whose defines its headers do not all mention is kept without them too, for the beginnings that
   * differ from it only by such defines.
   */
  private HeaderFacts layer(String settings, String beginning, Set<String> assumed, SourceText source, CompileFlags flags,
      Target target, boolean cpp, Deadline deadline, List<String> searchDirs) {
    String shared = layers.shared(settings, beginning);
    HeaderFacts found = null;
    if (!shared.equals(beginning)
        && layers.get(HeaderLayers.key(settings, beginning, source.path()), assumed, flags.quoteIncludePaths,
            searchDirs) == null) {
      found = keptLayer(settings, shared, assumed, source, flags, target, cpp, deadline, searchDirs);
      if (!HeaderLayers.unaffected(beginning, shared, found)) {
        found = null; // the headers read mention a name it defines after all
      }
    }
    if (found == null) {
      found = keptLayer(settings, beginning, assumed, source, flags, target, cpp, deadline, searchDirs);
    }
    layers.learn(settings, beginning, found);
    return found;
  }

  /** The layer kept for this beginning, else read (and kept also without the defines its headers do not mention). */
  private HeaderFacts keptLayer(String settings, String beginning, Set<String> assumed, SourceText source,
      CompileFlags flags, Target target, boolean cpp, Deadline deadline, List<String> searchDirs) {
    boolean[] read = {false};
    HeaderFacts facts = kept(layers, HeaderLayers.key(settings, beginning, source.path()), beginning, assumed, source, flags,
        cpp, searchDirs, () -> {
          read[0] = true;
          return readOnce("headers: layer reads", source, beginning, 0, assumed, flags, target, cpp, deadline, null,
              scanChecks);
        });
    if (read[0]) {
      String alone = HeaderLayers.without(beginning, facts::mentions);
      if (!alone.equals(beginning)) {
        layers.put(HeaderLayers.key(settings, alone, source.path()), alone, assumed, facts,
            includeDirs(source, alone, flags, cpp), flags.quoteIncludePaths, searchDirs);
      }
    }
    return facts;
  }

  /**
   * The facts {@code in} keeps for this key and the build features that matter, else {@code read}
   * (kept then); files read at once that need the same facts wait for one read.
   */
  private HeaderFacts kept(HeaderLayers in, String key, String text, Set<String> assumed, SourceText source,
      CompileFlags flags, boolean cpp, List<String> searchDirs, java.util.function.Supplier<HeaderFacts> read) {
    synchronized (readLocks[Math.floorMod((key + "|" + assumed).hashCode(), readLocks.length)]) {
      HeaderFacts facts = in.get(key, assumed, flags.quoteIncludePaths, searchDirs);
      if (facts == null) {
        headerReads.incrementAndGet();
        facts = read.get();
        in.put(key, text, assumed, facts, includeDirs(source, text, flags, cpp), flags.quoteIncludePaths, searchDirs);
      }
      return facts;
    }
  }

  /** The compile settings (include folders aside) and target that header facts are kept for. */
  private static String settingsKey(CompileFlags flags, Target target, boolean cpp) {
    return (cpp ? "c++|" : "c|") + target + "|" + flags.keyBesidesFolders();
  }

  /** The folders a beginning's includes are looked up in: the file's own for a quoted one, then the flags' and the compiler's. */
  private static List<String> includeDirs(SourceText source, String prefix, CompileFlags flags, boolean cpp) {
    List<String> dirs = new ArrayList<>();
    Path folder = source.path().toAbsolutePath().getParent();
    if (prefix.contains("\"") && folder != null) {
      dirs.add(folder.toString());
    }
    dirs.addAll(flags.quoteIncludePaths);
    dirs.addAll(flags.includePaths);
    dirs.addAll(CompilerDefaults.systemIncludes(cpp));
    return dirs;
  }

  /**
   * Keeps the header layers on disk too, in {@code cacheFolder}'s {@code headers}, and the rest of
   * each file's headers in its {@code headers/rest} (null: in memory only), so that a later run
   * reads them from there while they are unchanged.
   */
  public void useHeaderCache(Path cacheFolder) {
    layers.useStore(cacheFolder == null ? null : HeaderStore.in(cacheFolder.resolve("headers")));
    rests.useStore(cacheFolder == null ? null : HeaderStore.in(cacheFolder.resolve("headers").resolve("rest")));
  }

  /** How many reads of headers this parser made: layers and the rest of skeletons (for tests). */
  private final java.util.concurrent.atomic.AtomicInteger headerReads = new java.util.concurrent.atomic.AtomicInteger();

  int headerReads() {
    return headerReads.get();
  }

  /** The first layers of this parser's preambles (for tests). */
  HeaderLayers layers() {
    return layers;
  }

  /** One read of a skeleton with CDT, after {@code layer}'s headers when it is not null; timed as {@code phase}. */
  private static HeaderFacts readOnce(String phase, SourceText source, String skeleton, int contextChars,
      Set<String> assumed, CompileFlags flags, Target target, boolean cpp, Deadline deadline, HeaderFacts layer,
      HeaderProvider.Checks checks) {
    try (Timings.Span span = Timings.start(phase)) {
      return readOnce(source, skeleton, contextChars, assumed, flags, target, cpp, deadline, layer, checks);
    }
  }

  private static HeaderFacts readOnce(SourceText source, String skeleton, int contextChars, Set<String> assumed,
      CompileFlags flags, Target target, boolean cpp, Deadline deadline, HeaderFacts layer, HeaderProvider.Checks checks) {
    HeaderProvider headers = new HeaderProvider(true, layer == null ? Set.of() : layer.readPaths(), checks);
    HeaderScan.Read read = parseSkeleton(source, skeleton, assumed, flags, target, cpp, deadline, headers, layer);
    IASTTranslationUnit tu = read.tu();
    List<HeaderProvider.Skipped> refused = headers.skipped();
    return HeaderFacts.of(tu, headerMacros(tu, contextChars), projectTested(tu, flags, cpp), read.declared(),
        skippedIncludes(tu, refused, flags), refused, headers.servedWords(), headers::mtime);
  }

  /** The macros defined before the skeleton's first line: the compiler's, the assumed features, the flags and target. */
  private static Map<String, String> baseDefines(Set<String> assumed, CompileFlags flags, Target target, boolean cpp) {
    Map<String, String> defines = new LinkedHashMap<>(CompilerDefaults.predefinedMacros(cpp, flags.std));
    for (String name : assumed) {
      defines.put(name, "1");
    }
    applyFlagsAndTarget(defines, flags, target);
    return defines;
  }

  /**
   * Reads a skeleton's headers: C with the preprocessor alone ({@link HeaderScan}), C++ with the
   * parser (the names its headers declare at file level are read off the declarations).
   */
  private static HeaderScan.Read parseSkeleton(SourceText source, String skeleton, Set<String> assumed,
      CompileFlags flags, Target target, boolean cpp, Deadline deadline, HeaderProvider headers, HeaderFacts layer) {
    Map<String, String> defines = baseDefines(assumed, flags, target, cpp);
    if (layer != null) {
      defines = layer.under(defines); // the layer's headers as read: their include guards skip them now
    }
    List<String> paths = new ArrayList<>(flags.includePaths);
    paths.addAll(CompilerDefaults.systemIncludes(cpp));
    String[] forced = flags.forcedIncludes.toArray(new String[0]);
    List<String> quotePaths = new ArrayList<>(flags.quoteIncludePaths);
    if (flags.includer != null) {
      quotePaths.addAll(flags.includer.folders()); // the includers' quoted includes are theirs
    }
    String[] quote = quotePaths.toArray(new String[0]);
    ExtendedScannerInfo info = new ExtendedScannerInfo(defines, paths.toArray(new String[0]), new String[0], forced, quote);
    FileContent content = FileContent.create(source.path().toString(), skeleton.toCharArray());
    if (cpp) {
      IASTTranslationUnit tu = run(cpp, content, info, headers, deadline, MAX_HEADER_TOKENS, true);
      return new HeaderScan.Read(tu, declaredInHeaders(tu));
    }
    return run(content.getFileLocation(), headers, deadline, MAX_HEADER_TOKENS, true,
        control -> HeaderScan.read(content, info, headers, control));
  }

  /**
   * The macros the headers define, and those of the includer's directives (before contextChars);
   * a redefinition replaces the earlier one whatever its form ({@link MacroTable}).
   */
  private static Map<String, String> headerMacros(IASTTranslationUnit tu, int contextChars) {
    MacroTable macros = new MacroTable(Map.of());
    for (IASTPreprocessorStatement st : tu.getAllPreprocessorStatements()) {
      if (st.isPartOfTranslationUnitFile() && !inContext(st, contextChars)) {
        continue;
      }
      if (st instanceof IASTPreprocessorMacroDefinition def && def.isActive()) {
        macros.define(macroKey(def), MacroExpansion.of(def));
      } else if (st instanceof IASTPreprocessorUndefStatement undef && undef.isActive()) {
        macros.undefine(undef.getMacroName().toString());
      }
    }
    return macros.toMap();
  }

  private static boolean inContext(IASTPreprocessorStatement st, int contextChars) {
    return contextChars > 0 && st.getFileLocation() != null && st.getFileLocation().getNodeOffset() < contextChars;
  }

  /**
   * The build features to assume once the headers are known: the file's, plus those the project's
   * own headers test, less every name a header defines or undefines (in any branch).
   */
  private static Set<String> revisedFeatures(HeaderFacts facts, Set<String> assumed, CompileFlags flags, boolean cpp) {
    Set<String> tested = new java.util.TreeSet<>(facts.tested);
    Set<String> revised = new java.util.TreeSet<>(assumed);
    tested.removeAll(flags.defines.keySet().stream().map(FeatureMacros::bareName).toList());
    tested.removeAll(flags.undefines);
    tested.removeAll(CompilerDefaults.predefinedMacros(cpp, flags.std).keySet());
    revised.addAll(tested);
    revised.removeAll(facts.named);
    return revised;
  }

  /** The build features the project's own headers test in their conditionals. */
  private static Set<String> projectTested(IASTTranslationUnit tu, CompileFlags flags, boolean cpp) {
    Set<String> tested = new java.util.TreeSet<>();
    Map<String, Boolean> project = new java.util.HashMap<>(); // per header, not per directive
    for (IASTPreprocessorStatement st : tu.getAllPreprocessorStatements()) {
      if (st.isPartOfTranslationUnitFile()) {
        continue;
      }
      if (!isConditional(st)) {
        continue;
      }
      String header = st.getContainingFilename();
      // the condition's text only for a project header's (CDT finds its place in the files to give it)
      if (project.computeIfAbsent(header == null ? "" : header, h -> isProjectHeader(header, flags, cpp))) {
        tested.addAll(FeatureMacros.tested("#if " + new String(condition(st))));
      }
    }
    return tested;
  }

  private static boolean isConditional(IASTPreprocessorStatement st) {
    return st instanceof IASTPreprocessorIfStatement || st instanceof IASTPreprocessorIfdefStatement
        || st instanceof IASTPreprocessorIfndefStatement || st instanceof IASTPreprocessorElifStatement;
  }

  /** The condition of a conditional directive, else null. */
  private static char[] condition(IASTPreprocessorStatement st) {
    if (st instanceof IASTPreprocessorIfStatement s) {
      return s.getCondition();
    } else if (st instanceof IASTPreprocessorIfdefStatement s) {
      return s.getCondition();
    } else if (st instanceof IASTPreprocessorIfndefStatement s) {
      return s.getCondition();
    } else if (st instanceof IASTPreprocessorElifStatement s) {
      return s.getCondition();
    }
    return null;
  }

  /**
   * Whether a header is the project's own: not a system header, and not one of the Python
   * headers (a folder of the include path that holds Python.h).
   */
  private static boolean isProjectHeader(String path, CompileFlags flags, boolean cpp) {
    if (path == null) {
      return false;
    }
    for (String dir : CompilerDefaults.systemIncludes(cpp)) {
      if (path.startsWith(dir + "/")) {
        return false;
      }
    }
    for (String dir : flags.includePaths) {
      if (path.startsWith(dir + "/") && new java.io.File(dir, "Python.h").isFile()) {
        return false;
      }
    }
    return !path.equals(HeaderProvider.PRELUDE_PATH);
  }

  /**
   * The unresolved includes (directives and forced includes): those that named a file that was
   * refused, and those not found, in active code.
   */
  private static List<SkippedInclude> skippedIncludes(
      IASTTranslationUnit tu, List<HeaderProvider.Skipped> refused, CompileFlags flags) {
    List<SkippedInclude> out = new ArrayList<>();
    Set<String> forced = new LinkedHashSet<>();
    for (String f : flags.forcedIncludes) {
      HeaderProvider.Skipped r = refusedFor(refused, f);
      if (r != null && forced.add(f)) {
        out.add(new SkippedInclude("\"" + f + "\"", null, 0, true, r.reason()));
      }
      if (r == null && forced.add(f) && !resolved(tu, f)) {
        out.add(new SkippedInclude("\"" + f + "\"", null, 0, true, SkippedInclude.NOT_FOUND));
      }
    }
    Set<String> seen = new LinkedHashSet<>();
    for (IASTPreprocessorIncludeStatement inc : tu.getIncludeDirectives()) {
      if (inc.isResolved() || !inc.isActive() || forced.contains(inc.getName().toString())) {
        continue; // CDT lists each forced include as a directive too
      }
      HeaderProvider.Skipped r = refusedFor(refused, inc.getName().toString());
      String reason = r == null ? SkippedInclude.NOT_FOUND : r.reason();
      boolean own = inc.isPartOfTranslationUnitFile();
      String header = own ? null : inc.getContainingFilename();
      int line = own || inc.getFileLocation() == null ? 0 : inc.getFileLocation().getStartingLineNumber();
      if (seen.add(IncludeNotes.written(inc) + "|" + header + "|" + line)) {
        out.add(new SkippedInclude(IncludeNotes.written(inc), header, line, false, reason));
      }
    }
    return out;
  }

  /** The refused file an include name resolved to: the same path, or the same file name. */
  private static HeaderProvider.Skipped refusedFor(List<HeaderProvider.Skipped> refused, String name) {
    Path wanted;
    try {
      wanted = Paths.get(name).getFileName();
    } catch (InvalidPathException e) {
      return null;
    }
    for (HeaderProvider.Skipped r : refused) {
      if (r.path().equals(name)) {
        return r;
      }
    }
    for (HeaderProvider.Skipped r : refused) {
      try {
        if (wanted != null && wanted.equals(Paths.get(r.path()).getFileName())) {
          return r;
        }
      } catch (InvalidPathException e) {
        // not a path this system can name: not this include
      }
    }
    return null;
  }

  /** Whether a forced include was read. */
  private static boolean resolved(IASTTranslationUnit tu, String name) {
    for (IASTPreprocessorIncludeStatement inc : tu.getIncludeDirectives()) {
      if (inc.isResolved() && name.equals(inc.getName().toString())) {
        return true;
      }
    }
    return false;
  }

  /** The names the headers declare at file level (types, functions, variables). */
  static Set<String> declaredInHeaders(IASTTranslationUnit tu) {
    Set<String> names = new java.util.HashSet<>();
    for (IASTDeclaration d : tu.getDeclarations()) {
      if (d.isPartOfTranslationUnitFile()) {
        continue;
      }
      if (d instanceof IASTSimpleDeclaration simple) {
        for (IASTDeclarator decl : simple.getDeclarators()) {
          names.add(ASTQueries.findInnermostDeclarator(decl).getName().toString());
        }
      } else if (d instanceof IASTFunctionDefinition fn) {
        names.add(ASTQueries.findInnermostDeclarator(fn.getDeclarator()).getName().toString());
      }
    }
    return names;
  }

  private static String macroKey(IASTPreprocessorMacroDefinition def) {
    String name = def.getName().toString();
    if (def instanceof IASTPreprocessorFunctionStyleMacroDefinition fn) {
      StringBuilder sb = new StringBuilder(name).append('(');
      IASTFunctionStyleMacroParameter[] ps = fn.getParameters();
      for (int i = 0; i < ps.length; i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(ps[i].getParameter());
      }
      return sb.append(')').toString();
    }
    return name;
  }

  /** Parses one content with CDT's parser within the deadline and a token budget ({@link #run(String, HeaderProvider, Deadline, int, boolean, Once)}). */
  private static IASTTranslationUnit run(boolean cpp, FileContent content, ExtendedScannerInfo info,
      HeaderProvider provider, Deadline deadline, int maxTokens, boolean headers) {
    AbstractLanguage lang = cpp ? CPP : C;
    return run(content.getFileLocation(), provider, deadline, maxTokens, headers, control -> {
      info.setParserSettings(control);
      return lang.getASTTranslationUnit(content, info, provider, null, ILanguage.OPTION_IS_SOURCE_UNIT, control);
    });
  }

  /** CDT's C language, its preprocessor started with the predefined macros parsed once ({@link PredefinedMacros}). */
  private static final AbstractLanguage C = new GCCLanguage() {
    @Override
    protected IScanner createScanner(FileContent content, IScannerInfo info, IncludeFileContentProvider provider,
        IParserLogService log) {
      return PredefinedMacros.start(content, info, getParserLanguage(), log, getScannerExtensionConfiguration(info), provider);
    }
  };

  /** CDT's C++ language, started the same way. */
  private static final AbstractLanguage CPP = new GPPLanguage() {
    @Override
    protected IScanner createScanner(FileContent content, IScannerInfo info, IncludeFileContentProvider provider,
        IParserLogService log) {
      return PredefinedMacros.start(content, info, getParserLanguage(), log, getScannerExtensionConfiguration(info), provider);
    }
  };

  /** One run of CDT, stopped by what {@code control} is told; null when its token limit ran out (CDT's parser says so). */
  private interface Once<T> {
    T run(ParseControl control) throws CoreException;
  }

  /**
   * Runs CDT within the deadline and a token budget, beside other parses ({@link TokenTurns});
   * when the budget ran out while others ran, once more alone, and that verdict stands.
   *
   * @param headers whether this is a read of the file's headers (for the reasons given)
   */
  private static <T> T run(String path, HeaderProvider provider, Deadline deadline, int maxTokens, boolean headers,
      Once<T> once) {
    try (TokenTurns.Turn turn = TokenTurns.CDT.beside(maxTokens)) {
      T result = runOnce(path, deadline, turn, headers, once);
      if (result != null || turn.alone()) {
        return result;
      }
    }
    provider.restart();
    try (TokenTurns.Turn turn = TokenTurns.CDT.alone(maxTokens)) {
      T result = runOnce(path, deadline, turn, headers, once);
      if (result == null) { // CDT's answer when the token budget ran out
        throw new ParseFailure(String.format("%s expand to more than %,d tokens, the budget for %s (a macro that blows up?)",
            headers ? "its headers and their macros" : "its macros", maxTokens,
            headers ? "headers" : "a file of its size"));
      }
      return result;
    }
  }

  /** One run of CDT in its turn; null when the token budget in force ran out. */
  private static <T> T runOnce(String path, Deadline deadline, TokenTurns.Turn turn, boolean headers, Once<T> once) {
    ParseControl control = new ParseControl(turn.cdtLimit());
    try (Deadline.Watch watch = deadline.onExpiry(control::cancel)) {
      return once.run(control);
    } catch (ParseError e) {
      if (e.getErrorKind() == ParseError.ParseErrorKind.TIMEOUT_OR_CANCELLED) {
        throw new ParseFailure(deadline.exceededReason());
      }
      if (e.getErrorKind() == ParseError.ParseErrorKind.TOO_MANY_TOKENS) {
        return null;
      }
      throw new ParseFailure("the parser gave up on " + (headers ? "its headers" : "it") + ": " + e.getMessage());
    } catch (CoreException | RuntimeException e) {
      throw new IllegalStateException("CDT failed to parse " + path + ": " + e, e);
    }
  }
}
