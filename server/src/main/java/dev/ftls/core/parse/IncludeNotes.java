package dev.ftls.core.parse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorIncludeStatement;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;

/**
 * The notes about a file's includes: each include skipped on purpose, each quoted include not
 * found (with its line), and one summary of the system includes not found. Only includes in
 * active code count (not those in branches for other platforms), each once per file. When no
 * Python headers were found at all, the Python headers themselves are not listed: the include
 * source "prelude" already says so.
 */
final class IncludeNotes {
  /** System headers named in the summary note, at most. */
  static final int LISTED_SYSTEM_HEADERS = 5;

  /** Headers of CPython's own include folder that extensions include directly. */
  private static final Set<String> PYTHON_HEADERS = Set.of(
      "Python.h", "structmember.h", "pythread.h", "frameobject.h", "datetime.h", "marshal.h",
      "pyconfig.h", "longintrepr.h", "bytesobject.h", "pymem.h", "object.h", "abstract.h", "ceval.h",
      "methodobject.h", "modsupport.h", "moduleobject.h", "pystate.h", "unicodeobject.h",
      "pyerrors.h", "import.h", "pythonrun.h", "structseq.h", "pycapsule.h", "patchlevel.h",
      "descrobject.h", "pyport.h", "pymacro.h", "opcode.h", "code.h", "compile.h", "osdefs.h");

  private IncludeNotes() {}

  static List<String> of(List<SkippedInclude> includes, IASTTranslationUnit tu, boolean pythonHeaders) {
    List<String> notes = new ArrayList<>();
    Set<String> system = new LinkedHashSet<>();
    Set<String> seen = new LinkedHashSet<>();
    for (SkippedInclude inc : includes) {
      if (inc.missing() && !pythonHeaders && pythonHeader(inc.written())) {
        continue;
      }
      if (inc.missing() && inc.system()) {
        system.add(inc.written());
        continue;
      }
      if (inc.missing() && !seen.add(inc.written())) {
        continue; // once per file
      }
      notes.add(inc.note(inc.header() == null && !inc.forced() ? linesOf(tu, inc.written()) : List.of()));
    }
    if (!system.isEmpty()) {
      List<String> listed = new ArrayList<>(system).subList(0, Math.min(LISTED_SYSTEM_HEADERS, system.size()));
      notes.add(system.size() + (system.size() == 1 ? " system header" : " system headers") + " not found: "
          + String.join(", ", listed) + (system.size() > listed.size() ? " (the first " + listed.size() + ")" : ""));
    }
    return notes;
  }

  private static boolean pythonHeader(String written) {
    String name = written.substring(1, written.length() - 1);
    return PYTHON_HEADERS.contains(name) || name.startsWith("cpython/") || name.startsWith("internal/");
  }

  /** The lines of the file's own include directives written as {@code written}. */
  private static List<Integer> linesOf(IASTTranslationUnit tu, String written) {
    List<Integer> lines = new ArrayList<>();
    for (IASTPreprocessorIncludeStatement inc : tu.getIncludeDirectives()) {
      if (inc.isPartOfTranslationUnitFile() && inc.isActive() && written.equals(written(inc))
          && inc.getFileLocation() != null) {
        lines.add(inc.getFileLocation().getStartingLineNumber());
      }
    }
    return lines;
  }

  /** The include as written, with its quotes or angle brackets. */
  static String written(IASTPreprocessorIncludeStatement inc) {
    String name = inc.getName().toString();
    return inc.isSystemInclude() ? "<" + name + ">" : "\"" + name + "\"";
  }
}
