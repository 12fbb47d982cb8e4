package dev.ftls.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ftls.core.rules.FileResult;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.source.SourceText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Known findings to hide ({@code --baseline FILE}), as {@code --write-baseline FILE} records them.
 * A finding is known by its file (relative to the current folder), its rule, the function it is
 * in and a fingerprint of its line's text with the spaces normalised; not by its line number, so
 * that lines added above it do not bring it back. The same key can stand for several findings (the
 * same call twice in a function): the baseline counts them, and only as many are hidden.
 */
final class Baseline {
  static final int VERSION = 1;

  /** What a finding is known by. */
  record Key(String file, String rule, String function, String fingerprint) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      return (file + '\0' + rule + '\0' + function + '\0' + fingerprint)
          .compareTo(o.file + '\0' + o.rule + '\0' + o.function + '\0' + o.fingerprint);
    }
  }

  /** A baseline file that cannot be used, with the reason. */
  static final class Unusable extends Exception {
    Unusable(String m) {
      super(m);
    }
  }

  private final Map<Key, Integer> counts;

  private Baseline(Map<Key, Integer> counts) {
    this.counts = counts;
  }

  /** The baseline of every finding of a run. */
  static Baseline of(List<FileResult> results, Path root) {
    Map<Key, Integer> counts = new TreeMap<>();
    for (FileResult r : results) {
      FunctionNames names = new FunctionNames(r.source().text());
      for (Finding f : r.findings()) {
        counts.merge(key(r.source(), names, f, root), 1, Integer::sum);
      }
    }
    return new Baseline(counts);
  }

  /** How many findings it holds, duplicates counted. */
  int size() {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  /**
   * The results without the known findings; {@code hidden[0]} gets how many were hidden. Each key
   * hides at most as many findings as the baseline counted for it.
   */
  List<FileResult> hide(List<FileResult> results, Path root, int[] hidden) {
    Map<Key, Integer> left = new TreeMap<>(counts);
    List<FileResult> out = new ArrayList<>();
    for (FileResult r : results) {
      FunctionNames names = new FunctionNames(r.source().text());
      List<Finding> kept = new ArrayList<>();
      for (Finding f : r.findings()) {
        Key k = key(r.source(), names, f, root);
        int n = left.getOrDefault(k, 0);
        if (n > 0) {
          left.put(k, n - 1);
          hidden[0]++;
        } else {
          kept.add(f);
        }
      }
      out.add(kept.size() == r.findings().size() ? r : r.withFindings(kept));
    }
    return out;
  }

  static Key key(SourceText src, FunctionNames names, Finding f, Path root) {
    return new Key(CheckCommand.display(root, src.path()).replace('\\', '/'), f.ruleId(), names.at(f.start()),
        fingerprint(lineText(src.text(), f.start())));
  }

  /** The text of the line that holds {@code offset}, trimmed and with each run of spaces as one. */
  static String lineText(String text, int offset) {
    int at = Math.min(Math.max(0, offset), text.length());
    int start = text.lastIndexOf('\n', at - 1) + 1;
    int end = text.indexOf('\n', at);
    String line = text.substring(start, end < 0 ? text.length() : end);
    return line.strip().replaceAll("\\s+", " ");
  }

  /** The first 16 hex digits of the SHA-256 of the normalised line. */
  static String fingerprint(String normalisedLine) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(normalisedLine.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java", e);
    }
  }

  /** Writes the baseline as JSON (sorted, so that it diffs well under version control). */
  void write(Path file) throws IOException {
    JsonObject doc = new JsonObject();
    doc.addProperty("ftlsBaseline", VERSION);
    JsonArray items = new JsonArray();
    for (Map.Entry<Key, Integer> e : counts.entrySet()) {
      JsonObject o = new JsonObject();
      o.addProperty("file", e.getKey().file());
      o.addProperty("rule", e.getKey().rule());
      o.addProperty("function", e.getKey().function());
      o.addProperty("fingerprint", e.getKey().fingerprint());
      o.addProperty("count", e.getValue());
      items.add(o);
    }
    doc.add("findings", items);
    Files.writeString(file, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(doc) + "\n",
        StandardCharsets.UTF_8);
  }

  /** Reads a baseline {@link #write} wrote. */
  static Baseline read(Path file) throws Unusable {
    JsonElement doc;
    try {
      doc = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new Unusable("cannot be read (" + dev.ftls.core.source.IoReason.of(e) + ")");
    } catch (RuntimeException e) {
      throw new Unusable("is not JSON");
    }
    if (!doc.isJsonObject() || !doc.getAsJsonObject().has("ftlsBaseline")
        || !doc.getAsJsonObject().has("findings") || !doc.getAsJsonObject().get("findings").isJsonArray()) {
      throw new Unusable("is not an ftls baseline (written by --write-baseline)");
    }
    JsonObject o = doc.getAsJsonObject();
    if (!o.get("ftlsBaseline").isJsonPrimitive() || o.get("ftlsBaseline").getAsDouble() != VERSION) {
      throw new Unusable("has baseline version " + o.get("ftlsBaseline") + "; this ftls reads version " + VERSION);
    }
    Map<Key, Integer> counts = new TreeMap<>();
    int i = 0;
    for (JsonElement e : o.getAsJsonArray("findings")) {
      i++;
      try {
        JsonObject f = e.getAsJsonObject();
        Key k = new Key(f.get("file").getAsString(), f.get("rule").getAsString(),
            f.get("function").getAsString(), f.get("fingerprint").getAsString());
        int count = f.has("count") ? f.get("count").getAsInt() : 1;
        if (count < 1) {
          throw new IllegalArgumentException("count");
        }
        counts.merge(k, count, Integer::sum);
      } catch (RuntimeException bad) {
        throw new Unusable("finding " + i + " needs file, rule, function and fingerprint as strings"
            + " and a positive count");
      }
    }
    return new Baseline(counts);
  }
}
