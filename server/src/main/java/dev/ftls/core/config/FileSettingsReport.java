package dev.ftls.core.config;

import dev.ftls.core.parse.CompileFlags;
import dev.ftls.core.parse.IncludeLookup;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.RuleRegistry;
import dev.ftls.core.source.SourceText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one file is analyzed with, as text: the compile settings (include paths, defines, ...,
 * each with where it came from), which file each of its includes finds, the notes and the
 * configuration problems; with {@link #withRules} also the ftls settings in effect for it (target,
 * the rules that run, exclusion and the pyproject.toml read). {@code ftls flags FILE} prints it,
 * and the editors show it through the server's {@code ftls.showSettings} command.
 */
public final class FileSettingsReport {
  private final Path root;
  private final StringBuilder out = new StringBuilder();

  private FileSettingsReport(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The compile settings part (what {@code ftls flags} prints). */
  public static String flags(Path file, String text, CompileFlags flags, Path root) {
    FileSettingsReport r = new FileSettingsReport(root);
    r.flagsPart(file, text, flags);
    return r.out.toString();
  }

  /** The compile settings and then the ftls settings of the file. */
  public static String withRules(Path file, String text, CompileFlags flags, Settings effective, Path pyproject,
      Path root) {
    FileSettingsReport r = new FileSettingsReport(root);
    r.flagsPart(file, text, flags);
    r.settingsPart(effective, pyproject);
    return r.out.toString();
  }

  private void flagsPart(Path file, String text, CompileFlags flags) {
    boolean cpp = new SourceText(file, text).isCpp();
    List<String> includes = new ArrayList<>();
    boolean python = false;
    for (IncludeLookup.Directive d : IncludeLookup.of(text)) {
      Path found = IncludeLookup.resolve(d, file.getParent(), flags, cpp);
      python |= found != null && found.getFileName().toString().equals("Python.h");
      includes.add("line " + d.line() + ": " + d.written() + " -> " + (found == null ? "not found" : display(found)));
    }
    python |= flags.includePaths.stream().anyMatch(p -> Files.isRegularFile(Paths.get(p, "Python.h")));
    line(display(file) + " (" + (cpp ? "C++" : "C") + ")");
    line("settings from: " + (flags.sources.isEmpty() ? "the built-in prelude alone"
        : flags.describeSources() + (python ? "" : " + the built-in prelude (no Python.h found)")));
    section("include paths", withOrigins(flags, "-I", flags.includePaths, true));
    section("quote include paths", withOrigins(flags, "-iquote", flags.quoteIncludePaths, true));
    List<String> defines = new ArrayList<>();
    for (Map.Entry<String, String> d : flags.defines.entrySet()) {
      defines.add(d.getKey() + "=" + d.getValue() + "  (" + flags.origins.getOrDefault("-D" + d.getKey(), "?") + ")");
    }
    section("defines", defines);
    section("undefines", withOrigins(flags, "-U", new ArrayList<>(flags.undefines), false));
    section("forced includes", withOrigins(flags, "-include ", flags.forcedIncludes, true));
    line("std: " + (flags.std == null ? "the compiler's default" : flags.std + "  (" + flags.origins.get("-std") + ")"));
    section("includes of the file", includes);
    section("notes", flags.notes);
    section("configuration problems", flags.problems);
  }

  private void settingsPart(Settings s, Path pyproject) {
    line("pyproject.toml: " + (pyproject == null ? "none" : display(pyproject)));
    line("target: " + s.target + ", minimum Python: " + (s.minimumPython == null ? "unknown" : s.minimumPython));
    line("excluded: " + (s.excluded ? "yes (an exclude pattern matches it)" : "no"));
    List<String> on = new ArrayList<>();
    List<String> off = new ArrayList<>();
    for (RuleMeta m : RuleRegistry.metas()) {
      (s.isEnabled(m.id()) ? on : off).add(m.id() + (s.severities.containsKey(m.id())
          ? " (" + s.severities.get(m.id()).label() + ")" : ""));
    }
    line("rules that run: " + (on.isEmpty() ? "none" : String.join(", ", on)));
    line("rules that do not run: " + (off.isEmpty() ? "none" : String.join(", ", off)));
    line("project index: " + (s.index ? "on" : "off") + ", assume build features: " + (s.assumeFeatures ? "yes" : "no"));
  }

  private List<String> withOrigins(CompileFlags flags, String option, List<String> values, boolean paths) {
    List<String> lines = new ArrayList<>();
    for (String v : values) {
      lines.add((paths ? display(Paths.get(v)) : v) + "  (" + flags.origins.getOrDefault(option + v, "?") + ")");
    }
    return lines;
  }

  private void section(String title, List<String> lines) {
    if (lines.isEmpty()) {
      line(title + ": none");
      return;
    }
    line(title + ":");
    for (String l : lines) {
      line("  " + l);
    }
  }

  private void line(String s) {
    out.append(s).append('\n');
  }

  private String display(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    if (abs.equals(root)) {
      return ".";
    }
    return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
  }
}
