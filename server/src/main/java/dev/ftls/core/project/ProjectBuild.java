package dev.ftls.core.project;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the build files of one project folder state literally: the settings of each extension
 * module and the project-wide ones, plus notes on what was written but could not be read without
 * running the build (a call, a comprehension, a variable). Which settings a source file gets:
 * those of every extension that lists it, else the include folders of every extension (but not
 * their macros, which belong to their own sources); project-wide settings always.
 */
public final class ProjectBuild {
  /** The folder that holds the project's build files. */
  public final Path folder;
  final List<BuildFlags> units = new ArrayList<>();
  final List<String> notes = new ArrayList<>();

  ProjectBuild(Path folder) {
    this.folder = folder;
  }

  /** The settings read, one per extension module or project-wide unit. */
  public List<BuildFlags> units() {
    return List.copyOf(units);
  }

  /** What was skipped, each as {@code <file>:<line>: <key>: <what>; <why>; skipped}. */
  public List<String> notes() {
    return List.copyOf(notes);
  }

  void note(Origin where, String key, String what) {
    notes.add(where + ": " + key + ": " + what);
  }

  /** Notes a value that is not a literal (shown as written) and so was skipped. */
  void notLiteral(Origin where, String key, String text) {
    note(where, key, (text.isEmpty() ? "a value" : text) + " is not a literal value ftls can read without running the build; skipped");
  }

  /** The settings for one source file, by the policy above. */
  public BuildFlags forSource(Path file) {
    Path f = file.toAbsolutePath().normalize();
    BuildFlags out = new BuildFlags(null, false);
    boolean listed = units.stream().anyMatch(u -> u.sources.contains(f));
    for (BuildFlags u : units) {
      if (u.projectWide || u.sources.contains(f)) {
        out.addAll(u, false);
      } else if (!listed) {
        out.addAll(u, true); // a file no extension lists: every extension's include folders
      }
    }
    return out;
  }
}
