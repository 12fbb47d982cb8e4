package dev.ftls.lsp;

import dev.ftls.core.source.Comments;

/** Finding the identifier under the cursor. */
final class Words {
  private Words() {}

  /** The [start, end) of the C identifier at or just before {@code offset}, or null. */
  static int[] at(String text, int offset) {
    int o = Math.max(0, Math.min(offset, text.length()));
    int s = o;
    while (s > 0 && isIdent(text.charAt(s - 1))) {
      s--;
    }
    int e = o;
    while (e < text.length() && isIdent(text.charAt(e))) {
      e++;
    }
    if (s == e || Character.isDigit(text.charAt(s))) {
      return null;
    }
    return new int[] {s, e};
  }

  static boolean inComment(String text, int offset) {
    for (int[] c : Comments.find(text)) {
      if (offset >= c[0] && offset < c[1]) {
        return true;
      }
    }
    return false;
  }

  private static boolean isIdent(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
