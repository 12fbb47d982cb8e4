package dev.ftls.core.rules;

import dev.ftls.core.fix.Edits;
import dev.ftls.core.fix.TextEdit;
import dev.ftls.core.source.Comments;
import dev.ftls.core.source.LineIndex;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Suppression comments. {@code // ftls: ignore[FT101] reason} (or a block comment) silences the
 * named rules (ids or prefixes) on its own line and the line below; {@code ftls: ignore-begin[ID]}
 * ... {@code ftls: ignore-end[ID]} silences a region. NumPy's {@code noqa: borrowed-ref} markers
 * silence the borrowed-reference family (FT1xx) like a line comment, so projects that already use
 * them adopt ftls without churn. Each entry remembers whether it silenced anything, so unused
 * ftls suppressions can be reported.
 */
public final class Suppressions {
  private static final Pattern FTLS = Pattern.compile("ftls:\\s*ignore(-begin|-end)?\\[([^\\]]*)\\]");
  private static final Pattern NOQA = Pattern.compile("noqa:\\s*borrowed-ref");

  /** Kinds of suppression comments. */
  public enum Kind { LINE, REGION, UNCLOSED_BEGIN, STRAY_END, NOQA }

  /**
   * One suppression: the lines it covers [firstLine, lastLine], its ids, the comment range
   * [start, end) of the marker text, and whether it silenced a finding.
   */
  public static final class Entry {
    public final Kind kind;
    public final int firstLine;
    public final int lastLine;
    public final List<String> ids;
    public final int start;
    public final int end;
    boolean used;

    Entry(Kind kind, int firstLine, int lastLine, List<String> ids, int start, int end) {
      this.kind = kind;
      this.firstLine = firstLine;
      this.lastLine = lastLine;
      this.ids = List.copyOf(ids);
      this.start = start;
      this.end = end;
    }

    public boolean used() {
      return used;
    }
  }

  private final List<Entry> entries;

  private Suppressions(List<Entry> entries) {
    this.entries = entries;
  }

  public List<Entry> entries() {
    return entries;
  }

  public static Suppressions scan(String text, LineIndex lines) {
    List<Entry> out = new ArrayList<>();
    if (!text.contains("ftls:") && !text.contains("noqa:")) {
      return new Suppressions(out); // no marker anywhere: no need to find the comments (most files, every edit)
    }
    Deque<Entry> open = new ArrayDeque<>();
    for (int[] c : Comments.find(text)) {
      String body = text.substring(c[0], c[1]);
      Matcher m = FTLS.matcher(body);
      while (m.find()) {
        List<String> ids = new ArrayList<>();
        for (String id : m.group(2).split(",")) {
          if (!id.isBlank()) {
            ids.add(id.trim().toUpperCase(Locale.ROOT));
          }
        }
        int start = c[0] + m.start();
        int end = c[0] + m.end();
        int line = lines.line(start);
        if (m.group(1) == null) {
          out.add(new Entry(Kind.LINE, line, line + 1, ids, start, end));
        } else if (m.group(1).equals("-begin")) {
          open.push(new Entry(Kind.UNCLOSED_BEGIN, line, Integer.MAX_VALUE, ids, start, end));
        } else {
          Entry begin = null;
          for (Entry e : open) {
            if (e.ids.equals(ids)) {
              begin = e;
              break;
            }
          }
          if (begin == null) {
            out.add(new Entry(Kind.STRAY_END, line, line, ids, start, end));
          } else {
            open.remove(begin);
            out.add(new Entry(Kind.REGION, begin.firstLine, line, ids, begin.start, begin.end));
          }
        }
      }
      Matcher n = NOQA.matcher(body);
      if (n.find()) {
        int start = c[0] + n.start();
        int line = lines.line(start);
        out.add(new Entry(Kind.NOQA, line, line + 1, List.of("FT1"), start, c[0] + n.end()));
      }
    }
    out.addAll(open); // a begin without an end silences to the end of the file
    return new Suppressions(out);
  }

  /** Whether a finding starting on {@code line} with this rule id is suppressed (marks the entry used). */
  public boolean suppresses(String ruleId, int line) {
    boolean hit = false;
    for (Entry e : entries) {
      if (e.kind == Kind.STRAY_END || line < e.firstLine || line > e.lastLine) {
        continue;
      }
      for (String id : e.ids) {
        if (ruleId.startsWith(id)) {
          e.used = true;
          hit = true;
        }
      }
    }
    return hit;
  }

  /** The reason placeholder a suppression quick fix leaves for the author to replace. */
  public static final String REASON_PLACEHOLDER = "TODO: say why this is safe";

  /**
   * The edit that silences {@code ruleId} for a finding starting at {@code offset}: the id is added
   * to an ftls line suppression that already covers the line, or a new comment goes on its own
   * line above (indented like the code), written as a line comment when the file has any, else as
   * a block comment. On a line continued with a backslash (a macro body) a block comment goes at
   * the end of the line, before the backslash, so the macro stays intact.
   */
  public static TextEdit suppressionEdit(String text, LineIndex lines, int offset, String ruleId) {
    int line = lines.line(offset);
    for (Entry e : scan(text, lines).entries) {
      if (e.kind == Kind.LINE && (e.firstLine == line || e.lastLine == line)) {
        return new TextEdit(e.end - 1, e.end - 1, ", " + ruleId);
      }
    }
    String nl = Edits.newline(text);
    int ls = Edits.lineStart(text, offset);
    int le = Edits.nextLineStart(text, offset);
    String body = "ftls: ignore[" + ruleId + "] " + REASON_PLACEHOLDER;
    String own = text.substring(ls, le).stripTrailing();
    boolean continued = own.endsWith("\\")
        || (ls > 0 && text.substring(Edits.lineStart(text, ls - 1), ls).stripTrailing().endsWith("\\"));
    if (continued) {
      int at = own.endsWith("\\") ? ls + own.length() - 1 : ls + own.length();
      String before = at > ls && text.charAt(at - 1) != ' ' ? " " : "";
      return new TextEdit(at, at, before + "/* " + body + " */" + (own.endsWith("\\") ? " " : ""));
    }
    boolean lineComments = Comments.find(text).stream().anyMatch(c -> text.startsWith("//", c[0]));
    String comment = lineComments ? "// " + body : "/* " + body + " */";
    return new TextEdit(ls, ls, Edits.indentOf(text, offset) + comment + nl);
  }

  /**
   * The edit that deletes a line suppression whose comment holds nothing else before it (the
   * reason after the ids goes with it): the whole line when the comment stands alone on it, else
   * the comment and the spaces that separate it from the code. Null for other comments and for
   * regions.
   */
  public static TextEdit removalEdit(String text, Entry e) {
    if (e.kind != Kind.LINE) {
      return null;
    }
    for (int[] c : Comments.find(text)) {
      if (c[0] > e.start || e.start >= c[1]) {
        continue;
      }
      if (!text.substring(c[0] + 2, e.start).isBlank()) {
        return null; // other words come first: the comment is not only a suppression
      }
      int start = c[0];
      int end = c[1];
      if (Edits.onlySpaceBefore(text, start) && Edits.onlySpaceAfter(text, end)
          && (text.startsWith("//", start) || !text.substring(end, Edits.nextLineStart(text, end)).contains("//"))) {
        return new TextEdit(Edits.lineStart(text, start), Edits.nextLineStart(text, end), "");
      }
      if (Edits.onlySpaceBefore(text, start)) {
        while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
          end++; // a block comment before code on its line: the code moves to the comment's place
        }
      } else {
        while (start > 0 && (text.charAt(start - 1) == ' ' || text.charAt(start - 1) == '\t')) {
          start--;
        }
      }
      return new TextEdit(start, end, "");
    }
    return null;
  }
}
