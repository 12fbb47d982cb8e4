package dev.ftls.core.parse;

import dev.ftls.core.config.ConfigProblem;
import dev.ftls.core.config.Settings;
import dev.ftls.core.config.SettingsJson;
import dev.ftls.core.project.BuildFiles;
import dev.ftls.core.project.BuildFlags;
import dev.ftls.core.project.ProjectBuild;
import dev.ftls.core.project.WorkspaceHeaders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Decides how each file is preprocessed, in this order: the workspace's compile_commands.json,
 * then explicit settings (includePaths, defines); for a file the database does not list, what the
 * project's build files state (setup.py, setup.cfg, pyproject.toml, meson.build, CMakeLists.txt,
 * read, never run) and, for a quoted include still not found, the folder that makes it resolve
 * to the one workspace file whose path ends with it; then the Python headers that python3-config
 * (or the configured interpreter) reports, then the built-in prelude (always there, last). Where
 * each part came from is in {@link CompileFlags#origins}. What is wrong with the database or the
 * settings on the way is in {@link CompileFlags#problems}; it is left out and the rest is used.
 */
public final class FlagsResolver {
  /** Where problems of merged settings (editor, CLI) say they come from. */
  private static final String SETTINGS = "settings";
  private static final String PYTHON_EXPECTED =
      "expected the path of a Python interpreter, a program name found in an absolute folder of PATH, or \"none\"";
  private static final Map<String, PythonHeaders> PYTHON_INCLUDES = new ConcurrentHashMap<>();
  private final Map<Path, CachedDb> databases = new ConcurrentHashMap<>();
  private final BuildFiles buildFiles = new BuildFiles();
  private final WorkspaceHeaders workspaceHeaders = new WorkspaceHeaders();
  private final Consumer<String> log;
  private final IncluderFinder includers = new IncluderFinder();

  private record CachedDb(long mtime, CompileCommands db) {}

  /** The include folders of a Python installation, or why there are none (a problem, or null). */
  private record PythonHeaders(List<String> dirs, String problem) {
    static PythonHeaders none(String problem) {
      return new PythonHeaders(List.of(), problem);
    }
  }

  public FlagsResolver(Consumer<String> log) {
    this.log = log;
  }

  /** The flags for a file as it is on disk (its include directives are read from there). */
  public CompileFlags resolve(Path file, Settings settings, Path workspaceRoot) {
    return resolve(file, null, settings, workspaceRoot);
  }

  /**
   * How a file whose text is {@code text} is compiled (null: read it from disk when the workspace
   * search needs its include directives). A header gets the flags of the source file that includes
   * it ({@link IncluderFinder}) and that file's directives before its include line ({@link
   * IncluderContext}); a header no file includes is marked {@link CompileFlags#headerAlone}.
   */
  public CompileFlags resolve(Path file, String text, Settings settings, Path workspaceRoot) {
    CompileFlags flags = resolveOwn(file, text, settings, workspaceRoot);
    if (workspaceRoot == null || !IncluderFinder.isHeader(file) || flags.sources.contains("compile_commands.json")) {
      return flags; // a header the compile database lists has its own context
    }
    Path abs = file.toAbsolutePath().normalize();
    Path searched = abs.startsWith(workspaceRoot.toAbsolutePath().normalize()) ? workspaceRoot : abs.getParent();
    IncluderFinder.Includer includer = includers.find(file, searched, f -> includeDirs(f, settings, workspaceRoot));
    IncluderContext context = includer == null ? null : IncluderContext.of(includer, workspaceRoot);
    if (context == null) {
      flags.headerAlone = true;
      return flags;
    }
    CompileFlags borrowed = resolveOwn(includer.source(), null, settings, workspaceRoot);
    borrowed.includer = context;
    return borrowed;
  }

  /** The folders a file's includes are looked up in, besides its own folder. */
  private List<String> includeDirs(Path file, Settings settings, Path workspaceRoot) {
    CompileFlags f = resolveOwn(file, null, settings, workspaceRoot);
    List<String> dirs = new ArrayList<>(f.quoteIncludePaths);
    dirs.addAll(f.includePaths);
    return dirs;
  }

  private CompileFlags resolveOwn(Path file, String text, Settings settings, Path workspaceRoot) {
    CompileFlags flags = new CompileFlags();
    flags.assumeFeatures = settings.assumeFeatures;
    List<String> problems = new ArrayList<>();
    Path dbPath = findDatabase(settings, file, workspaceRoot, problems);
    if (dbPath != null) {
      CompileCommands db = loadDb(dbPath, workspaceRoot);
      problems.addAll(db.problems());
      CompileFlags fromDb = db.flagsFor(file);
      if (fromDb != null) {
        flags = fromDb;
        flags.sources.add("compile_commands.json");
        flags.claim("compile_commands.json");
      }
    }
    boolean listed = !flags.sources.isEmpty();
    if (applySettings(flags, settings, workspaceRoot, problems)) {
      flags.sources.add("settings");
      flags.claim("settings");
    }
    if (!listed) {
      applyBuildFiles(flags, file, workspaceRoot);
      searchWorkspace(flags, file, text, workspaceRoot);
    }
    if (!hasPythonH(flags.includePaths) && !"none".equals(settings.python)) {
      boolean configured = settings.python != null && !settings.python.isBlank();
      PythonHeaders py = pythonIncludes(configured ? settings.python : null);
      if (py.problem != null) {
        problems.add(py.problem);
      }
      if (!py.dirs.isEmpty()) {
        flags.includePaths.addAll(py.dirs);
        flags.sources.add(configured ? "python" : "python3-config");
        flags.claim(configured ? "python (" + settings.python + ")" : "python3-config");
      }
    }
    flags.problems.addAll(problems);
    return flags;
  }

  /**
   * Adds what the project's build files state for the file: their include folders after those
   * already there, their macros unless the settings define or undefine the same name.
   */
  private void applyBuildFiles(CompileFlags flags, Path file, Path root) {
    ProjectBuild build = buildFiles.forFile(file, root);
    if (build == null) {
      return;
    }
    flags.notes.addAll(build.notes());
    BuildFlags b = build.forSource(file);
    Set<String> fromSettings = new HashSet<>(flags.defines.keySet());
    fromSettings.addAll(flags.undefines);
    for (BuildFlags.Part p : b.includeDirs) {
      if (!flags.includePaths.contains(p.value())) {
        flags.includePaths.add(p.value());
        flags.origins.put("-I" + p.value(), p.origin().toString());
      }
    }
    for (BuildFlags.Part d : b.defines) {
      String name = d.value().contains("=") ? d.value().substring(0, d.value().indexOf('=')) : d.value();
      if (!fromSettings.contains(name)) {
        CompileCommands.addDefine(flags, d.value());
        flags.origins.put("-D" + name, d.origin().toString());
      }
    }
    for (BuildFlags.Part u : b.undefines) {
      if (!fromSettings.contains(u.value())) {
        flags.defines.remove(u.value());
        flags.undefines.add(u.value());
        flags.origins.put("-U" + u.value(), u.origin().toString());
      }
    }
    flags.sources.addAll(b.sourceNames());
  }

  /**
   * For each quoted include of the file that no folder resolves yet: the folder that makes it
   * resolve to the one file under the project (or workspace) whose path ends with it. An include
   * that several files could be is noted, and none is taken.
   */
  private void searchWorkspace(CompileFlags flags, Path file, String text, Path root) {
    String source = text != null ? text : readForSearch(file);
    if (source == null || source.indexOf('"') < 0) {
      return;
    }
    Path fileDir = file.toAbsolutePath().normalize().getParent();
    Path project = BuildFiles.projectFolder(file, root);
    Path top = project != null ? project
        : root != null && file.toAbsolutePath().startsWith(root.toAbsolutePath()) ? root.toAbsolutePath() : fileDir;
    boolean cpp = new dev.ftls.core.source.SourceText(file, source).isCpp();
    boolean used = false;
    for (IncludeLookup.Directive d : IncludeLookup.of(source)) {
      if (!d.quoted() || IncludeLookup.resolve(d, fileDir, flags, cpp) != null) {
        continue;
      }
      WorkspaceHeaders.Match m = workspaceHeaders.find(top, d.name());
      if (m.folder() != null) {
        String dir = m.folder().toString();
        flags.includePaths.add(dir);
        flags.origins.put("-I" + dir, "workspace search (line " + d.line() + ": " + d.written() + " is "
            + display(top.resolve(m.candidates().get(0)), root) + ")");
        used = true;
      } else if (m.candidates().size() > 1) {
        List<String> shown = new ArrayList<>();
        m.candidates().forEach(c -> shown.add(display(top.resolve(c), root)));
        flags.notes.add(display(file, root) + ":" + d.line() + ": " + d.written() + " could be any of "
            + shown.size() + " files (" + String.join(", ", shown) + "); the workspace search took none");
      }
      if (m.truncated()) {
        flags.notes.add("the workspace search listed only the first " + WorkspaceHeaders.MAX_FILES
            + " files of " + display(top, root));
      }
    }
    if (used) {
      flags.sources.add("workspace search");
    }
  }

  /** The file's text for the include search: null when it is not a regular file or too large. */
  private static String readForSearch(Path file) {
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > 8L << 20) {
        return null;
      }
      return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Adds the settings' include folders and defines; true when any was given. Bad ones are problems. */
  private static boolean applySettings(CompileFlags flags, Settings settings, Path workspaceRoot, List<String> problems) {
    if (settings.includePaths.isEmpty() && settings.defines.isEmpty()) {
      return false;
    }
    Path base = workspaceRoot != null ? workspaceRoot : Paths.get("").toAbsolutePath();
    for (String p : settings.includePaths) {
      String why = ConfigProblem.invalidPath(p);
      if (why == null) {
        flags.includePaths.add(base.resolve(p).normalize().toString());
      } else {
        problems.add(ConfigProblem.of(SETTINGS, "includePaths", why, "expected folder paths"));
      }
    }
    for (String d : settings.defines) {
      String why = SettingsJson.badDefine(d);
      if (why == null) {
        CompileCommands.addDefine(flags, d);
      } else {
        problems.add(ConfigProblem.of(SETTINGS, "defines", why, "expected NAME or NAME=VALUE"));
      }
    }
    return true;
  }

  private static boolean hasPythonH(List<String> paths) {
    for (String p : paths) {
      if (Files.isRegularFile(Paths.get(p, "Python.h"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The configured database, else the nearest compile_commands.json (or build/compile_commands.json)
   * in the file's folder or a parent, up to the workspace root, as clangd looks for it. A configured
   * one that is not there is a problem, and the nearest one is used instead.
   */
  private Path findDatabase(Settings settings, Path file, Path root, List<String> problems) {
    if (settings.compileCommands != null && !settings.compileCommands.isBlank()) {
      String expected = "expected the path of compile_commands.json or of its folder";
      String why = ConfigProblem.invalidPath(settings.compileCommands);
      if (why != null) {
        problems.add(ConfigProblem.of(SETTINGS, "compileCommands", why, expected));
      } else {
        Path p = Paths.get(settings.compileCommands);
        if (!p.isAbsolute() && root != null) {
          p = root.resolve(p);
        }
        if (Files.isDirectory(p)) {
          p = p.resolve("compile_commands.json");
        }
        if (Files.isRegularFile(p)) {
          return p;
        }
        problems.add(ConfigProblem.of(SETTINGS, "compileCommands", display(p, root)
            + (Files.exists(p) ? " is not a regular file" : " does not exist"), expected));
      }
    }
    Path dir = file.toAbsolutePath().getParent();
    while (dir != null) {
      for (Path candidate : List.of(dir.resolve("compile_commands.json"), dir.resolve("build/compile_commands.json"))) {
        if (Files.isRegularFile(candidate)) {
          return candidate;
        }
      }
      if (root == null || dir.equals(root) || !dir.startsWith(root)) {
        break;
      }
      dir = dir.getParent();
    }
    return null;
  }

  /** A path as problems show it: relative to the workspace root when inside it. */
  private static String display(Path p, Path root) {
    Path abs = p.toAbsolutePath().normalize();
    return root != null && abs.startsWith(root.toAbsolutePath()) && !abs.equals(root.toAbsolutePath())
        ? root.toAbsolutePath().relativize(abs).toString() : abs.toString();
  }

  private CompileCommands loadDb(Path path, Path root) {
    long mtime = Preamble.mtime(path.toString());
    CachedDb cached = databases.get(path);
    if (cached != null && cached.mtime == mtime) {
      return cached.db;
    }
    CompileCommands db = CompileCommands.load(path, display(path, root));
    databases.put(path, new CachedDb(mtime, db));
    log.accept("read " + path + (db.problems().isEmpty() ? "" : ": " + String.join("; ", db.problems())));
    return db;
  }

  /**
   * The include folders of a Python installation. Asks python3-config, or the configured
   * interpreter (never a program named by a workspace file), found only in absolute PATH folders and
   * run by its absolute path; cached for the process. {@code python} null: python3-config, whose
   * absence is no problem (the built-in prelude is used). A lookup stopped by an interrupt (a
   * server shutting down, an analysis cancelled) is not cached: it says nothing about the program.
   */
  private PythonHeaders pythonIncludes(String python) {
    return PYTHON_INCLUDES.computeIfAbsent(python == null ? "" : python, k -> {
      try {
        return lookUp(python);
      } catch (java.io.InterruptedIOException e) {
        throw new java.util.concurrent.CancellationException("the lookup of the Python headers was stopped");
      }
    });
  }

  private PythonHeaders lookUp(String python) throws java.io.InterruptedIOException {
    String name = python == null ? "python3-config" : python;
    String why = ConfigProblem.invalidPath(name);
    if (why != null) {
      return PythonHeaders.none(ConfigProblem.of(SETTINGS, "python", why, PYTHON_EXPECTED));
    }
    Path program = ProgramLookup.find(name, System.getenv("PATH"));
    if (program == null) {
      String wrong = ConfigProblem.quote(name) + (ProgramLookup.isBareName(name)
          ? " is not a program in any absolute folder of PATH" : " is not a program file that can be run");
      if (python == null) {
        log.accept(wrong + "; using the built-in prelude");
        return PythonHeaders.none(null);
      }
      return PythonHeaders.none(ConfigProblem.of(SETTINGS, "python", wrong, PYTHON_EXPECTED));
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(program.toString());
    if (python == null) {
      cmd.add("--includes");
    } else {
      cmd.add("-I"); // isolated: neither the current folder nor PYTHON* variables reach sys.path
      cmd.add("-c");
      cmd.add("import sysconfig; print('-I' + sysconfig.get_path('include'))");
    }
    String failure;
    List<String> dirs = new ArrayList<>();
    try {
      String out = ProgramRunner.output(cmd, 10);
      for (String word : out.trim().split("\\s+")) {
        if (word.startsWith("-I") && word.length() > 2 && !dirs.contains(word.substring(2))
            && ConfigProblem.invalidPath(word.substring(2)) == null) {
          dirs.add(word.substring(2));
        }
      }
      log.accept(String.join(" ", cmd) + " -> " + dirs);
      failure = dirs.isEmpty() ? "named no include folder" : null;
    } catch (java.io.InterruptedIOException e) {
      throw e;
    } catch (IOException e) {
      failure = e.getMessage();
    }
    if (failure == null) {
      return new PythonHeaders(List.copyOf(dirs), null);
    }
    log.accept(program + ": " + failure + "; using the built-in prelude");
    return PythonHeaders.none(python == null ? null
        : ConfigProblem.of(SETTINGS, "python", ConfigProblem.quote(name) + " " + failure, PYTHON_EXPECTED));
  }
}
