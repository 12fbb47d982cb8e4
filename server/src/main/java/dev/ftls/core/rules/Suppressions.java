package dev.ftls.core.rules;

import dev.ftls.core.source.LineIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Suppression comments. {@code // ftls: ignore[FT101] reason} (or a block comment) silences the
 * named rules on its own line and on the line below. NumPy's {@code noqa: borrowed-ref} markers
 * silence the borrowed-reference family (FT1xx) the same way, so projects that already use them
 * adopt ftls without churn.
 */
public final class Suppressions {
  private static final Pattern FTLS = Pattern.compile("ftls:\\s*ignore\\[([^\\]]*)\\]");
  private static final Pattern NOQA = Pattern.compile("noqa:\\s*borrowed-ref");

  /** One suppression comment: the line it stands on and the rule ids (or prefixes) it covers. */
  public record Entry(int line, List<String> ids, int start, int end) {}

  private final List<Entry> entries;

  private Suppressions(List<Entry> entries) {
    this.entries = entries;
  }

  public List<Entry> entries() {
    return entries;
  }

  public static Suppressions scan(String text, LineIndex lines) {
    List<Entry> out = new ArrayList<>();
    for (int[] c : Comments.find(text)) {
      String body = text.substring(c[0], c[1]);
      Matcher m = FTLS.matcher(body);
      while (m.find()) {
        List<String> ids = new ArrayList<>();
        for (String id : m.group(1).split(",")) {
          if (!id.isBlank()) {
            ids.add(id.trim().toUpperCase(Locale.ROOT));
          }
        }
        int start = c[0] + m.start();
        out.add(new Entry(lines.line(start), ids, start, c[0] + m.end()));
      }
      Matcher n = NOQA.matcher(body);
      if (n.find()) {
        int start = c[0] + n.start();
        out.add(new Entry(lines.line(start), List.of("FT1"), start, c[0] + n.end()));
      }
    }
    return new Suppressions(out);
  }

  /** Whether a finding starting on {@code line} with this rule id is suppressed. */
  public boolean suppresses(String ruleId, int line) {
    for (Entry e : entries) {
      if (e.line == line || e.line + 1 == line) {
        for (String id : e.ids) {
          if (ruleId.startsWith(id)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
