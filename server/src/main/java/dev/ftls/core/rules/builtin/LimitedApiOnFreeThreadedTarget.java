package dev.ftls.core.rules.builtin;

import dev.ftls.core.fix.Fix;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import java.util.List;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorIncludeStatement;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorMacroDefinition;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorStatement;

/** FT004: the limited API (Py_LIMITED_API) requested while building for a free-threaded Python. */
public final class LimitedApiOnFreeThreadedTarget extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT004",
          "limited-api-on-free-threaded-target",
          Severity.ERROR,
          "Limited API requested for a free-threaded build that does not support it",
          """
          # FT004 limited-api-on-free-threaded-target

          ## What it flags
          `Py_LIMITED_API` in a build for a free-threaded Python: a `#define Py_LIMITED_API` in the
          file, a `-DPy_LIMITED_API` from compile_commands.json or the settings, or
          `py_limited_api=True` (or a `cp3x` tag) in the project's setup.py or setup.cfg.
          - target 3.13t or 3.14t: an error, since these builds have no limited API or stable ABI;
          - target 3.15t and later, `Py_LIMITED_API` alone: information. There the headers build it
            for abi3t, the stable ABI of free-threaded builds (PEP 803), in which `PyObject` is
            opaque: structs that start with `PyObject_HEAD` and static types no longer compile.
            Defining `Py_TARGET_ABI3T` says that this is meant;
          - on 3.15t and later, `Py_TARGET_ABI3T` defined in the file with a version below 3.15
            (`0x030F0000`): an error, since the 3.15 headers reject it with `#error`.

          ## Why it matters without the GIL
          The limited API's object layout and reference counting macros assume the GIL build. The
          free-threaded 3.13 and 3.14 builds reject it, so the extension does not build, or a wheel
          tagged abi3 is installed where it cannot work.

          ## Example
          ```python
          Extension("spam", ["spam.c"], py_limited_api=True)
          ```

          ## Use instead
          ```python
          import sysconfig
          Extension("spam", ["spam.c"],
                    py_limited_api=not sysconfig.get_config_var("Py_GIL_DISABLED"))
          ```
          and in C, define `Py_LIMITED_API` only when `Py_GIL_DISABLED` is not defined.

          ## Fix
          None automatic: the choice between the limited API and per-version wheels is the
          project's.

          ## What it does not flag
          - a `#define Py_LIMITED_API` inside `#ifndef Py_GIL_DISABLED` (inactive for a free-threaded
            target);
          - `py_limited_api=not sysconfig.get_config_var("Py_GIL_DISABLED")` and other computed
            values in setup.py;
          - targets without free threading;
          - on 3.15t and later, a build that defines `Py_TARGET_ABI3T` (3.15 or later) in the
            file or the compile flags: it targets abi3t on purpose, which is fine.

          ## References
          - https://docs.python.org/3/howto/free-threading-extensions.html#limited-c-api-and-stable-abi
          - https://py-free-threading.github.io/porting-extensions/
          - https://peps.python.org/pep-0803/

          ## Proof
          No proof case: this is a build or packaging error, not a race: the 3.13t and
          3.14t headers reject the limited API, and on 3.15t the abi3t build is a choice
          of ABI.
          """,
          false);

  public LimitedApiOnFreeThreadedTarget() {
    super(META, Set.of("Py_LIMITED_API"));
  }

  @Override
  public void check(RuleContext ctx) {
    if (!ctx.target().freeThreaded()) {
      return;
    }
    boolean abi3t = ctx.target().atLeast(3, 15);
    if (abi3t && checkAbi3tTarget(ctx)) {
      return;
    }
    Severity sev = abi3t ? Severity.INFORMATION : META.defaultSeverity();
    String brief = abi3t
        ? "Py_LIMITED_API builds for abi3t on " + ctx.target() + "; define Py_TARGET_ABI3T"
        : "Free-threaded " + ctx.target() + " has no limited API; build without Py_LIMITED_API";
    String why = abi3t
        ? ": on " + ctx.target() + " the headers build it for abi3t, the stable ABI of free-threaded builds, where "
            + "PyObject is opaque (no PyObject_HEAD structs, no static types); define Py_TARGET_ABI3T to say it is meant"
        : ": the free-threaded " + ctx.target() + " build has no limited API or stable ABI, so the extension will not build";
    for (IASTPreprocessorStatement st : ctx.ast().getAllPreprocessorStatements()) {
      if (st instanceof IASTPreprocessorMacroDefinition def && ctx.inFile(def)
          && def.getName().toString().equals("Py_LIMITED_API")) {
        int at = ctx.nameOffset(def.getName());
        int start = at >= 0 ? at : ctx.start(def);
        ctx.report(new Finding(META.id(), sev, brief, "Py_LIMITED_API is defined here" + why,
            start, start + "Py_LIMITED_API".length(), List.of()));
        return;
      }
    }
    String source = null;
    if (ctx.flags().defines.containsKey("Py_LIMITED_API")) {
      source = "the compile flags define Py_LIMITED_API";
    } else if (ctx.facts().limitedApiFile != null) {
      source = ctx.facts().limitedApiFile.getFileName() + " asks for the limited API (py_limited_api)";
    }
    if (source == null) {
      return;
    }
    for (IASTPreprocessorIncludeStatement inc : ctx.includes()) {
      if (inc.getName().toString().equals("Python.h")) {
        ctx.report(new Finding(META.id(), sev, brief, source + why,
            ctx.start(inc.getName()), ctx.end(inc.getName()), List.of()));
        return;
      }
    }
  }

  private static final java.util.regex.Pattern HEX = java.util.regex.Pattern.compile("0[xX]([0-9A-Fa-f]+)[uUlL]*");

  /**
   * A 3.15+ free-threaded build that defines Py_TARGET_ABI3T (PEP 803) in the file or the flags:
   * reports a version below 3.15, which the headers reject; true when the macro is there (then
   * the build targets abi3t on purpose and nothing else is said).
   */
  private boolean checkAbi3tTarget(RuleContext ctx) {
    String value = null;
    int at = -1;
    for (IASTPreprocessorStatement st : ctx.ast().getAllPreprocessorStatements()) {
      if (st instanceof IASTPreprocessorMacroDefinition def && ctx.inFile(def)
          && def.getName().toString().equals("Py_TARGET_ABI3T")) {
        value = dev.ftls.core.parse.MacroExpansion.of(def).strip();
        int name = ctx.nameOffset(def.getName());
        at = name >= 0 ? name : ctx.start(def);
        break;
      }
    }
    if (value == null && ctx.flags().defines.containsKey("Py_TARGET_ABI3T")) {
      String v = ctx.flags().defines.get("Py_TARGET_ABI3T");
      value = v == null ? "" : v.strip();
    }
    if (value == null) {
      return false;
    }
    java.util.regex.Matcher m = HEX.matcher(value);
    if (at >= 0 && m.matches() && Long.parseLong(m.group(1), 16) < 0x030F0000L) {
      ctx.report(new Finding(META.id(), Severity.ERROR,
          "Py_TARGET_ABI3T " + value + " is below 3.15; use 0x030F0000 or later",
          "Py_TARGET_ABI3T is " + value + ": abi3t starts at 3.15, "
          + "so the headers reject any lower version; use 0x030F0000 or later", at, at + "Py_TARGET_ABI3T".length(),
          List.of()));
    }
    return true;
  }
}
