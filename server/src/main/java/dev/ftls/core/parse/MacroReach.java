package dev.ftls.core.parse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The predefined macros a file's parse can look up. The preprocessor looks a name up in its
 * macros only where the name is a token: in the file (its code, directives and forced includes),
 * or in the replacement of a macro it expands. So the macros named in the file, those named in
 * their replacements, and so on, are all a parse can ever expand or test; the others (most of the
 * thousands the headers define) cannot change it, and predefining them was most of the cost of
 * parsing a file again after an edit.
 *
 * <p>Names are taken from the text as words, wherever they are (comments and strings too: more
 * than needed, never less), with backslash-newlines joined. A replacement that pastes tokens
 * ({@code ##}) can make a name that is written nowhere, which begins with what is pasted onto:
 * the macros whose names begin with such a word are reached too (with any word seen, when what is
 * pasted onto is a parameter).
 */
final class MacroReach {
  private MacroReach() {}

  /**
   * What a reach needs of one set of macros besides the macros themselves, made once for a set
   * that serves many parses (a preamble's): small beside them (no copy of the macros).
   */
  static final class Index {
    /** Function-like macros' keys by name. */
    private final Map<String, String> functionKeys = new HashMap<>();
    /** The names, sorted: those that begin with a word are a range. */
    private final String[] names;

    /** @param macros keys as CDT takes them, {@code NAME} or {@code NAME(params)} */
    Index(Map<String, String> macros) {
      this(macros, null);
    }

    /**
     * @param known names sorted once for the many macro sets that hold most of them (a header
     *     layer's), or null: only the names not among them are sorted here, and the two merged
     */
    Index(Map<String, String> macros, SortedNames known) {
      for (String key : macros.keySet()) {
        int paren = key.indexOf('(');
        if (paren > 0) {
          functionKeys.put(key.substring(0, paren), key);
        }
      }
      names = known == null ? sortedNames(macros.keySet()) : known.with(macros.keySet());
    }

    /** The names, sorted (for tests). */
    List<String> names() {
      return List.of(names);
    }

    /**
     * The last reach made with this index, for the next parse: an edited file usually names the
     * same words as before its edit, and then reaches the same macros.
     */
    private volatile Reached last;

    /** Whether this was made of {@code macros} (as far as a cheap look tells: as many names). */
    boolean madeOf(Map<String, String> macros) {
      return names.length == macros.size();
    }

    /** Adds the names that begin with {@code prefix} (and are longer) to {@code out}. */
    private void namesBeginningWith(String prefix, ArrayDeque<String> out) {
      int at = Arrays.binarySearch(names, prefix);
      for (int i = at < 0 ? -at - 1 : at; i < names.length && names[i].startsWith(prefix); i++) {
        if (names[i].length() > prefix.length()) {
          out.push(names[i]);
        }
      }
    }
  }

  /** The macros' names (their keys without parameters), sorted. */
  static String[] sortedNames(Collection<String> keys) {
    String[] all = new String[keys.size()];
    int i = 0;
    for (String key : keys) {
      all[i++] = FeatureMacros.bareName(key);
    }
    Arrays.sort(all);
    return all;
  }

  /**
   * The names of a set of macros that many parses predefine with others (a header layer's),
   * sorted once: the index of each parse's macros sorts only the names not among them and merges
   * ({@link #with}), instead of sorting thousands of names per file.
   */
  static final class SortedNames {
    private final String[] sorted;
    private final Set<String> set;

    private SortedNames(String[] sorted) {
      this.sorted = sorted;
      this.set = Set.copyOf(Arrays.asList(sorted)); // a name the keys hold twice, once
    }

    static SortedNames of(Collection<String> keys) {
      return new SortedNames(sortedNames(keys));
    }

    /** The names of {@code keys}, sorted, each as often as keys name it: {@link #sortedNames} of them. */
    String[] with(Collection<String> keys) {
      String[] others = new String[keys.size()];
      int n = 0;
      Set<String> present = new HashSet<>(set.size() * 4 / 3 + 1);
      for (String key : keys) {
        String name = FeatureMacros.bareName(key);
        if (!set.contains(name) || !present.add(name)) {
          others[n++] = name; // not one of these, or named again
        }
      }
      Arrays.sort(others, 0, n);
      String[] kept = sorted;
      if (present.size() < set.size() || sorted.length > set.size()) {
        List<String> some = new ArrayList<>(present.size());
        for (String name : sorted) {
          if (present.remove(name)) {
            some.add(name); // once: a name these hold twice is among the others when the keys name it twice
          }
        }
        kept = some.toArray(new String[0]);
      }
      return merge(kept, Arrays.copyOf(others, n));
    }
  }

  /** Two sorted arrays as one, sorted. */
  static String[] merge(String[] a, String[] b) {
    String[] out = new String[a.length + b.length];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < a.length && j < b.length) {
      out[k++] = a[i].compareTo(b[j]) <= 0 ? a[i++] : b[j++];
    }
    while (i < a.length) {
      out[k++] = a[i++];
    }
    while (j < b.length) {
      out[k++] = b[j++];
    }
    return out;
  }

  /**
   * The macros of {@code macros} ({@code index} made of them), in their order, that a parse of
   * {@code text} can reach, given the words of what it includes besides ({@code moreWords}: a
   * forced include's).
   */
  static Map<String, String> of(Map<String, String> macros, Index index, Collection<String> moreWords, String text) {
    List<String> textWords = words(text);
    int macrosHash = macros.hashCode();
    Reached last = index.last;
    if (last != null && last.macrosHash == macrosHash && last.moreWords.equals(moreWords)
        && last.textWords.size() == textWords.size() && last.textWords.containsAll(textWords)) {
      return last.macros; // the same words (they are distinct) and macros: the same reach
    }
    Map<String, String> out = of(macros, index, moreWords, textWords);
    index.last = new Reached(macrosHash, List.copyOf(moreWords), new HashSet<>(textWords), out);
    return out;
  }

  /** A reach and what it was made of (the macros by their hash: their names are the index's). */
  private record Reached(int macrosHash, List<String> moreWords, Set<String> textWords, Map<String, String> macros) {}

  private static Map<String, String> of(Map<String, String> macros, Index index, Collection<String> moreWords,
      List<String> textWords) {
    Set<String> seen = new HashSet<>();
    List<String> reached = new ArrayList<>();
    Set<String> pastedOnto = new HashSet<>();
    Set<String> prefixesDone = new HashSet<>();
    boolean anyPrefix = false;
    ArrayDeque<String> names = new ArrayDeque<>(moreWords);
    names.addAll(textWords);
    while (!names.isEmpty()) {
      while (!names.isEmpty()) {
        String name = names.pop();
        if (!seen.add(name)) {
          continue;
        }
        for (String key : new String[] {name, index.functionKeys.get(name)}) {
          String replacement = key == null ? null : macros.get(key);
          if (replacement != null) {
            reached.add(key);
            words(replacement, names);
            if (replacement.contains("##")) {
              anyPrefix |= pastes(key, replacement, pastedOnto);
            }
          }
        }
      }
      // the names a paste can make: those beginning with what is pasted onto, or with any word seen
      List<String> prefixes = new ArrayList<>(pastedOnto);
      if (anyPrefix) {
        prefixes.addAll(seen);
      }
      for (String prefix : prefixes) {
        if (prefixesDone.add(prefix)) {
          index.namesBeginningWith(prefix, names);
        }
      }
    }
    if (reached.size() == macros.size()) {
      return macros;
    }
    Set<String> keys = new HashSet<>(reached);
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : macros.entrySet()) {
      if (keys.contains(e.getKey())) {
        out.put(e.getKey(), e.getValue());
      }
    }
    // frozen: a later parse that reaches the same macros (the next edit, see Index.last) puts in
    // those CDT made for this one as they are, instead of looking each one up again
    return PredefinedMacros.frozen(out);
  }

  /**
   * Adds the words a replacement pastes others onto ({@code word ## more}) to {@code pastedOnto};
   * true when one is a parameter or not a word, so that a pasted name can begin with any word.
   */
  private static boolean pastes(String key, String replacement, Set<String> pastedOnto) {
    Set<String> params = new HashSet<>();
    int paren = key.indexOf('(');
    if (paren > 0) {
      for (String p : key.substring(paren + 1, key.length() - 1).split(",")) {
        params.add(p.strip().replace("...", ""));
      }
      params.add("__VA_ARGS__");
    }
    boolean any = false;
    for (int at = replacement.indexOf("##"); at >= 0; at = replacement.indexOf("##", at + 2)) {
      int end = at;
      while (end > 0 && Character.isWhitespace(replacement.charAt(end - 1))) {
        end--;
      }
      int from = end;
      while (from > 0 && part(replacement.charAt(from - 1))) {
        from--;
      }
      String left = replacement.substring(from, end);
      if (left.isEmpty() || params.contains(left) || !start(left.charAt(0))) {
        any = true;
      } else {
        pastedOnto.add(left);
      }
    }
    return any;
  }

  /**
   * The distinct words of {@code text} (identifiers and keywords; backslash-newlines joined), in
   * no particular order. A string is made for each distinct word only, not for each occurrence (a
   * large file names the same few thousand words hundreds of thousands of times).
   */
  static List<String> words(String string) {
    char[] text = string.toCharArray(); // read faster than the string's characters one by one
    int n = text.length;
    int mask = 1023;
    String[] table = new String[mask + 1];
    int[] hashes = new int[mask + 1];
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < n) {
      char c = text[i];
      if (!start(c)) {
        i++;
        continue;
      }
      int from = i;
      int hash = 0;
      boolean joined = false;
      while (i < n) {
        char d = text[i];
        if (d == '\\' && continuation(string, i)) {
          joined = true;
          i += text[i + 1] == '\r' ? 3 : 2;
        } else if (part(d)) {
          hash = 31 * hash + d;
          i++;
        } else {
          break;
        }
      }
      int length = i - from;
      int slot = (hash ^ (hash >>> 16)) & mask;
      while (table[slot] != null && !(hashes[slot] == hash
          && (joined ? table[slot].equals(unjoined(string, from, i)) : table[slot].length() == length
              && same(text, from, table[slot])))) {
        slot = (slot + 1) & mask;
      }
      if (table[slot] == null) {
        String word = joined ? unjoined(string, from, i) : new String(text, from, length);
        table[slot] = word;
        hashes[slot] = hash;
        out.add(word);
        if (out.size() * 2 > mask) { // keep the table at most half full
          mask = mask * 2 + 1;
          String[] bigger = new String[mask + 1];
          int[] biggerHashes = new int[mask + 1];
          for (int k = 0; k < table.length; k++) {
            if (table[k] != null) {
              int at = (hashes[k] ^ (hashes[k] >>> 16)) & mask;
              while (bigger[at] != null) {
                at = (at + 1) & mask;
              }
              bigger[at] = table[k];
              biggerHashes[at] = hashes[k];
            }
          }
          table = bigger;
          hashes = biggerHashes;
        }
      }
    }
    return out;
  }

  private static boolean same(char[] text, int from, String word) {
    for (int k = 0; k < word.length(); k++) {
      if (text[from + k] != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static String unjoined(String text, int from, int to) {
    return text.substring(from, to).replace("\\\r\n", "").replace("\\\n", "");
  }

  /** Adds the words of {@code text} to {@code out}. */
  static void words(String text, Collection<String> out) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (!start(c)) {
        i++;
        continue;
      }
      int from = i;
      boolean joined = false;
      while (i < n) {
        if (continuation(text, i)) {
          joined = true;
          i += text.charAt(i + 1) == '\r' ? 3 : 2;
        } else if (part(text.charAt(i))) {
          i++;
        } else {
          break;
        }
      }
      out.add(joined ? unjoined(text, from, i) : text.substring(from, i));
    }
  }

  private static boolean start(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$' || c > 0x7f && Character.isLetter(c);
  }

  private static boolean part(char c) {
    return start(c) || c >= '0' && c <= '9';
  }

  /** Whether a backslash-newline begins at {@code i}. */
  private static boolean continuation(String text, int i) {
    return text.charAt(i) == '\\' && (i + 1 < text.length() && text.charAt(i + 1) == '\n'
        || i + 2 < text.length() && text.charAt(i + 1) == '\r' && text.charAt(i + 2) == '\n');
  }
}
