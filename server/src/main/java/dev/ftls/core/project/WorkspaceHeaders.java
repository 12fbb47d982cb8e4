package dev.ftls.core.project;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds a quoted include that no include folder resolves by searching a folder tree for the one
 * file whose path ends with the include's path ({@code "pkg/pkg.h"} finds {@code <root>/x/pkg/pkg.h}
 * and gives the folder {@code <root>/x}). Two or more such files: none is taken. Hidden folders,
 * build/, node_modules/, __pycache__/ and virtual environments are not searched. The list of
 * files is kept per root and made again only when a folder in it has changed, checked at most
 * once every few seconds, so an edit does not walk the tree.
 */
public final class WorkspaceHeaders {
  /** The walk stops after this many files (and says so). */
  public static final int MAX_FILES = 50_000;
  private static final int MAX_DEPTH = 24;
  private static final long RECHECK_NANOS = 5_000_000_000L;
  private static final Set<String> SKIPPED = Set.of("build", "node_modules", "__pycache__", "venv", "site-packages");

  /**
   * What a search found.
   *
   * @param folder the include folder that makes the include resolve; null when there is no single match
   * @param candidates the matching files, relative to the root (none, one, or several)
   * @param truncated whether the tree had more files than were listed
   */
  public record Match(Path folder, List<String> candidates, boolean truncated) {}

  private static final class Index {
    final Map<String, List<String>> byName = new HashMap<>();
    final Map<Path, Long> folders = new LinkedHashMap<>();
    boolean truncated;
    volatile long checkedAt = System.nanoTime();
  }

  private final Map<Path, Index> indexes = new ConcurrentHashMap<>();

  /** Searches {@code root} for the one file whose path ends with {@code include}. */
  public Match find(Path root, String include) {
    String wanted = include.replace('\\', '/');
    while (wanted.startsWith("./")) {
      wanted = wanted.substring(2);
    }
    if (wanted.isEmpty() || wanted.startsWith("/") || wanted.endsWith("/") || List.of(wanted.split("/")).contains("..")) {
      return new Match(null, List.of(), false);
    }
    Index index = index(root.toAbsolutePath().normalize());
    String name = wanted.substring(wanted.lastIndexOf('/') + 1);
    List<String> candidates = new ArrayList<>();
    for (String rel : index.byName.getOrDefault(name, List.of())) {
      if (rel.equals(wanted) || rel.endsWith("/" + wanted)) {
        candidates.add(rel);
      }
    }
    candidates.sort(null);
    Path folder = null;
    if (candidates.size() == 1) {
      String rel = candidates.get(0);
      String prefix = rel.substring(0, rel.length() - wanted.length());
      folder = root.toAbsolutePath().normalize().resolve(prefix.isEmpty() ? "." : prefix).normalize();
    }
    return new Match(folder, List.copyOf(candidates), index.truncated);
  }

  private Index index(Path root) {
    Index index = indexes.get(root);
    if (index != null && !stale(index)) {
      return index;
    }
    Index fresh = walk(root);
    indexes.put(root, fresh);
    return fresh;
  }

  private static boolean stale(Index index) {
    long now = System.nanoTime();
    if (now - index.checkedAt < RECHECK_NANOS) {
      return false;
    }
    for (Map.Entry<Path, Long> f : index.folders.entrySet()) {
      if (BuildFiles.mtime(f.getKey()) != f.getValue()) {
        return true;
      }
    }
    index.checkedAt = now;
    return false;
  }

  private static Index walk(Path root) {
    Index index = new Index();
    int[] files = {0};
    try {
      Files.walkFileTree(root, EnumSet.noneOf(java.nio.file.FileVisitOption.class), MAX_DEPTH, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
          if (!dir.equals(root) && (name.startsWith(".") || SKIPPED.contains(name))) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          index.folders.put(dir, attrs.lastModifiedTime().toMillis());
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (!attrs.isRegularFile() && !attrs.isSymbolicLink()) {
            return FileVisitResult.CONTINUE;
          }
          if (++files[0] > MAX_FILES) {
            index.truncated = true;
            return FileVisitResult.TERMINATE;
          }
          String rel = root.relativize(file).toString().replace('\\', '/');
          index.byName.computeIfAbsent(file.getFileName().toString(), k -> new ArrayList<>()).add(rel);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE; // an unreadable folder is not searched
        }
      });
    } catch (IOException e) {
      // what was listed before the failure is still searched
    }
    return index;
  }
}
