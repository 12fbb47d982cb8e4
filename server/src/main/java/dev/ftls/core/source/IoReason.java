package dev.ftls.core.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Why a file or folder could not be read, as a plain lower-case phrase that reads after "not
 * analyzed: " or "cannot read this folder: " ("permission denied", "no such file or folder", "is
 * a folder"). The one place that turns Java's I/O exceptions into words for the user.
 */
public final class IoReason {
  private IoReason() {}

  public static String of(Throwable e) {
    if (e instanceof UncheckedIOException u && u.getCause() != null) {
      return of(u.getCause());
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (e instanceof NotDirectoryException) {
      return "not a folder";
    }
    if (e instanceof FileSystemLoopException) {
      return "a symbolic link leads back to a folder above it";
    }
    String detail = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
    return fromSystemMessage(detail, e);
  }

  /**
   * Why a path that is neither a regular file nor a folder is not read: "not a regular file (a
   * FIFO)", or a character device, block device, socket. Looking does not open it.
   */
  public static String notRegularFile(Path p) {
    String kind = "a special file";
    try {
      int mode = (Integer) Files.getAttribute(p, "unix:mode");
      switch (mode & 0170000) {
        case 0010000 -> kind = "a FIFO";
        case 0020000 -> kind = "a character device";
        case 0060000 -> kind = "a block device";
        case 0140000 -> kind = "a socket";
        default -> { }
      }
    } catch (IOException | RuntimeException e) {
      // no unix view on this platform: the general word will do
    }
    return "not a regular file (" + kind + ")";
  }

  /** The operating system's own words (strerror), made plain where we know them. */
  private static String fromSystemMessage(String detail, Throwable e) {
    if (detail == null || detail.isBlank()) {
      return e instanceof IOException ? "a read error" : "an unexpected error (" + e.getClass().getSimpleName() + ")";
    }
    String d = detail.trim().toLowerCase(Locale.ROOT);
    switch (d) {
      case "permission denied":
      case "operation not permitted":
        return "permission denied";
      case "no such file or directory":
        return "no such file or folder";
      case "is a directory":
        return "is a folder";
      case "not a directory":
        return "not a folder";
      case "too many levels of symbolic links":
        return "a symbolic link loop";
      case "file name too long":
        return "its path is too long";
      default:
        return d;
    }
  }
}
