package dev.ftls.core.project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the build files of the project a source file belongs to and reads what they state
 * literally (never running them): setup.py, setup.cfg, pyproject.toml, and meson.build or
 * CMakeLists.txt when the build backend uses them (or names none). What one project folder says is
 * cached until one of its build files changes, appears or goes away.
 */
public final class BuildFiles {
  private static final List<String> PYTHON_BUILD = List.of("pyproject.toml", "setup.py", "setup.cfg");
  private static final List<String> NATIVE_BUILD = List.of("meson.build", "CMakeLists.txt");
  /** Build files read through subdir() / add_subdirectory(), at most. */
  private static final int MAX_FILES = 64;
  /** A build file larger than this is not read (no real one comes close). */
  private static final long MAX_BYTES = 2L << 20;

  private record Cached(Map<Path, Long> stamps, ProjectBuild build) {}

  private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

  /**
   * The folder of a file's project: the nearest folder, from the file's own up to {@code root},
   * that holds pyproject.toml, setup.py or setup.cfg; else the highest one that holds meson.build
   * or CMakeLists.txt; null when there is none.
   */
  public static Path projectFolder(Path file, Path root) {
    Path native_ = null;
    Path dir = file.toAbsolutePath().normalize().getParent();
    Path top = root == null ? null : root.toAbsolutePath().normalize();
    while (dir != null) {
      for (String name : PYTHON_BUILD) {
        if (Files.isRegularFile(dir.resolve(name))) {
          return dir;
        }
      }
      for (String name : NATIVE_BUILD) {
        if (Files.isRegularFile(dir.resolve(name))) {
          native_ = dir;
        }
      }
      if (top == null || dir.equals(top) || !dir.startsWith(top)) {
        break;
      }
      dir = dir.getParent();
    }
    return native_;
  }

  /** What the build files of the file's project say, or null when it has none. */
  public ProjectBuild forFile(Path file, Path root) {
    Path folder = projectFolder(file, root);
    if (folder == null) {
      return null;
    }
    Cached cached = cache.get(folder);
    if (cached != null && fresh(cached.stamps)) {
      return cached.build;
    }
    Reading reading = new Reading(folder, root);
    reading.readAll();
    cache.put(folder, new Cached(reading.stamps, reading.build));
    return reading.build;
  }

  private static boolean fresh(Map<Path, Long> stamps) {
    for (Map.Entry<Path, Long> e : stamps.entrySet()) {
      if (mtime(e.getKey()) != e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** A file's modification time in milliseconds, or -1 when it cannot be read. */
  static long mtime(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return -1;
    }
  }

  /** One reading of a project folder's build files. */
  private static final class Reading {
    final Path folder;
    final Path root;
    final ProjectBuild build;
    final Map<Path, Long> stamps = new LinkedHashMap<>();
    final Set<Path> read = new HashSet<>();

    Reading(Path folder, Path root) {
      this.folder = folder;
      this.root = root == null ? null : root.toAbsolutePath().normalize();
      this.build = new ProjectBuild(folder);
    }

    void readAll() {
      for (String name : PYTHON_BUILD) {
        stamps.put(folder.resolve(name), mtime(folder.resolve(name)));
      }
      for (String name : NATIVE_BUILD) {
        stamps.put(folder.resolve(name), mtime(folder.resolve(name)));
      }
      String backend = null;
      String text = text(folder.resolve("pyproject.toml"));
      if (text != null) {
        backend = PyprojectToml.read(text, folder, display(folder.resolve("pyproject.toml")), build);
      }
      text = text(folder.resolve("setup.py"));
      if (text != null) {
        SetupPy.read(text, folder, display(folder.resolve("setup.py")), build);
      }
      text = text(folder.resolve("setup.cfg"));
      if (text != null) {
        SetupCfg.read(text, folder, display(folder.resolve("setup.cfg")), build);
      }
      if (backend == null || backend.startsWith("mesonpy")) {
        meson(folder);
      }
      if (backend == null || backend.startsWith("scikit_build_core")) {
        cmake(folder);
      }
    }

    void meson(Path dir) {
      Path file = dir.resolve("meson.build");
      String text = admit(file) ? text(file) : null;
      if (text != null) {
        MesonBuild.read(text, dir, display(file), build, (sub, at) -> into(dir, sub, at, "subdir", this::meson));
      }
    }

    void cmake(Path dir) {
      Path file = dir.resolve("CMakeLists.txt");
      String text = admit(file) ? text(file) : null;
      if (text != null) {
        CMakeLists.read(text, dir, folder, display(file), build,
            (sub, at) -> into(dir, sub, at, "add_subdirectory", this::cmake));
      }
    }

    /** Follows a subfolder named by a build file, if it stays in the project. */
    private void into(Path dir, String sub, Origin at, String key, java.util.function.Consumer<Path> reader) {
      Path next;
      try {
        next = dir.resolve(sub).toAbsolutePath().normalize();
      } catch (RuntimeException e) {
        build.note(at, key, "\"" + sub + "\" is not a folder path; skipped");
        return;
      }
      if (!next.startsWith(folder)) {
        build.note(at, key, "\"" + sub + "\" is outside the project folder; not read");
        return;
      }
      reader.accept(next);
    }

    /** Whether a build file reached through a subfolder may be read (each once, a bounded number). */
    private boolean admit(Path file) {
      if (!read.add(file)) {
        return false;
      }
      if (read.size() > MAX_FILES) {
        build.note(new Origin(display(file), 0), "the file", "more than " + MAX_FILES + " build files; not read");
        return false;
      }
      stamps.putIfAbsent(file, mtime(file));
      return true;
    }

    /** A build file's text, or null when it is not a regular file (or is too large, noted). */
    private String text(Path file) {
      if (!Files.isRegularFile(file)) {
        return null;
      }
      try {
        if (Files.size(file) > MAX_BYTES) {
          build.note(new Origin(display(file), 0), "the file", "larger than " + (MAX_BYTES >> 20) + " MiB; not read");
          return null;
        }
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      } catch (IOException e) {
        build.note(new Origin(display(file), 0), "the file", "cannot be read (" + e.getMessage() + "); skipped");
        return null;
      }
    }

    private String display(Path p) {
      Path abs = p.toAbsolutePath().normalize();
      return root != null && abs.startsWith(root) && !abs.equals(root) ? root.relativize(abs).toString() : abs.toString();
    }
  }
}
