package dev.ftls.core.fix;

import dev.ftls.core.semantic.CallSite;
import dev.ftls.core.semantic.FileModel;
import dev.ftls.core.semantic.SyntaxWalk;
import dev.ftls.core.source.LineBreaks;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.IASTCompoundStatement;
import org.eclipse.cdt.core.dom.ast.IASTDeclarationStatement;
import org.eclipse.cdt.core.dom.ast.IASTStatement;

/**
 * The statement that takes a dict value as a strong reference where the code took it borrowed:
 * {@code v = PyDict_GetItemWithError(d, k);} becomes {@code PyDict_GetItemRef(d, k, &v);}, which
 * leaves {@code v} NULL when the key is absent and NULL with an exception set on error, exactly as
 * before, so the code after it (its {@code v == NULL} and {@code PyErr_Occurred()} tests) keeps its
 * meaning. {@code PyDict_GetItem} and {@code PyDict_GetItemString} swallowed errors: the new
 * statement clears an error the same way ({@code if (... < 0) { PyErr_Clear(); }}). A declaration
 * {@code PyObject *v = ...;} becomes {@code PyObject *v;} and the statement on the next line.
 */
public final class DictLookupRef {
  private DictLookupRef() {}

  /** The strong-reference replacement of each dict lookup, and whether the old one swallowed errors. */
  private record Lookup(String replacement, boolean swallows) {}

  private static final Map<String, Lookup> LOOKUPS = Map.of(
      "PyDict_GetItem", new Lookup("PyDict_GetItemRef", true),
      "PyDict_GetItemWithError", new Lookup("PyDict_GetItemRef", false),
      "PyDict_GetItemString", new Lookup("PyDict_GetItemStringRef", true),
      "_PyDict_GetItemStringWithError", new Lookup("PyDict_GetItemStringRef", false));

  private static final Pattern ASSIGNED =
      Pattern.compile("^(PyObject\\s*\\*\\s*)?([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*$");

  /** The replacement of a dict lookup, or null when the call is not one. */
  public static String replacement(String name) {
    Lookup l = LOOKUPS.get(name);
    return l == null ? null : l.replacement();
  }

  /** Whether the old lookup hid errors (the fix keeps hiding them). */
  public static boolean swallows(String name) {
    Lookup l = LOOKUPS.get(name);
    return l != null && l.swallows();
  }

  /**
   * The edits that turn the lookup statement ({@code [PyObject *]v = LOOKUP(d, k);} on lines of its
   * own) into the strong-reference form, or null when the call stands elsewhere.
   */
  public static List<TextEdit> swap(FileModel ctx, CallSite c) {
    Lookup l = LOOKUPS.get(c.name());
    IASTStatement stmt = SyntaxWalk.statementOf(ctx.nodeOf(c));
    if (l == null || c.args().size() != 2 || stmt == null || !(stmt.getParent() instanceof IASTCompoundStatement)
        || !ctx.inFile(stmt)) {
      return null;
    }
    String text = ctx.text();
    int s = ctx.start(stmt);
    int e = ctx.end(stmt);
    Matcher m = ASSIGNED.matcher(text.substring(s, c.start()).strip());
    boolean declares = stmt instanceof IASTDeclarationStatement;
    if (!m.find() || declares != (m.group(1) != null) || !text.substring(c.end(), e).strip().equals(";")
        || !Edits.onlySpaceBefore(text, s) || !Edits.onlySpaceAfter(text, e)) {
      return null;
    }
    String var = m.group(2);
    String nl = Edits.newline(text);
    String indent = Edits.indentOf(text, s);
    String call = l.replacement() + "(" + c.arg(0).strip() + ", " + c.arg(1).strip() + ", &" + var + ")";
    String inner = indent + (indent.contains("\t") ? "\t" : "    ");
    if (!l.swallows()) {
      String statement = call + ";";
      return List.of(new TextEdit(s, e, declares ? "PyObject *" + var + ";" + nl + indent + statement : statement));
    }
    // the new statement takes several lines: a comment after the old one stays on the call's line
    int lineEnd = LineBreaks.next(text, e) < 0 ? text.length() : LineBreaks.next(text, e);
    String comment = text.substring(e, lineEnd).isBlank() ? "" : text.substring(e, lineEnd);
    String statement = "if (" + call + " < 0) {" + comment + nl + inner + "PyErr_Clear();" + nl + indent + "}";
    return List.of(new TextEdit(s, comment.isEmpty() ? e : lineEnd,
        declares ? "PyObject *" + var + ";" + nl + indent + statement : statement));
  }
}
