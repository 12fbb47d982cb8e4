package dev.ftls.core.source;

import dev.ftls.core.source.LineBreaks;
import java.util.ArrayList;
import java.util.List;

/** Finds the comments of C/C++ source text, skipping string and character literals. */
public final class Comments {
  private Comments() {}

  /** Each comment as {start, end} offsets, including its delimiters (a line comment's line break is not part of it). */
  public static List<int[]> find(String t) {
    List<int[]> out = new ArrayList<>();
    int n = t.length();
    int i = 0;
    while (i < n) {
      char c = t.charAt(i);
      if (c == '/' && i + 1 < n && t.charAt(i + 1) == '/') {
        int e = LineBreaks.next(t, i);
        e = e < 0 ? n : e;
        out.add(new int[] {i, e});
        i = e;
      } else if (c == '/' && i + 1 < n && t.charAt(i + 1) == '*') {
        int e = t.indexOf("*/", i + 2);
        e = e < 0 ? n : e + 2;
        out.add(new int[] {i, e});
        i = e;
      } else if (c == '"' || c == '\'') {
        int q = i + 1;
        while (q < n && t.charAt(q) != c && !LineBreaks.startsAt(t, q)) {
          q += t.charAt(q) == '\\' ? 2 : 1;
        }
        i = q + 1;
      } else {
        i++;
      }
    }
    return out;
  }

  /**
   * The text with every comment and the inside of every string and character literal replaced by
   * spaces (line breaks kept), so that offsets stay the same and names there never match.
   */
  public static String blanked(String t) {
    char[] out = t.toCharArray();
    for (int[] c : find(t)) {
      blank(out, c[0], c[1]);
    }
    int n = t.length();
    for (int i = 0; i < n; i++) {
      char c = out[i];
      if (c == '"' || c == '\'') { // comments are blank already, so this quote opens a literal
        int q = i + 1;
        while (q < n && t.charAt(q) != c && !LineBreaks.startsAt(t, q)) {
          q += t.charAt(q) == '\\' ? 2 : 1;
        }
        blank(out, i + 1, Math.min(q, n));
        i = q;
      }
    }
    return new String(out);
  }

  private static void blank(char[] out, int from, int to) {
    for (int k = from; k < to; k++) {
      if (out[k] != '\n' && out[k] != '\r') {
        out[k] = ' ';
      }
    }
  }
}
