package dev.ftls.core.parse;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.cdt.core.dom.parser.IScannerExtensionConfiguration;
import org.eclipse.cdt.core.parser.ExtendedScannerInfo;
import org.eclipse.cdt.core.parser.FileContent;
import org.eclipse.cdt.core.parser.IParserLogService;
import org.eclipse.cdt.core.parser.IScannerInfo;
import org.eclipse.cdt.core.parser.IncludeFileContentProvider;
import org.eclipse.cdt.core.parser.ParserLanguage;
import org.eclipse.cdt.core.parser.util.CharArrayMap;
import org.eclipse.cdt.internal.core.parser.scanner.CPreprocessor;
import org.eclipse.cdt.internal.core.parser.scanner.Lexer;
import org.eclipse.cdt.internal.core.parser.scanner.LocationMap;
import org.eclipse.cdt.internal.core.parser.scanner.MacroDefinitionParser;
import org.eclipse.cdt.internal.core.parser.scanner.PreprocessorMacro;

/**
 * Starts CDT's preprocessor with its predefined macros parsed once per process rather than at
 * every start. A file's parse predefines the thousands of macros its headers define (the preamble),
 * and a header read after a layer those of the layer: CDT parses each definition again at every
 * start, which was most of the time of an edit's parse and a seventh of {@code ftls check}'s CPU.
 *
 * <p>A macro CDT has parsed is a value: nothing in a preprocessor's run changes it, except that
 * it lexes its replacement the first time it is expanded and keeps the tokens. This lexes them
 * before the macro is kept, so that parses at once share it safely; a definition is kept by its
 * name, parameters and replacement, for each language and compiler configuration (which decide
 * how a replacement is lexed). The macros are put into a preprocessor started without them, in
 * their order, and registered with its location map, as CDT's own start does. When this build of
 * CDT lacks what that needs (its private fields), each start parses its macros as before.
 */
final class PredefinedMacros {
  private PredefinedMacros() {}

  /** Definitions kept at most; past that the cache starts again (bounds memory in a long session). */
  static final int MAX_DEFINITIONS = 50_000;

  private static final Field DICTIONARY = field("fMacroDictionary");
  private static final Field DEFINITION_PARSER = field("fMacroDefinitionParser");
  private static final Field LEX_OPTIONS = field("fLexOptions");

  /** A definition as predefined (its replacement trimmed, as CDT does) and the macro CDT made of it. */
  private record Definition(String replacement, PreprocessorMacro macro) {}

  /** Kept definitions, by language and configuration, then by name with parameters. */
  private static final Map<Object, Map<String, Definition>> KEPT = new ConcurrentHashMap<>();

  /**
   * Macros that many starts predefine alike (a header layer's, for each read of the headers after
   * it): a map that cannot change, which remembers the macros CDT made of its definitions, in
   * order, for each language and configuration, so that a later start puts them in as they are
   * instead of looking each one up again.
   */
  static final class Frozen extends java.util.AbstractMap<String, String> {
    private final Map<String, String> defines;
    private final Map<Object, PreprocessorMacro[]> made = new ConcurrentHashMap<>();

    private Frozen(Map<String, String> defines) {
      this.defines = java.util.Collections.unmodifiableMap(defines);
    }

    @Override
    public java.util.Set<Map.Entry<String, String>> entrySet() {
      return defines.entrySet();
    }

    @Override
    public String get(Object key) {
      return defines.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return defines.containsKey(key);
    }

    @Override
    public int size() {
      return defines.size();
    }
  }

  /** {@code defines}, which nobody changes any more, to be predefined by many starts. */
  static Map<String, String> frozen(Map<String, String> defines) {
    return defines instanceof Frozen ? defines : new Frozen(defines);
  }

  /**
   * The macros of {@code below}, then those of {@code above}, which define none of the names of
   * {@code below}'s: predefined in that order, {@code above}'s as CDT made them for the first start.
   */
  static final class Layered extends java.util.AbstractMap<String, String> {
    private final Map<String, String> below;
    private final Frozen above;

    private Layered(Map<String, String> below, Frozen above) {
      this.below = java.util.Collections.unmodifiableMap(below);
      this.above = above;
    }

    @Override
    public java.util.Set<Map.Entry<String, String>> entrySet() {
      return new java.util.AbstractSet<>() {
        @Override
        public java.util.Iterator<Map.Entry<String, String>> iterator() {
          return java.util.stream.Stream.concat(below.entrySet().stream(), above.entrySet().stream()).iterator();
        }

        @Override
        public int size() {
          return below.size() + above.size();
        }
      };
    }

    @Override
    public String get(Object key) {
      String v = above.get(key);
      return v != null ? v : below.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return above.containsKey(key) || below.containsKey(key);
    }
  }

  /** {@code below}'s macros, then {@code above}'s (which must define none of {@code below}'s names). */
  static Map<String, String> layered(Map<String, String> below, Map<String, String> above) {
    return new Layered(below, (Frozen) frozen(above));
  }

  private static Field field(String name) {
    try {
      Field f = CPreprocessor.class.getDeclaredField(name);
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** Whether macros are kept across starts (this build of CDT has what it takes). */
  static boolean sharing() {
    return DICTIONARY != null && DEFINITION_PARSER != null && LEX_OPTIONS != null;
  }

  /**
   * A preprocessor for {@code content} with {@code info}'s macros predefined, as {@code new
   * CPreprocessor(content, info, ...)} would make it.
   */
  static CPreprocessor start(FileContent content, IScannerInfo info, ParserLanguage language, IParserLogService log,
      IScannerExtensionConfiguration config, IncludeFileContentProvider provider) {
    Map<String, String> defines = info.getDefinedSymbols();
    if (!sharing() || defines == null || defines.isEmpty()) {
      return new CPreprocessor(content, info, language, log, config, provider);
    }
    ExtendedScannerInfo bare = new ExtendedScannerInfo(Map.of(), info.getIncludePaths(),
        info instanceof ExtendedScannerInfo e ? e.getMacroFiles() : new String[0],
        info instanceof ExtendedScannerInfo e ? e.getIncludeFiles() : new String[0],
        info instanceof ExtendedScannerInfo e ? e.getLocalIncludePath() : new String[0]);
    if (info instanceof ExtendedScannerInfo e) {
      bare.setParserSettings(e.getParserSettings());
    }
    CPreprocessor pp = new CPreprocessor(content, bare, language, log, config, provider);
    try {
      @SuppressWarnings("unchecked")
      CharArrayMap<PreprocessorMacro> dictionary = (CharArrayMap<PreprocessorMacro>) DICTIONARY.get(pp);
      LocationMap locations = (LocationMap) pp.getLocationMap();
      Object configuration = java.util.List.of(language, config);
      if (defines instanceof Layered layered) {
        predefine(layered.below, pp, dictionary, locations, configuration);
        predefine(layered.above, pp, dictionary, locations, configuration);
      } else {
        predefine(defines, pp, dictionary, locations, configuration);
      }
      return pp;
    } catch (IllegalAccessException | RuntimeException e) {
      return new CPreprocessor(content, info, language, log, config, provider);
    }
  }

  /** Puts {@code defines}' macros into a preprocessor's dictionary and location map, in order. */
  private static void predefine(Map<String, String> defines, CPreprocessor pp, CharArrayMap<PreprocessorMacro> dictionary,
      LocationMap locations, Object configuration) throws IllegalAccessException {
    PreprocessorMacro[] ready = defines instanceof Frozen f ? f.made.get(configuration) : null;
    if (ready != null) {
      for (PreprocessorMacro macro : ready) {
        dictionary.put(macro.getNameCharArray(), macro);
        locations.registerPredefinedMacro(macro);
      }
      return;
    }
    Map<String, Definition> kept = KEPT.computeIfAbsent(configuration, k -> new ConcurrentHashMap<>());
    if (kept.size() > MAX_DEFINITIONS) {
      kept.clear();
    }
    java.util.List<PreprocessorMacro> made = new java.util.ArrayList<>(defines.size());
    for (Map.Entry<String, String> d : defines.entrySet()) {
      String replacement = d.getValue().trim();
      Definition known = kept.get(d.getKey());
      if (known != null && known.replacement().equals(replacement)) {
        dictionary.put(known.macro().getNameCharArray(), known.macro());
        locations.registerPredefinedMacro(known.macro());
        made.add(known.macro());
        continue;
      }
      PreprocessorMacro macro = pp.addMacroDefinition(d.getKey().toCharArray(), replacement.toCharArray());
      if (macro != null) {
        macro.getTokens((MacroDefinitionParser) DEFINITION_PARSER.get(pp), (Lexer.LexerOptions) LEX_OPTIONS.get(pp), null);
        kept.put(d.getKey(), new Definition(replacement, macro));
        made.add(macro);
      }
    }
    if (defines instanceof Frozen f) {
      f.made.putIfAbsent(configuration, made.toArray(new PreprocessorMacro[0]));
    }
  }
}
