package dev.ftls.core.semantic;

import dev.ftls.core.source.WordSearch;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Containers kept in a struct field that this file never changes and never hands out: a table
 * filled once (by the object's constructor, or given by the caller that created the object) and
 * only read afterwards. Reading such a container with borrowed references is what the extension
 * was designed for; a change by code elsewhere that still holds it is the residual risk, written
 * down in the rules' docs.
 */
public final class ReadOnlyFields {
  private static final Pattern FIELD = Pattern.compile(".*(?:->|\\.)([A-Za-z_]\\w*)$");
  private static final Pattern MUTATES = Pattern.compile(
      "(PyDict|PyList|PySet)_(SetItem\\w*|DelItem\\w*|Append|Insert|Clear|Update|Merge\\w*|SetDefault\\w*|Pop\\w*"
          + "|Extend|SetSlice|Add|Discard|Sort|Reverse|SET_ITEM)|PyObject_(SetItem|DelItem)|PySequence_(SetItem|DelItem\\w*)");
  private static final Pattern READS = Pattern.compile(
      "(PyDict|PyList|PyTuple|PySet|PySequence)_(GetItem\\w*|GET_ITEM|Size|GET_SIZE|Contains\\w*|Next|Copy|Keys|Values"
          + "|Items|Check\\w*|Fast\\w*)|Py_(VISIT|INCREF|XINCREF|DECREF|XDECREF|CLEAR|SIZE|TYPE)|PyObject_(Length|Size)"
          + "|Py_BEGIN_CRITICAL_SECTION\\w*");

  private final FileModel ctx;
  private final Map<String, Boolean> readOnly = new HashMap<>();

  private ReadOnlyFields(FileModel ctx) {
    this.ctx = ctx;
  }

  public static ReadOnlyFields of(FileModel ctx) {
    return ctx.shared(ReadOnlyFields.class, ReadOnlyFields::new);
  }

  /** Whether a container expression ({@code self->pattern->indexgroup}) is a read-only field. */
  public boolean isReadOnly(String expr) {
    Matcher m = FIELD.matcher(CriticalSections.key(expr == null ? "" : expr));
    if (!m.matches()) {
      return false;
    }
    return readOnly.computeIfAbsent(m.group(1), this::neverChangedOrHandedOut);
  }

  private boolean neverChangedOrHandedOut(String field) {
    Pattern end = Pattern.compile("(?:->|\\.)" + Pattern.quote(field) + "$");
    for (CallSite c : ctx.calls()) {
      for (CallSite.Arg a : c.args()) {
        if (!end.matcher(CriticalSections.key(a.text())).find()) {
          continue;
        }
        if (MUTATES.matcher(c.name()).matches()) {
          return false;
        }
        if (!READS.matcher(c.name()).matches()) {
          return false; // handed to other code (Py_BuildValue, PyObject_GetIter, a helper ...)
        }
      }
    }
    String t = ctx.text();
    return !WordSearch.finds(Pattern.compile("offsetof\\s*\\([^)]*\\b" + Pattern.quote(field) + "\\s*\\)"), t, field)
        && !WordSearch.finds(Pattern.compile("\\breturn\\s+[\\w>.\\-()* ]*(?:->|\\.)" + Pattern.quote(field) + "\\s*;"), t, field);
  }
}
