package dev.ftls.core.parse;

import dev.ftls.core.config.Target;
import dev.ftls.core.source.SourceText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.IASTFunctionStyleMacroParameter;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorFunctionStyleMacroDefinition;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorIncludeStatement;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorMacroDefinition;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorStatement;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorUndefStatement;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.core.dom.ast.gnu.c.GCCLanguage;
import org.eclipse.cdt.core.dom.ast.gnu.cpp.GPPLanguage;
import org.eclipse.cdt.core.model.AbstractLanguage;
import org.eclipse.cdt.core.model.ILanguage;
import org.eclipse.cdt.core.parser.ExtendedScannerInfo;
import org.eclipse.cdt.core.parser.FileContent;
import org.eclipse.cdt.core.parser.NullLogService;

/**
 * Parses C and C++ with Eclipse CDT the way the user's compiler would see the file, but pays the
 * cost of the headers once: the headers' macros are computed from the file's preprocessor skeleton
 * and cached (the "macro preamble"); each parse after that reads only the file itself, with those
 * macros predefined and the built-in prelude forced in.
 */
public final class CParser {
  private static final int MAX_PREAMBLES = 32;

  private final Map<String, Preamble> preambles =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Preamble> eldest) {
          return size() > MAX_PREAMBLES;
        }
      };

  /** Parses one file. Never throws for bad input: CDT recovers from syntax errors. */
  public ParsedFile parse(SourceText source, CompileFlags flags, Target target) {
    boolean cpp = source.isCpp();
    String skeleton = Skeleton.of(source.text());
    String key = (cpp ? "c++|" : "c|") + target + "|" + flags.key() + "|" + skeleton;
    Preamble preamble;
    boolean reused;
    synchronized (preambles) {
      preamble = preambles.get(key);
    }
    if (preamble != null && preamble.isFresh()) {
      reused = true;
    } else {
      preamble = buildPreamble(source, skeleton, flags, target, cpp);
      reused = false;
      synchronized (preambles) {
        preambles.put(key, preamble);
      }
    }
    Map<String, String> macros = new LinkedHashMap<>(CompilerDefaults.predefinedMacros(cpp, flags.std));
    macros.putAll(preamble.macros);
    applyFlagsAndTarget(macros, flags, target);
    ExtendedScannerInfo info =
        new ExtendedScannerInfo(
            macros, new String[0], new String[0], new String[] {HeaderProvider.PRELUDE_PATH});
    IASTTranslationUnit tu =
        run(cpp, FileContent.create(source.path().toString(), source.text().toCharArray()), info, new HeaderProvider(false));
    String includeSource =
        preamble.pythonHeaderFound ? flags.describeSources() : flags.describeSources().replace("prelude", "") ;
    if (!preamble.pythonHeaderFound) {
      includeSource = flags.sources.isEmpty() ? "prelude" : flags.describeSources() + " + prelude (no Python.h found)";
    }
    return new ParsedFile(source, tu, includeSource, preamble.pythonHeaderFound, reused);
  }

  /** Drops every cached preamble (after a configuration change). */
  public void clearCache() {
    synchronized (preambles) {
      preambles.clear();
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

  private static Preamble buildPreamble(SourceText source, String skeleton, CompileFlags flags, Target target, boolean cpp) {
    long t0 = System.nanoTime();
    Map<String, String> defines = new LinkedHashMap<>(CompilerDefaults.predefinedMacros(cpp, flags.std));
    applyFlagsAndTarget(defines, flags, target);
    List<String> paths = new ArrayList<>(flags.includePaths);
    paths.addAll(CompilerDefaults.systemIncludes(cpp));
    String[] forced = flags.forcedIncludes.toArray(new String[0]);
    String[] quote = flags.quoteIncludePaths.toArray(new String[0]);
    ExtendedScannerInfo info = new ExtendedScannerInfo(defines, paths.toArray(new String[0]), new String[0], forced, quote);
    String skeletonPath = source.path().toString();
    IASTTranslationUnit tu = run(cpp, FileContent.create(skeletonPath, skeleton.toCharArray()), info, new HeaderProvider(true));
    Map<String, String> macros = new LinkedHashMap<>();
    for (IASTPreprocessorStatement st : tu.getAllPreprocessorStatements()) {
      if (st.isPartOfTranslationUnitFile()) {
        continue;
      }
      if (st instanceof IASTPreprocessorMacroDefinition def) {
        macros.put(macroKey(def), def.getExpansion());
      } else if (st instanceof IASTPreprocessorUndefStatement undef) {
        String name = undef.getMacroName().toString();
        macros.keySet().removeIf(k -> k.equals(name) || k.startsWith(name + "("));
      }
    }
    Set<String> headerPaths = new LinkedHashSet<>();
    boolean python = false;
    for (IASTPreprocessorIncludeStatement inc : tu.getIncludeDirectives()) {
      if (inc.isResolved()) {
        String p = inc.getPath();
        headerPaths.add(p);
        if (p.endsWith("/Python.h") || p.endsWith("\\Python.h")) {
          python = true;
        }
      }
    }
    List<Preamble.HeaderStamp> stamps = new ArrayList<>();
    for (String p : headerPaths) {
      stamps.add(new Preamble.HeaderStamp(p, Preamble.mtime(p)));
    }
    return new Preamble(macros, stamps, python, System.nanoTime() - t0);
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

  private static IASTTranslationUnit run(boolean cpp, FileContent content, ExtendedScannerInfo info, HeaderProvider provider) {
    AbstractLanguage lang = cpp ? GPPLanguage.getDefault() : GCCLanguage.getDefault();
    try {
      return lang.getASTTranslationUnit(content, info, provider, null, ILanguage.OPTION_IS_SOURCE_UNIT, new NullLogService());
    } catch (Exception e) {
      throw new IllegalStateException("CDT failed to parse " + content.getFileLocation() + ": " + e, e);
    }
  }
}
