package dev.ftls.core.rules;

import java.util.ArrayList;
import java.util.List;

/** Finds the comments of C/C++ source text, skipping string and character literals. */
public final class Comments {
  private Comments() {}

  /** Each comment as {start, end} offsets, including its delimiters. */
  public static List<int[]> find(String t) {
    List<int[]> out = new ArrayList<>();
    int n = t.length();
    int i = 0;
    while (i < n) {
      char c = t.charAt(i);
      if (c == '/' && i + 1 < n && t.charAt(i + 1) == '/') {
        int e = t.indexOf('\n', i);
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
        while (q < n && t.charAt(q) != c && t.charAt(q) != '\n') {
          q += t.charAt(q) == '\\' ? 2 : 1;
        }
        i = q + 1;
      } else {
        i++;
      }
    }
    return out;
  }
}
