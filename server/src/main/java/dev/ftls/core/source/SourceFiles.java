package dev.ftls.core.source;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which files of a workspace are C and C++ sources, and which folders a walk of it leaves out
 * (hidden folders and node_modules): one policy for {@code ftls check}'s walk, the includer
 * search and the server's background index.
 */
public final class SourceFiles {
  /** File name extensions of C and C++ sources and headers, lower case. */
  public static final Set<String> EXTENSIONS = Set.of("c", "h", "cc", "cpp", "cxx", "hpp", "hh", "hxx");

  private SourceFiles() {}

  /** Whether a file's name says it is C or C++ (source or header). */
  public static boolean isSource(Path p) {
    Path name = p.getFileName();
    String n = name == null ? "" : name.toString();
    int dot = n.lastIndexOf('.');
    return dot >= 0 && EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /** Whether a walk leaves out a folder of this name (below the folder it starts in). */
  public static boolean skippedFolder(String name) {
    return name.startsWith(".") || name.equals("node_modules");
  }

  /** What a walk of a folder found: the sources (sorted per folder) and what it could not read. */
  public record Found(List<Path> files, List<String> problems, boolean truncated) {}

  /**
   * The C and C++ regular files below {@code root}, at most {@code max}, not following links to
   * folders. A folder that cannot be read is named in the problems and the walk goes on.
   */
  public static Found under(Path root, int max) {
    List<Path> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    boolean[] truncated = {false};
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          Path n = dir.getFileName();
          return !dir.equals(root) && n != null && skippedFolder(n.toString())
              ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile() && isSource(file)) {
            if (out.size() >= max) {
              truncated[0] = true;
              return FileVisitResult.TERMINATE;
            }
            out.add(file.toAbsolutePath().normalize());
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          problems.add(file + ": " + IoReason.of(e));
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException | SecurityException e) {
      problems.add(root + ": " + e.getMessage());
    }
    return new Found(out, problems, truncated[0]);
  }
}
