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
    // the edit script: ' ' keep, '-' delete, '+' insert, with line numbers in a and b
    List<char[]> ops = new ArrayList<>();
    List<int[]> pos = new ArrayList<>();
    script(a, b, ops, pos);
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

  /**
   * Myers' O((n+m)D) shortest edit script (D = lines changed, small for fixes: no n*m table on a
   * 26,000-line file), deletions before insertions within a change, as diff -u prints them.
   */
  private static void script(List<String> a, List<String> b, List<char[]> ops, List<int[]> pos) {
    int n = a.size();
    int m = b.size();
    int off = n + m + 1;
    int[] v = new int[2 * off + 1];
    List<int[]> trace = new ArrayList<>();
    search:
    for (int d = 0; d <= n + m; d++) {
      trace.add(v.clone());
      for (int k = -d; k <= d; k += 2) {
        int x = k == -d || (k != d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
        int y = x - k;
        while (x < n && y < m && a.get(x).equals(b.get(y))) {
          x++;
          y++;
        }
        v[off + k] = x;
        if (x >= n && y >= m) {
          break search;
        }
      }
    }
    List<char[]> rOps = new ArrayList<>();
    List<int[]> rPos = new ArrayList<>();
    int x = n;
    int y = m;
    for (int d = trace.size() - 1; d >= 0; d--) {
      int[] vd = trace.get(d);
      int k = x - y;
      int prevK = k == -d || (k != d && vd[off + k - 1] < vd[off + k + 1]) ? k + 1 : k - 1;
      int prevX = d == 0 ? 0 : vd[off + prevK];
      int prevY = d == 0 ? 0 : prevX - prevK;
      while (x > prevX && y > prevY) {
        x--;
        y--;
        rOps.add(new char[] {' '});
        rPos.add(new int[] {x, y});
      }
      if (d > 0) {
        if (x == prevX) {
          y--;
          rOps.add(new char[] {'+'});
          rPos.add(new int[] {x, y});
        } else {
          x--;
          rOps.add(new char[] {'-'});
          rPos.add(new int[] {x, y});
        }
      }
    }
    for (int i = rOps.size() - 1; i >= 0; i--) {
      ops.add(rOps.get(i));
      pos.add(rPos.get(i));
    }
  }

  private static List<String> lines(String s) {
    List<String> out = new ArrayList<>(List.of(s.split("\n", -1)));
    if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }
}
