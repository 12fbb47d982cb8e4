package dev.ftls.core.project;

import dev.ftls.core.project.Literals.Arg;
import dev.ftls.core.project.Literals.Call;
import dev.ftls.core.project.Literals.Opaque;
import dev.ftls.core.project.PythonTokens.Kind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the extension modules a setup.py declares, as far as they are written as literals: each
 * {@code Extension(...)}, {@code setuptools.Extension(...)} or {@code Pybind11Extension(...)} call
 * gives its sources, include_dirs, define_macros, undef_macros and the -I/-D/-U of
 * extra_compile_args. A keyword whose value is a name bound earlier to a literal is followed. The
 * file is tokenized, never run; what is not a literal is noted and skipped. Relative paths are
 * relative to the folder of setup.py.
 */
final class SetupPy {
  private static final Set<String> EXTENSION_CALLS = Set.of("Extension", "Pybind11Extension");

  private SetupPy() {}

  static void read(String text, Path folder, String display, ProjectBuild out) {
    Literals r = new Literals(text);
    r.walk((t, prev) -> {
      if (t.kind() == Kind.NAME && EXTENSION_CALLS.contains(t.text()) && r.peek(1).is("(")
          && (prev == null || !prev.is("def") && !prev.is("class"))) {
        extension(r, folder, display, out);
        return true;
      }
      return false;
    });
  }

  private static void extension(Literals r, Path folder, String display, ProjectBuild out) {
    Call call = r.call("=");
    for (Opaque o : call.unpacked()) {
      out.notLiteral(new Origin(display, o.line()), "Extension(...)", o.text());
    }
    Map<String, Arg> keywords = call.keywords();
    Arg nameArg = keywords.getOrDefault("name", call.positional(0));
    String name = nameArg != null && nameArg.value() instanceof String s ? s : "?";
    BuildFlags ext = new BuildFlags(name, false);
    Arg sources = keywords.getOrDefault("sources", call.positional(1));
    LiteralArgs read = new LiteralArgs(display, out);
    for (String s : read.strings(sources, "sources")) {
      ext.source(folder, s);
    }
    Arg includes = keywords.get("include_dirs");
    for (String d : read.strings(includes, "include_dirs")) {
      ext.includeDir(folder, d, read.origin(includes));
    }
    Arg macros = keywords.get("define_macros");
    for (Object m : read.items(macros, "define_macros")) {
      String def = macro(m);
      if (def == null) {
        read.skip(macros, "define_macros", m);
      } else {
        ext.define(def, read.origin(macros));
      }
    }
    Arg undefs = keywords.get("undef_macros");
    for (String u : read.strings(undefs, "undef_macros")) {
      ext.undefine(u, read.origin(undefs));
    }
    Arg extra = keywords.get("extra_compile_args");
    ext.compilerArgs(read.strings(extra, "extra_compile_args"), folder, read.origin(extra));
    out.units.add(ext);
  }

  /** {@code ("NAME", "VALUE")} as NAME=VALUE, {@code ("NAME", None)} as NAME; null otherwise. */
  private static String macro(Object m) {
    if (m instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof String name) {
      Object v = pair.get(1);
      if (v == Literals.NONE) {
        return name;
      }
      if (v instanceof String s) {
        return name + "=" + s;
      }
      if (v instanceof Literals.Num n) {
        return name + "=" + n.text();
      }
    }
    return null;
  }
}
