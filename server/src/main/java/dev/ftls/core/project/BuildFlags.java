package dev.ftls.core.project;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compile settings a build file states for some sources (one extension module) or for the whole
 * project, each with where it was written: include folders, macros defined and undefined.
 */
public final class BuildFlags {
  /** One setting and where it came from; a define is {@code NAME} or {@code NAME=VALUE}. */
  public record Part(String value, Origin origin) {}

  /** The extension's name, or a label for project-wide settings ("meson.build"). */
  public final String name;
  /** False for an extension module: its settings belong to its own sources. */
  public final boolean projectWide;
  /** The sources the extension lists (absolute, normalized); empty when they are not literal. */
  public final Set<Path> sources = new LinkedHashSet<>();
  public final List<Part> includeDirs = new ArrayList<>();
  public final List<Part> defines = new ArrayList<>();
  public final List<Part> undefines = new ArrayList<>();

  public BuildFlags(String name, boolean projectWide) {
    this.name = name;
    this.projectWide = projectWide;
  }

  public boolean isEmpty() {
    return includeDirs.isEmpty() && defines.isEmpty() && undefines.isEmpty();
  }

  /** Adds an include folder written relative to {@code base}; false when it is not a path. */
  boolean includeDir(Path base, String dir, Origin origin) {
    Path p = resolve(base, dir);
    if (p == null) {
      return false;
    }
    addIncludeDir(new Part(p.toString(), origin));
    return true;
  }

  private void addIncludeDir(Part p) {
    if (includeDirs.stream().noneMatch(x -> x.value().equals(p.value()))) {
      includeDirs.add(p);
    }
  }

  void source(Path base, String file) {
    Path p = resolve(base, file);
    if (p != null) {
      sources.add(p);
    }
  }

  void define(String nameValue, Origin origin) {
    if (!nameValue.isEmpty() && !nameValue.startsWith("=")) {
      defines.add(new Part(nameValue, origin));
    }
  }

  void undefine(String name, Origin origin) {
    if (!name.isEmpty()) {
      undefines.add(new Part(name, origin));
    }
  }

  /**
   * Takes what matters to the preprocessor from compiler arguments: {@code -I}, {@code -D},
   * {@code -U}, joined or as two arguments; everything else is left alone.
   */
  void compilerArgs(List<String> args, Path base, Origin origin) {
    for (int k = 0; k < args.size(); k++) {
      String a = args.get(k);
      if ((a.equals("-I") || a.equals("-D") || a.equals("-U")) && k + 1 < args.size()) {
        compilerArg(a + args.get(++k), base, origin);
      } else {
        compilerArg(a, base, origin);
      }
    }
  }

  private void compilerArg(String a, Path base, Origin origin) {
    if (a.length() <= 2) {
      return;
    }
    if (a.startsWith("-I")) {
      includeDir(base, a.substring(2), origin);
    } else if (a.startsWith("-D")) {
      define(a.substring(2), origin);
    } else if (a.startsWith("-U")) {
      undefine(a.substring(2), origin);
    }
  }

  private static Path resolve(Path base, String p) {
    try {
      return base.resolve(p).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      return null;
    }
  }

  /** Everything of {@code other} added to this (include folders once each). */
  void addAll(BuildFlags other, boolean includeDirsOnly) {
    other.includeDirs.forEach(this::addIncludeDir);
    if (!includeDirsOnly) {
      defines.addAll(other.defines);
      undefines.addAll(other.undefines);
    }
  }

  /** The build files these settings came from, by name, in order ("setup.py", "meson.build"). */
  public List<String> sourceNames() {
    Set<String> names = new LinkedHashSet<>();
    for (List<Part> parts : List.of(includeDirs, defines, undefines)) {
      for (Part p : parts) {
        names.add(p.origin().fileName());
      }
    }
    return new ArrayList<>(names);
  }
}
