package dev.ftls.core.config;

import dev.ftls.core.rules.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one configuration model, filled from the LSP settings object {@code ftls} or from CLI flags.
 * Bad values are reported in {@link #problems} and replaced by defaults; nothing is lost.
 */
public final class Settings {
  public Target target = Target.DEFAULT;
  /** Rule ids or id prefixes to run ("FT1" = every FT1xx rule); empty = all. */
  public final Set<String> select = new LinkedHashSet<>();
  /** Rule ids or prefixes never to run; wins over select. */
  public final Set<String> ignore = new LinkedHashSet<>();
  public final Map<String, Severity> severities = new LinkedHashMap<>();
  public final List<String> includePaths = new ArrayList<>();
  /** NAME or NAME=VALUE, as -D takes them. */
  public final List<String> defines = new ArrayList<>();
  /** compile_commands.json, or the folder that holds it; null = look in the workspace root. */
  public String compileCommands;
  /**
   * The Python interpreter whose headers to use; null/empty = ask python3-config on PATH; "none"
   * = do not look for Python headers (the built-in prelude is used).
   */
  public String python;
  /**
   * The oldest Python the project supports ("3.9"), from {@code minimumPython} or pyproject's
   * {@code requires-python}; fixes that introduce newer APIs add one definition of the API per
   * file for older Pythons (FT303's PyMutex: a PY_VERSION_HEX guard at each site) unless this is
   * new enough. Null: unknown (they are added).
   */
  public String minimumPython;
  /**
   * Whether the editor offers "Ignore FTnnn on this line" quick fixes. Off by default: a one-click
   * silence invites ignoring real races.
   */
  public boolean suppressionFixes;
  /**
   * Whether code under build-feature macros that nothing ftls sees defines ({@code #ifdef
   * HAVE_LIBFOO}) is analyzed as if the build defined them (the policy is in the README).
   */
  public boolean assumeFeatures = true;
  /**
   * Whether the project index is built and used: facts of the other files (callers, lock
   * wrappers, module creation in a helper) for each file's analysis.
   */
  public boolean index = true;
  /** Files and folders not to check ({@code exclude}); a file given by name is left out too. */
  public final List<PathGlob> exclude = new ArrayList<>();
  /** Rule ids or prefixes not to run on the files a pattern matches ({@code per-file-ignores}). */
  public final Map<PathGlob, List<String>> perFileIgnores = new LinkedHashMap<>();
  /**
   * Whether this file is left out by {@code exclude}: set by {@link #forFile} on a file's
   * effective settings.
   */
  public boolean excluded;
  /** Problems found while reading the configuration, for the user to see. */
  public final List<String> problems = new ArrayList<>();
  /** The keys that were set explicitly (by the user, not defaults), e.g. "target". */
  public final Set<String> explicit = new LinkedHashSet<>();

  /**
   * Settings where every key {@code top} sets explicitly wins over {@code base}: the editor's
   * settings or the CLI's flags over the project's pyproject.toml, over the defaults.
   */
  public static Settings overlay(Settings base, Settings top) {
    Settings s = new Settings();
    for (Settings from : List.of(base, top)) {
      for (String key : from.explicit) {
        s.explicit.add(key);
        switch (key) {
          case "target" -> s.target = from.target;
          case "select" -> { s.select.clear(); s.select.addAll(from.select); }
          case "ignore" -> { s.ignore.clear(); s.ignore.addAll(from.ignore); }
          case "severity" -> s.severities.putAll(from.severities);
          case "includePaths" -> { s.includePaths.clear(); s.includePaths.addAll(from.includePaths); }
          case "defines" -> { s.defines.clear(); s.defines.addAll(from.defines); }
          case "compileCommands" -> s.compileCommands = from.compileCommands;
          case "python" -> s.python = from.python;
          case "minimumPython" -> s.minimumPython = from.minimumPython;
          case "suppressionFixes" -> s.suppressionFixes = from.suppressionFixes;
          case "assumeFeatures" -> s.assumeFeatures = from.assumeFeatures;
          case "index" -> s.index = from.index;
          case "exclude" -> { s.exclude.clear(); s.exclude.addAll(from.exclude); }
          case "perFileIgnores" -> { s.perFileIgnores.clear(); s.perFileIgnores.putAll(from.perFileIgnores); }
          default -> { }
        }
      }
      s.problems.addAll(from.problems);
    }
    return s;
  }

  /**
   * These settings for one file: the rules its {@code per-file-ignores} patterns name are ignored,
   * and {@link #excluded} says whether an {@code exclude} pattern matches it. Patterns without a
   * base folder (the editor's) are relative to {@code root}.
   */
  public Settings forFile(Path file, Path root) {
    Settings s = overlay(new Settings(), this);
    for (Map.Entry<PathGlob, List<String>> e : perFileIgnores.entrySet()) {
      if (e.getKey().matches(file, root)) {
        s.ignore.addAll(e.getValue());
        s.explicit.add("ignore");
      }
    }
    s.excluded = exclude.stream().anyMatch(g -> g.matches(file, root));
    return s;
  }

  public boolean isEnabled(String ruleId) {
    for (String p : ignore) {
      if (ruleId.startsWith(p)) {
        return false;
      }
    }
    if (select.isEmpty()) {
      return true;
    }
    for (String p : select) {
      if (ruleId.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  public Severity severityFor(String ruleId, Severity dflt) {
    return severities.getOrDefault(ruleId, dflt);
  }

  /** Where CLI flags' problems say they come from. */
  public static final String COMMAND_LINE = "command line";

  /** Sets the target from a CLI flag, recording a problem (and keeping the old value) when it is bad. */
  public void setTarget(String text) {
    setTarget(COMMAND_LINE, "--target", text);
  }

  /** Sets the target from text; a bad one is a problem named by source and key, and changes nothing. */
  public void setTarget(String source, String key, String text) {
    try {
      target = Target.parse(text);
      explicit.add("target");
    } catch (IllegalArgumentException e) {
      problems.add(ConfigProblem.of(source, key, e.getMessage(), Target.EXPECTED));
    }
  }

  /** Sets the oldest supported Python ("3.9") from a CLI flag. */
  public void setMinimumPython(String text) {
    setMinimumPython(COMMAND_LINE, "--minimum-python", text);
  }

  /** Sets the oldest supported Python ("3.9"), recording a problem when the text is not one. */
  public void setMinimumPython(String source, String key, String text) {
    if (text != null && text.matches("3\\.\\d+")) {
      minimumPython = text;
      explicit.add("minimumPython");
    } else {
      problems.add(ConfigProblem.of(source, key, (text == null ? "no value" : ConfigProblem.quote(text))
          + " is not a Python version", "expected a version like \"3.9\""));
    }
  }

  /** Adds comma-separated rule ids from a CLI flag ({@code what}), checking their form. */
  public void addRuleIds(Set<String> into, String csv, String what) {
    addRuleIds(COMMAND_LINE, what, into, List.of(csv.split(",")));
  }

  /**
   * Adds rule ids or prefixes (each item may itself be comma-separated), checking their form; the
   * bad ones are one problem. The key counts as set unless every id was bad, so that a rejected
   * value does not hide the project's.
   */
  public void addRuleIds(String source, String key, Set<String> into, List<String> items) {
    List<String> bad = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    int good = 0;
    for (String item : items) {
      for (String raw : item.split(",")) {
        String id = raw.trim().toUpperCase(java.util.Locale.ROOT);
        if (id.isEmpty()) {
          continue;
        }
        if (!id.matches("FT\\d{0,3}")) {
          bad.add(ConfigProblem.quote(raw.trim()));
          continue;
        }
        if (!RuleIds.known(id)) {
          unknown.add(id);
          continue;
        }
        into.add(id);
        good++;
      }
    }
    if (!bad.isEmpty()) {
      problems.add(ConfigProblem.of(source, key, String.join(", ", bad)
          + (bad.size() == 1 ? " is not a rule id" : " are not rule ids"),
          "expected rule ids or prefixes like FT101 or FT1"));
    }
    if (!unknown.isEmpty()) {
      problems.add(ConfigProblem.of(source, key, RuleIds.unknownWords(unknown), RuleIds.EXPECTED));
      bad.addAll(unknown);
    }
    if (bad.isEmpty() || good > 0) {
      if (into == select || into == ignore) {
        explicit.add(into == select ? "select" : "ignore");
      }
    }
  }

  /** A key that changes when anything affecting parsing changes. */
  public String parseKey() {
    return target + "|" + includePaths + "|" + defines + "|" + compileCommands + "|" + python;
  }
}
