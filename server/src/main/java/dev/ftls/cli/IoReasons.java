package dev.ftls.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * Why a file operation failed, in plain lower-case words that read after "not analyzed: " or
 * "cannot write: ". Java's file exceptions often carry only the path as their message (an
 * AccessDeniedException says nothing but the file's name), so the exception's class is the reason.
 */
public final class IoReasons {
  private IoReasons() {}

  public static String of(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "it does not exist (any more)";
    }
    if (e instanceof NotDirectoryException) {
      return "a part of its path is not a folder";
    }
    if (e instanceof FileSystemLoopException) {
      return "its path is a loop of symbolic links";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason().toLowerCase(Locale.ROOT);
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? "an input/output error (" + e.getClass().getSimpleName() + ")" : m;
  }
}
