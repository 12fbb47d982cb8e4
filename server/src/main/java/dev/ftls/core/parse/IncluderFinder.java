package dev.ftls.core.parse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds, for a header, a source file of the workspace that includes it, directly or through other
 * headers, so the header can be parsed the way that source file's compiler sees it (clangd gives a
 * header the compile context of a file that includes it in the same way).
 *
 * <p>It reads the {@code #include} lines of the workspace's C and C++ files (each file again only
 * when its modification time or size changed; files that went away are forgotten) and resolves
 * each one against the including file's folder (quoted includes) and the include folders that file
 * is compiled with. When several source files include the header, the choice is: one in the
 * header's own folder, then the one whose folder is nearest the header's, then the shortest chain
 * of includes, then the first path in alphabetical order.
 */
public final class IncluderFinder {
  private static final Set<String> HEADERS = Set.of("h", "hh", "hpp", "hxx");
  private static final Set<String> SOURCES = Set.of("c", "cc", "cpp", "cxx", "c++");
  /** Workspaces larger than this are indexed only in part (the first files found). */
  static final int MAX_FILES = 20_000;
  /** Chains of includes longer than this are not followed. */
  static final int MAX_DEPTH = 8;
  /** Files larger than this are not read for their includes. */
  private static final long MAX_BYTES = 4L * 1024 * 1024;
  private static final Pattern INCLUDE =
      Pattern.compile("(?m)^[ \\t]*#[ \\t]*include[ \\t]*([\"<])([^\">\\n]+)[\">]");

  private final Map<Path, Map<Path, Scanned>> indexes = new ConcurrentHashMap<>();

  /** One include line: what it names, whether in quotes, and where the line starts. */
  record Include(String name, boolean quoted, int lineStart) {}

  private record Scanned(long mtime, long size, List<Include> includes) {}

  /**
   * One step of a chain: {@code file} includes the next file of the chain (or the header) with the
   * directive whose line starts at {@code lineStart}.
   */
  public record Link(Path file, int lineStart) {}

  /**
   * A source file that includes the header, and the chain of includes from it to the header:
   * {@code chain.get(0).file()} is the source file, the last link's file includes the header.
   */
  public record Includer(Path source, List<Link> chain) {
    public Includer {
      chain = List.copyOf(chain);
    }
  }

  /** Whether a path names a header (.h, .hh, .hpp, .hxx). */
  public static boolean isHeader(Path file) {
    return HEADERS.contains(extension(file));
  }

  private static boolean isSource(Path file) {
    return SOURCES.contains(extension(file));
  }

  private static String extension(Path file) {
    String n = file.getFileName() == null ? "" : file.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /**
   * The source file whose context the header gets, or null when no file of the workspace includes
   * it.
   *
   * @param includeDirs the include folders a file is compiled with (its -I, -iquote and settings)
   */
  public Includer find(Path header, Path root, Function<Path, List<String>> includeDirs) {
    Path target = header.toAbsolutePath().normalize();
    Map<Path, Scanned> index = refresh(root.toAbsolutePath().normalize());
    Map<Path, List<String>> dirsCache = new HashMap<>();
    Function<Path, List<String>> dirs = f -> dirsCache.computeIfAbsent(f, includeDirs);
    // breadth first from the header up to the source files; each file reached by its shortest chain
    Map<Path, List<Link>> chains = new LinkedHashMap<>();
    chains.put(target, List.of());
    Deque<Path> queue = new ArrayDeque<>(List.of(target));
    List<Includer> found = new ArrayList<>();
    while (!queue.isEmpty()) {
      Path current = queue.poll();
      List<Link> below = chains.get(current);
      if (below.size() >= MAX_DEPTH) {
        continue;
      }
      for (Map.Entry<Path, Scanned> e : index.entrySet()) {
        Path file = e.getKey();
        if (chains.containsKey(file)) {
          continue;
        }
        Include inc = includeOf(file, e.getValue().includes, current, dirs);
        if (inc == null) {
          continue;
        }
        List<Link> chain = new ArrayList<>();
        chain.add(new Link(file, inc.lineStart));
        chain.addAll(below);
        chains.put(file, chain);
        if (isSource(file)) {
          found.add(new Includer(file, chain));
        } else {
          queue.add(file);
        }
      }
    }
    Path home = target.getParent();
    return found.stream()
        .min(Comparator.<Includer>comparingInt(i -> i.source.getParent().equals(home) ? 0 : 1)
            .thenComparingInt(i -> distance(i.source.getParent(), home))
            .thenComparingInt(i -> i.chain.size())
            .thenComparing(i -> i.source.toString()))
        .orElse(null);
  }

  /** How many folders apart two folders are (up to their common parent and down again). */
  static int distance(Path a, Path b) {
    int common = 0;
    while (common < a.getNameCount() && common < b.getNameCount() && a.getName(common).equals(b.getName(common))) {
      common++;
    }
    return a.getNameCount() - common + b.getNameCount() - common;
  }

  /** The first include of {@code file} that resolves to {@code target}, or null. */
  private static Include includeOf(Path file, List<Include> includes, Path target,
      Function<Path, List<String>> dirs) {
    String targetName = target.getFileName().toString();
    for (Include inc : includes) {
      String name = inc.name.strip();
      if (!name.equals(targetName) && !name.endsWith("/" + targetName) && !name.endsWith("\\" + targetName)) {
        continue; // cheap test first: the file names must agree
      }
      if (inc.quoted && resolvesTo(file.getParent(), name, target)) {
        return inc;
      }
      for (String d : dirs.apply(file)) {
        if (resolvesTo(Path.of(d), name, target)) {
          return inc;
        }
      }
    }
    return null;
  }

  private static boolean resolvesTo(Path dir, String name, Path target) {
    try {
      return dir.toAbsolutePath().resolve(name).normalize().equals(target);
    } catch (RuntimeException e) {
      return false; // a name this system cannot make a path of
    }
  }

  /** The index of a workspace, brought up to date with what is on disk now. */
  private Map<Path, Scanned> refresh(Path root) {
    Map<Path, Scanned> old = indexes.getOrDefault(root, Map.of());
    Map<Path, Scanned> now = new HashMap<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          String n = dir.getFileName() == null ? "" : dir.getFileName().toString();
          boolean skip = !dir.equals(root) && dev.ftls.core.source.SourceFiles.skippedFolder(n);
          return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (!attrs.isRegularFile() || !(isHeader(file) || isSource(file))) {
            return FileVisitResult.CONTINUE;
          }
          Path abs = file.toAbsolutePath().normalize();
          long mtime = attrs.lastModifiedTime().toMillis();
          Scanned prev = old.get(abs);
          now.put(abs, prev != null && prev.mtime == mtime && prev.size == attrs.size()
              ? prev : scan(abs, mtime, attrs.size()));
          return now.size() >= MAX_FILES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) {
          return FileVisitResult.CONTINUE; // an unreadable folder: the rest of the workspace still counts
        }
      });
    } catch (IOException e) {
      // the root itself cannot be read: no includers
    }
    indexes.put(root, now);
    return now;
  }

  private static Scanned scan(Path file, long mtime, long size) {
    if (size > MAX_BYTES) {
      return new Scanned(mtime, size, List.of());
    }
    try {
      return new Scanned(mtime, size, includes(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)));
    } catch (IOException | RuntimeException e) {
      return new Scanned(mtime, size, List.of());
    }
  }

  /** The include lines of a text, in order. */
  static List<Include> includes(String text) {
    List<Include> out = new ArrayList<>();
    Matcher m = INCLUDE.matcher(text);
    while (m.find()) {
      out.add(new Include(m.group(2), m.group(1).equals("\""), m.start()));
    }
    return out;
  }
}
