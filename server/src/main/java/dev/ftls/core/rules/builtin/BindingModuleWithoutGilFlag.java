package dev.ftls.core.rules.builtin;

import dev.ftls.core.fix.Fix;
import dev.ftls.core.fix.TextEdit;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.CallSite;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** FT003: a pybind11 or nanobind module that does not declare free-threading support. */
public final class BindingModuleWithoutGilFlag extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT003",
          "binding-module-without-gil-flag",
          Severity.WARNING,
          "pybind11 or nanobind module does not declare free-threading support",
          """
          # FT003 binding-module-without-gil-flag

          ## What it flags
          - `PYBIND11_MODULE(name, m)` without the `py::mod_gil_not_used()` argument;
          - `NB_MODULE(name, m)` when the project's CMakeLists.txt builds it with
            `nanobind_add_module(...)` but without the `FREE_THREADED` option (nanobind declares
            support at build time, so ftls reads the CMake file next to the sources; it never runs it).

          ## Why it matters without the GIL
          Like a C module without a `Py_mod_gil` slot (FT001), a binding module that does not opt in
          makes a free-threaded interpreter turn the GIL back on for the whole process when it is
          imported.

          ## Example
          ```cpp
          PYBIND11_MODULE(example, m) {
              m.def("add", &add);
          }
          ```

          ## Use instead
          ```cpp
          PYBIND11_MODULE(example, m, py::mod_gil_not_used()) {
              m.def("add", &add);
          }
          ```
          For nanobind: `nanobind_add_module(example FREE_THREADED example.cpp)` in CMakeLists.txt.

          ## Fix
          For pybind11, adds `py::mod_gil_not_used()` (or `pybind11::mod_gil_not_used()` when the file
          has no `py` alias) as the third argument; it needs pybind11 2.13 or later. The fix is unsafe
          (never applied by `ftls check --fix`): like FT001's, it is a claim about the whole module
          that turns the GIL off for it, so apply it only once the module's shared state is
          protected. nanobind's option lives in CMake, which ftls does not edit.

          ## What it does not flag
          - `NB_MODULE` when no CMakeLists.txt with `nanobind_add_module` is found between the file
            and the workspace root (the build may be declared elsewhere);
          - targets that are not free-threaded.

          ## References
          - https://py-free-threading.github.io/porting-extensions/
          - https://pybind11.readthedocs.io/en/stable/advanced/misc.html
          - https://nanobind.readthedocs.io/en/latest/free_threaded.html

          ## Proof
          No proof case: the hazard is the interpreter turning the GIL back on when the
          module is imported, which hides races rather than causing one;
          [FT001-gil-declaration](https://github.com/ftls-dev/ftls/tree/main/test-workspaces/proof/FT001-gil-declaration)
          shows that for a C module, and a binding module that does not opt in has the
          same effect through its library's declaration.
          """,
          true);

  public BindingModuleWithoutGilFlag() {
    super(META, Set.of("PYBIND11_MODULE", "NB_MODULE"));
  }

  private static final Pattern PY_ALIAS = Pattern.compile("namespace\\s+py\\s*=\\s*(::)?pybind11\\s*;");

  @Override
  public void check(RuleContext ctx) {
    if (!ctx.target().freeThreaded()) {
      return;
    }
    for (CallSite c : ctx.calls()) {
      if (c.name().equals("PYBIND11_MODULE") && c.args().size() >= 2) {
        boolean declared = c.args().stream().skip(2).anyMatch(a -> a.text().contains("mod_gil_not_used"));
        if (!declared) {
          String flag = PY_ALIAS.matcher(ctx.text()).find() ? "py::mod_gil_not_used()" : "pybind11::mod_gil_not_used()";
          int at = c.args().get(c.args().size() - 1).end();
          List<Fix> fixes = ctx.fix(() -> new Fix(DeclareSupport.title("add " + flag), false,
              List.of(new TextEdit(at, at, ", " + flag))));
          ctx.report(new Finding(META.id(), META.defaultSeverity(),
              "PYBIND11_MODULE(" + c.arg(0) + ") re-enables the GIL on import; pass " + flag,
              "PYBIND11_MODULE(" + c.arg(0)
              + ", ...) does not pass " + flag + ": a free-threaded interpreter will re-enable the GIL "
              + "when it is imported", c.start(), c.nameEnd(), fixes));
        }
      } else if (c.name().equals("NB_MODULE") && Boolean.FALSE.equals(ctx.facts().nanobindFreeThreaded)) {
        ctx.report(new Finding(META.id(), META.defaultSeverity(),
            "NB_MODULE(" + c.arg(0) + ") re-enables the GIL on import; build it with FREE_THREADED",
            "NB_MODULE(" + c.arg(0)
            + ", ...) is built by nanobind_add_module without FREE_THREADED in "
            + ctx.facts().nanobindFile.getFileName() + ": a free-threaded interpreter will re-enable the GIL "
            + "when it is imported", c.start(), c.nameEnd(), List.of()));
      }
    }
  }
}
