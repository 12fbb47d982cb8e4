package dev.ftls.cli;

import dev.ftls.core.rules.FileResult;
import dev.ftls.core.source.IoReason;
import dev.ftls.core.source.SourceFiles;
import dev.ftls.core.source.SourceText;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The files a check run analyzes: every path given on the command line, and the C and C++ files
 * in the folders given, outside hidden folders and node_modules. What it cannot look at (a path
 * that does not exist, a folder it may not read, a FIFO named like a C file) becomes a
 * not-analyzed result with the reason, and the walk goes on.
 *
 * <p>Symbolic links: a path given on the command line is followed, whatever it is. Inside a walk,
 * a link to a file is analyzed as that file, and a link to a folder is not followed (as before;
 * the folder it points to is checked when it is given or lies in a walked folder itself). Since
 * no link to a folder below the start is followed, a walk cannot loop; should one still come
 * back to a folder above it, the walker's own loop check reports it through visitFileFailed.
 */
final class SourceWalk {
  static final Set<String> EXTENSIONS = SourceFiles.EXTENSIONS;

  private final Set<Path> files = new LinkedHashSet<>();
  private final Map<Path, FileResult> notAnalyzed = new LinkedHashMap<>();

  /** The regular files found so far, each once, in the order found (each folder sorted). */
  List<Path> files() {
    return new ArrayList<>(files);
  }

  /** The paths that could not be looked at, each with the reason. */
  List<FileResult> notAnalyzed() {
    return new ArrayList<>(notAnalyzed.values());
  }

  /** Adds a path given on the command line: a file of any name, or a folder to walk. */
  void add(Path path) {
    follow(path, files, true);
  }

  /**
   * Looks at what {@code path} is, following a symbolic link: a regular file goes {@code into}
   * the files, a folder is walked when {@code walkFolder} (a path from the command line) and left
   * alone otherwise (a link met in a walk), anything else is reported with the reason.
   */
  private void follow(Path path, Set<Path> into, boolean walkFolder) {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      fail(path, Files.isSymbolicLink(path) ? "a symbolic link to something that does not exist" : IoReason.of(e));
      return;
    } catch (IOException e) {
      fail(path, IoReason.of(e));
      return;
    }
    if (attrs.isRegularFile()) {
      into.add(path);
    } else if (!attrs.isDirectory()) {
      fail(path, IoReason.notRegularFile(path));
    } else if (walkFolder) {
      walk(path);
    }
  }

  private void walk(Path start) {
    Set<Path> found = new TreeSet<>();
    try {
      // FOLLOW_LINKS so that a start given as a link is walked and links to files are read as
      // their targets; preVisitDirectory skips every linked folder below the start
      Files.walkFileTree(start, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
          new Visitor(start, found));
    } catch (IOException e) {
      folderFailed(start, e);
    }
    files.addAll(found);
  }

  private final class Visitor implements FileVisitor<Path> {
    private final Path start;
    private final Set<Path> found;

    Visitor(Path start, Set<Path> found) {
      this.start = start;
      this.found = found;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
      boolean below = !dir.equals(start);
      return below && (hidden(dir) || Files.isSymbolicLink(dir))
          ? FileVisitResult.SKIP_SUBTREE
          : FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
      if (hidden(file) || !isSource(file)) {
        return FileVisitResult.CONTINUE;
      }
      if (attrs.isRegularFile()) {
        found.add(file);
      } else if (attrs.isSymbolicLink()) {
        follow(file, found, false); // a link whose target cannot be read: say why
      } else {
        // a FIFO, device or socket: never opened
        fail(file, IoReason.notRegularFile(file));
      }
      return FileVisitResult.CONTINUE;
    }

    /** A folder that cannot be opened, or an entry whose type cannot even be read. */
    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) {
      if (!file.equals(start) && hidden(file)) {
        return FileVisitResult.CONTINUE;
      }
      BasicFileAttributes attrs = null;
      try {
        attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (IOException notEvenThat) {
        // the folder that holds it lists its names but may not be searched
      }
      if (attrs != null && attrs.isDirectory()) {
        folderFailed(file, e);
      } else if (isSource(file)) {
        fail(file, IoReason.of(e));
      } else if (attrs == null && file.getParent() != null) {
        folderFailed(file.getParent(), e);
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path dir, IOException e) {
      if (e != null) {
        folderFailed(dir, e); // listing it broke off half-way
      }
      return FileVisitResult.CONTINUE;
    }
  }

  private void folderFailed(Path dir, IOException e) {
    fail(dir, "cannot read this folder: " + IoReason.of(e));
  }

  private void fail(Path path, String reason) {
    notAnalyzed.putIfAbsent(path, FileResult.notAnalyzed(new SourceText(path, ""), reason));
  }

  private static boolean hidden(Path p) {
    Path name = p.getFileName();
    return SourceFiles.skippedFolder(name == null ? "" : name.toString());
  }

  static boolean isSource(Path p) {
    return SourceFiles.isSource(p);
  }
}
