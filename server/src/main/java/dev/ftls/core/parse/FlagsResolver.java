package dev.ftls.core.parse;

import dev.ftls.core.config.ConfigProblem;
import dev.ftls.core.config.Settings;
import dev.ftls.core.config.SettingsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Decides how each file is preprocessed, in this order: the workspace's compile_commands.json,
 * then explicit settings (includePaths, defines), then the Python headers that python3-config (or
 * the configured interpreter) reports, then the built-in prelude (always there, last). What is
 * wrong with the database or the settings on the way is in {@link CompileFlags#problems}; it is
 * left out and the rest is used.
 */
public final class FlagsResolver {
  /** Where problems of merged settings (editor, CLI) say they come from. */
  private static final String SETTINGS = "settings";
  private static final String PYTHON_EXPECTED =
      "expected the path of a Python interpreter, a program name found in an absolute folder of PATH, or \"none\"";
  private static final Map<String, PythonHeaders> PYTHON_INCLUDES = new ConcurrentHashMap<>();
  private final Map<Path, CachedDb> databases = new ConcurrentHashMap<>();
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

  /**
   * How a file is compiled. A header gets the flags of the source file that includes it ({@link
   * IncluderFinder}) and that file's directives before its include line ({@link IncluderContext});
   * a header no file includes is marked {@link CompileFlags#headerAlone}.
   */
  public CompileFlags resolve(Path file, Settings settings, Path workspaceRoot) {
    CompileFlags flags = resolveOwn(file, settings, workspaceRoot);
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
    CompileFlags borrowed = resolveOwn(includer.source(), settings, workspaceRoot);
    borrowed.includer = context;
    return borrowed;
  }

  /** The folders a file's includes are looked up in, besides its own folder. */
  private List<String> includeDirs(Path file, Settings settings, Path workspaceRoot) {
    CompileFlags f = resolveOwn(file, settings, workspaceRoot);
    List<String> dirs = new ArrayList<>(f.quoteIncludePaths);
    dirs.addAll(f.includePaths);
    return dirs;
  }

  private CompileFlags resolveOwn(Path file, Settings settings, Path workspaceRoot) {
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
      }
    }
    if (applySettings(flags, settings, workspaceRoot, problems)) {
      flags.sources.add("settings");
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
      }
    }
    flags.problems.addAll(problems);
    return flags;
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
   * absence is no problem (the built-in prelude is used).
   */
  private PythonHeaders pythonIncludes(String python) {
    return PYTHON_INCLUDES.computeIfAbsent(python == null ? "" : python, k -> lookUp(python));
  }

  private PythonHeaders lookUp(String python) {
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
