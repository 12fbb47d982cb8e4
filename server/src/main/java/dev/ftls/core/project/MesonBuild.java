package dev.ftls.core.project;

import dev.ftls.core.project.PythonTokens.Kind;
import java.nio.file.Path;
import java.util.function.BiConsumer;

/**
 * Reads meson.build as written: the literal strings of {@code include_directories(...)}, the
 * -I/-D/-U of {@code c_args:} and {@code cpp_args:} (a list, or a name bound earlier to one) and of
 * {@code add_project_arguments(...)} / {@code add_global_arguments(...)}, and the same in the
 * folders {@code subdir('x')} names. Paths are relative to the meson.build that writes them. All of
 * it applies to the whole project. Nothing is run; what is not a literal is noted and skipped.
 */
final class MesonBuild {
  private MesonBuild() {}

  /**
   * @param subdir called with a folder named by {@code subdir('x')} and the line that names it
   */
  static void read(String text, Path folder, String display, ProjectBuild out, BiConsumer<String, Origin> subdir) {
    Literals r = new Literals(text);
    LiteralArgs read = new LiteralArgs(display, out);
    BuildFlags flags = new BuildFlags(display, true);
    r.walk((t, prev) -> {
      if (t.kind() == Kind.NAME && r.peek(1).is("(")) {
        switch (t.text()) {
          case "include_directories" -> {
            for (Literals.Arg a : r.call(":").positional()) {
              for (String d : read.strings(a, "include_directories")) {
                flags.includeDir(folder, d, read.origin(a));
              }
            }
            return true;
          }
          case "add_project_arguments", "add_global_arguments" -> {
            for (Literals.Arg a : r.call(":").positional()) {
              flags.compilerArgs(read.strings(a, t.text()), folder, read.origin(a));
            }
            return true;
          }
          case "subdir" -> {
            Literals.Arg a = r.call(":").positional(0);
            for (String d : read.strings(a, "subdir")) {
              subdir.accept(d, read.origin(a));
            }
            return true;
          }
          default -> {
            return false;
          }
        }
      }
      if (t.kind() == Kind.NAME && (t.text().equals("c_args") || t.text().equals("cpp_args")) && r.peek(1).is(":")) {
        r.next();
        r.next();
        Literals.Arg a = new Literals.Arg(r.expression(), t.line());
        flags.compilerArgs(read.strings(a, t.text()), folder, read.origin(a));
        return true;
      }
      return false;
    });
    if (!flags.isEmpty()) {
      out.units.add(flags);
    }
  }
}
