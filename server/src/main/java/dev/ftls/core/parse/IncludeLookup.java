package dev.ftls.core.parse;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file's own {@code #include} directives, and where each one resolves with given flags, looked up
 * the way the preprocessor does: a quoted include in the file's folder, then the quote folders,
 * then the include folders and the compiler's own; an angled one in the include folders and the
 * compiler's. Conditionals are not evaluated: every directive is listed.
 */
public final class IncludeLookup {
  private static final Pattern INCLUDE = Pattern.compile("^\\s*#\\s*include(?:_next)?\\s*([<\"])([^>\"]+)[>\"]");

  /** One directive: its line (from 1), the name written, and whether it is in quotes. */
  public record Directive(int line, String name, boolean quoted) {
    public String written() {
      return quoted ? "\"" + name + "\"" : "<" + name + ">";
    }
  }

  private IncludeLookup() {}

  /** The include directives of a text, block comments left out. */
  public static List<Directive> of(String text) {
    List<Directive> out = new ArrayList<>();
    String[] lines = withoutBlockComments(text).split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      Matcher m = INCLUDE.matcher(lines[n]);
      if (m.find()) {
        out.add(new Directive(n + 1, m.group(2).strip(), m.group(1).equals("\"")));
      }
    }
    return out;
  }

  /** The file a directive names, or null when no folder has it. */
  public static Path resolve(Directive d, Path fileDir, CompileFlags flags, boolean cpp) {
    List<String> folders = new ArrayList<>();
    if (d.quoted()) {
      if (fileDir != null) {
        folders.add(fileDir.toString());
      }
      folders.addAll(flags.quoteIncludePaths);
    }
    folders.addAll(flags.includePaths);
    folders.addAll(CompilerDefaults.systemIncludes(cpp));
    for (String folder : folders) {
      try {
        Path p = Paths.get(folder).resolve(d.name()).normalize();
        if (Files.isRegularFile(p)) {
          return p;
        }
      } catch (InvalidPathException e) {
        // not a path here: look on
      }
    }
    return null;
  }

  /** The text with each block comment replaced by spaces (its line breaks kept). */
  private static String withoutBlockComments(String text) {
    StringBuilder sb = new StringBuilder(text);
    int n = sb.length();
    int i = 0;
    while (i < n - 1) {
      char c = sb.charAt(i);
      char d = sb.charAt(i + 1);
      if (c == '/' && d == '/') {
        while (i < n && sb.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && d == '*') {
        int end = sb.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        for (int k = i; k < end; k++) {
          if (sb.charAt(k) != '\n') {
            sb.setCharAt(k, ' ');
          }
        }
        i = end;
      } else {
        i++;
      }
    }
    return sb.toString();
  }
}
