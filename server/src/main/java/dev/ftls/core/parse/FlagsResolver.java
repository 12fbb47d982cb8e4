package dev.ftls.core.parse;

import dev.ftls.core.config.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Decides how each file is preprocessed, in this order: the workspace's compile_commands.json,
 * then explicit settings (includePaths, defines), then the Python headers that python3-config (or
 * the configured interpreter) reports, then the built-in prelude (always there, last).
 */
public final class FlagsResolver {
  private static final Map<String, List<String>> PYTHON_INCLUDES = new ConcurrentHashMap<>();
  private final Map<Path, CachedDb> databases = new ConcurrentHashMap<>();
  private final Consumer<String> log;

  private record CachedDb(long mtime, CompileCommands db, String error) {}

  public FlagsResolver(Consumer<String> log) {
    this.log = log;
  }

  public CompileFlags resolve(Path file, Settings settings, Path workspaceRoot) {
    CompileFlags flags = new CompileFlags();
    Path dbPath = findDatabase(settings, workspaceRoot);
    if (dbPath != null) {
      CompileCommands db = loadDb(dbPath);
      CompileFlags fromDb = db == null ? null : db.flagsFor(file);
      if (fromDb != null) {
        flags = fromDb;
        flags.sources.add("compile_commands.json");
      }
    }
    if (!settings.includePaths.isEmpty() || !settings.defines.isEmpty()) {
      Path base = workspaceRoot != null ? workspaceRoot : Paths.get("").toAbsolutePath();
      for (String p : settings.includePaths) {
        flags.includePaths.add(base.resolve(p).normalize().toString());
      }
      for (String d : settings.defines) {
        CompileCommands.addDefine(flags, d);
      }
      flags.sources.add("settings");
    }
    if (!hasPythonH(flags.includePaths) && !"none".equals(settings.python)) {
      List<String> py = pythonIncludes(settings.python);
      if (!py.isEmpty()) {
        flags.includePaths.addAll(py);
        flags.sources.add(settings.python == null || settings.python.isBlank() ? "python3-config" : "python");
      }
    }
    return flags;
  }

  private static boolean hasPythonH(List<String> paths) {
    for (String p : paths) {
      if (Files.isRegularFile(Paths.get(p, "Python.h"))) {
        return true;
      }
    }
    return false;
  }

  private Path findDatabase(Settings settings, Path root) {
    if (settings.compileCommands != null && !settings.compileCommands.isBlank()) {
      Path p = Paths.get(settings.compileCommands);
      if (!p.isAbsolute() && root != null) {
        p = root.resolve(p);
      }
      if (Files.isDirectory(p)) {
        p = p.resolve("compile_commands.json");
      }
      if (!Files.isRegularFile(p)) {
        log.accept("compileCommands: " + p + " does not exist; ignoring it");
        return null;
      }
      return p;
    }
    if (root == null) {
      return null;
    }
    for (Path candidate : List.of(root.resolve("compile_commands.json"), root.resolve("build/compile_commands.json"))) {
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private CompileCommands loadDb(Path path) {
    long mtime = Preamble.mtime(path.toString());
    CachedDb cached = databases.get(path);
    if (cached != null && cached.mtime == mtime) {
      return cached.db;
    }
    try {
      CompileCommands db = CompileCommands.load(path);
      databases.put(path, new CachedDb(mtime, db, null));
      log.accept("read " + path);
      return db;
    } catch (IOException e) {
      databases.put(path, new CachedDb(mtime, null, e.getMessage()));
      log.accept("cannot use " + path + ": " + e.getMessage());
      return null;
    }
  }

  /**
   * The include folders of a Python installation. Asks python3-config on PATH, or the configured
   * interpreter (never a program named by a workspace file); cached for the process.
   */
  private List<String> pythonIncludes(String python) {
    String key = python == null ? "" : python;
    return PYTHON_INCLUDES.computeIfAbsent(key, k -> {
      List<String> cmd = new ArrayList<>();
      if (k.isBlank()) {
        cmd.add("python3-config");
        cmd.add("--includes");
      } else {
        cmd.add(k);
        cmd.add("-c");
        cmd.add("import sysconfig; print('-I' + sysconfig.get_path('include'))");
      }
      List<String> dirs = new ArrayList<>();
      try {
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        proc.getOutputStream().close();
        String out;
        try (InputStream in = proc.getInputStream()) {
          out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!proc.waitFor(10, TimeUnit.SECONDS)) {
          proc.destroyForcibly();
          log.accept(String.join(" ", cmd) + " did not answer in 10 s; using the built-in prelude");
          return List.of();
        }
        for (String word : out.trim().split("\\s+")) {
          if (word.startsWith("-I") && word.length() > 2 && !dirs.contains(word.substring(2))) {
            dirs.add(word.substring(2));
          }
        }
        log.accept(String.join(" ", cmd) + " -> " + dirs);
      } catch (IOException e) {
        log.accept("cannot run " + cmd.get(0) + " (" + e.getMessage() + "); using the built-in prelude");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return List.copyOf(dirs);
    });
  }
}
