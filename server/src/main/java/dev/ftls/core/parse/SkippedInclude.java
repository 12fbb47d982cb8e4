package dev.ftls.core.parse;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An include that named an existing file the parser did not read (not a regular file, or too
 * large), or a file not found at all ({@link #NOT_FOUND}), met while reading a file's headers. It
 * becomes a note on the file's result ({@link IncludeNotes}).
 *
 * @param written the include as written, with its quotes or angle brackets; for a forced include,
 *     the file name
 * @param header the header holding the directive, or null for the analyzed file itself
 * @param headerLine the directive's line in {@code header} (1-based), or 0
 * @param forced whether it is a forced include (-include) rather than a directive
 * @param reason why it was not read, e.g. "not a regular file (a character device)", or {@link
 *     #NOT_FOUND}
 */
record SkippedInclude(String written, String header, int headerLine, boolean forced, String reason) {
  /** The reason of an include that names no file in the include paths. */
  static final String NOT_FOUND = "not found in the include paths";

  /** Whether no file was found for it (rather than one found and not read). */
  boolean missing() {
    return NOT_FOUND.equals(reason);
  }

  /** Whether it is written {@code <like.h>}. */
  boolean system() {
    return written.startsWith("<");
  }

  /**
   * The note, e.g. {@code #include "/dev/zero" (line 2) skipped: not a regular file (a character
   * device)}.
   *
   * @param linesInFile for a directive of the analyzed file, the lines where it stands now (the
   *     cached header information does not know them)
   */
  String note(List<Integer> linesInFile) {
    String where;
    String what = missing() ? ": " : " skipped: ";
    if (forced) {
      return "forced include " + written + what + reason;
    } else if (header != null) {
      where = " (line " + headerLine + " of " + header + ")";
    } else if (linesInFile.isEmpty()) {
      where = "";
    } else {
      where = (linesInFile.size() == 1 ? " (line " : " (lines ")
          + linesInFile.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
    }
    return "#include " + written + where + what + reason;
  }
}
