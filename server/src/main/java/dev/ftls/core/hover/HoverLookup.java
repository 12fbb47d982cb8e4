package dev.ftls.core.hover;

import dev.ftls.core.kb.ApiEntry;
import dev.ftls.core.kb.KnowledgeBase;
import java.util.List;
import java.util.Optional;

/** Which knowledge base entry an identifier in the source names, for hover. */
public final class HoverLookup {
  private HoverLookup() {}

  /**
   * The entry for the identifier {@code text[start, end)}: after {@code .} or {@code ->} the struct
   * member of that name (the knowledge base lists members as "PyObject.ob_refcnt"), when exactly one
   * matches; elsewhere the entry of that name.
   */
  public static Optional<ApiEntry> entry(KnowledgeBase kb, String text, int start, int end) {
    String word = text.substring(start, end);
    if (!isMemberAccess(text, start)) {
      return kb.get(word);
    }
    String suffix = "." + word;
    List<ApiEntry> members =
        kb.all().stream()
            .filter(e -> e.kind().equals("member") && e.name().endsWith(suffix))
            .toList();
    return members.size() == 1 ? Optional.of(members.get(0)) : Optional.empty();
  }

  /** Whether the identifier starting at {@code start} follows {@code .} or {@code ->}. */
  static boolean isMemberAccess(String text, int start) {
    int i = start - 1;
    while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
      i--;
    }
    if (i < 0) {
      return false;
    }
    return text.charAt(i) == '.' || (text.charAt(i) == '>' && i > 0 && text.charAt(i - 1) == '-');
  }
}
