package dev.ftls.core.fix;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two texts (line based, 3 lines of context), as `diff -u` prints it. */
public final class UnifiedDiff {
  private UnifiedDiff() {}

  public static String of(String path, String before, String after) {
    if (before.equals(after)) {
      return "";
    }
    List<String> a = lines(before);
    List<String> b = lines(after);
    int n = a.size();
    int m = b.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    // the edit script: ' ' keep, '-' delete, '+' insert, with line numbers in a and b
    List<char[]> ops = new ArrayList<>();
    List<int[]> pos = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a.get(i).equals(b.get(j))) {
        ops.add(new char[] {' '});
        pos.add(new int[] {i++, j++});
      } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
        ops.add(new char[] {'+'});
        pos.add(new int[] {i, j++});
      } else {
        ops.add(new char[] {'-'});
        pos.add(new int[] {i++, j});
      }
    }
    StringBuilder out = new StringBuilder("--- a/" + path + "\n+++ b/" + path + "\n");
    int k = 0;
    while (k < ops.size()) {
      if (ops.get(k)[0] == ' ') {
        k++;
        continue;
      }
      int start = Math.max(0, k - 3);
      int end = k;
      int lastChange = k;
      while (end < ops.size() && (ops.get(end)[0] != ' ' || end - lastChange <= 6)) {
        if (ops.get(end)[0] != ' ') {
          lastChange = end;
        }
        end++;
      }
      end = Math.min(ops.size(), lastChange + 4);
      int aStart = pos.get(start)[0];
      int bStart = pos.get(start)[1];
      int aLen = 0;
      int bLen = 0;
      StringBuilder hunk = new StringBuilder();
      for (int x = start; x < end; x++) {
        char op = ops.get(x)[0];
        int[] p = pos.get(x);
        if (op == ' ') {
          hunk.append(' ').append(a.get(p[0])).append('\n');
          aLen++;
          bLen++;
        } else if (op == '-') {
          hunk.append('-').append(a.get(p[0])).append('\n');
          aLen++;
        } else {
          hunk.append('+').append(b.get(p[1])).append('\n');
          bLen++;
        }
      }
      out.append("@@ -").append(aLen == 0 ? aStart : aStart + 1).append(',').append(aLen)
          .append(" +").append(bLen == 0 ? bStart : bStart + 1).append(',').append(bLen).append(" @@\n")
          .append(hunk);
      k = end;
    }
    return out.toString();
  }

  private static List<String> lines(String s) {
    List<String> out = new ArrayList<>(List.of(s.split("\n", -1)));
    if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }
}
