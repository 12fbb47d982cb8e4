package dev.ftls.core.project;

/**
 * Where a compile setting was written: a build file (as shown to the user, relative to the
 * workspace) and its line, 0 when the file's reader does not know the line.
 */
public record Origin(String file, int line) {
  /** The build file's name alone ("setup.py", "meson.build"), as the list of sources names it. */
  public String fileName() {
    int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
    return file.substring(slash + 1);
  }

  @Override
  public String toString() {
    return line > 0 ? file + ":" + line : file;
  }
}
