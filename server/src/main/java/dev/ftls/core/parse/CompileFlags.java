package dev.ftls.core.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How one file is compiled, as far as the preprocessor cares: include folders, macros and forced
 * includes, plus a label saying where these came from (for --verbose and the server log).
 */
public final class CompileFlags {
  public final List<String> includePaths = new ArrayList<>();
  public final List<String> quoteIncludePaths = new ArrayList<>();
  public final Map<String, String> defines = new LinkedHashMap<>();
  public final Set<String> undefines = new LinkedHashSet<>();
  public final List<String> forcedIncludes = new ArrayList<>();
  public String std;
  /** Where the flags came from, in order, e.g. "compile_commands.json + python3-config". */
  public final List<String> sources = new ArrayList<>();
  /**
   * Configuration problems met on the way (bad compile_commands.json entries, a python setting
   * that cannot be run), each in {@link dev.ftls.core.config.ConfigProblem}'s form; the bad values
   * were left out. They do not change what {@link #key()} says.
   */
  public final List<String> problems = new ArrayList<>();
  /**
   * For a header: the source file whose context it is parsed in (the directives before its include
   * line come first); null for a source file, or a header no file of the workspace includes.
   */
  public IncluderContext includer;
  /** A header that no file of the workspace includes: it is analyzed alone. */
  public boolean headerAlone;
  /** Whether unknown build-feature macros are assumed defined ({@link FeatureMacros}). */
  public boolean assumeFeatures = true;
  /**
   * Where each part came from, by the part written as a compiler flag ({@code -I/abs/dir},
   * {@code -DNAME}, {@code -UNAME}, {@code -include file}, {@code -std}): "setup.py:7",
   * "settings", "compile_commands.json", ... Not part of {@link #key()}.
   */
  public final Map<String, String> origins = new LinkedHashMap<>();
  /**
   * What was left out on the way that is not a configuration problem (a build-file value that is
   * not a literal, an include several workspace files could be); shown by --verbose and
   * {@code ftls flags}.
   */
  public final List<String> notes = new ArrayList<>();

  public CompileFlags copy() {
    CompileFlags c = new CompileFlags();
    c.includePaths.addAll(includePaths);
    c.quoteIncludePaths.addAll(quoteIncludePaths);
    c.defines.putAll(defines);
    c.undefines.addAll(undefines);
    c.forcedIncludes.addAll(forcedIncludes);
    c.std = std;
    c.sources.addAll(sources);
    c.problems.addAll(problems);
    c.includer = includer;
    c.headerAlone = headerAlone;
    c.assumeFeatures = assumeFeatures;
    c.origins.putAll(origins);
    c.notes.addAll(notes);
    return c;
  }

  /** Gives {@code origin} to every part that has none yet (the parts a source just added). */
  public void claim(String origin) {
    for (String p : includePaths) {
      origins.putIfAbsent("-I" + p, origin);
    }
    for (String p : quoteIncludePaths) {
      origins.putIfAbsent("-iquote" + p, origin);
    }
    for (String d : defines.keySet()) {
      origins.putIfAbsent("-D" + d, origin);
    }
    for (String u : undefines) {
      origins.putIfAbsent("-U" + u, origin);
    }
    for (String f : forcedIncludes) {
      origins.putIfAbsent("-include " + f, origin);
    }
    if (std != null) {
      origins.putIfAbsent("-std", origin);
    }
  }

  public String describeSources() {
    return sources.isEmpty() ? "prelude" : String.join(" + ", sources);
  }

  /** A key that changes whenever anything that affects preprocessing changes. */
  public String key() {
    return includePaths + "|" + quoteIncludePaths + "|" + keyBesidesFolders();
  }

  /** The key of everything but the include folders (header layers compare those by what they find). */
  String keyBesidesFolders() {
    return defines + "|" + undefines + "|" + forcedIncludes + "|" + std + "|" + assumeFeatures
        + (includer == null ? "" : "|" + includer.directives());
  }
}
