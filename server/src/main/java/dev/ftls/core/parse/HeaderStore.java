package dev.ftls.core.parse;

import com.google.gson.Gson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The header layers ({@link HeaderLayers}) on disk between runs: one JSON file per layer key in
 * the folder {@code headers} of the user's cache folder (the one of the project index and of the
 * launcher's class-data archive), named after the key and this build of ftls. A file is used only
 * when it names exactly the same key and build, is complete, and every header it read and every
 * folder its includes were looked up in is unchanged on disk (a header added to an include folder
 * changes the folder); anything else (missing, truncated, corrupt, unreadable, another build's) is
 * read again from the headers. Files are written whole under a temporary name, then renamed.
 */
final class HeaderStore {
  /** The layout of the files; a change makes every older file another build's. */
  static final int FORMAT = 2;
  private static final long MAX_BYTES = 64L << 20;
  private static final Gson GSON = new Gson();

  /** Files a folder keeps at most; the least recently written go first (every edit of a file's includes makes one). */
  static final int MAX_FILES = 2000;

  private final Path dir;
  private final String build;
  private final int maxFiles;
  private volatile String saveProblem;

  private HeaderStore(Path dir, String build, int maxFiles) {
    this.dir = dir;
    this.build = build;
    this.maxFiles = maxFiles;
  }

  /** The store in {@code folder} (the cache folder's {@code headers}). */
  static HeaderStore in(Path folder) {
    return new HeaderStore(folder, thisBuild(), MAX_FILES);
  }

  /** A store that takes this build to be {@code build} (for tests of another build's files). */
  static HeaderStore in(Path folder, String build) {
    return new HeaderStore(folder, build, MAX_FILES);
  }

  /** A store that keeps at most {@code maxFiles} files (for tests of the bound). */
  static HeaderStore in(Path folder, int maxFiles) {
    return new HeaderStore(folder, thisBuild(), maxFiles);
  }

  Path folder() {
    return dir;
  }

  /** Why the last save failed, or null (the layers are still kept in memory). */
  String saveProblem() {
    return saveProblem;
  }

  /** A layer as stored: what {@link HeaderLayers} keeps, and the folders whose contents it depends on. */
  record Stored(Set<String> mentioned, Set<String> assumedUsed, HeaderFacts facts, List<Preamble.HeaderStamp> folders,
      List<String> quoteDirs, List<String> searchDirs) {}

  private record LayerJson(List<String> mentioned, List<String> assumedUsed, List<String> macroNames,
      List<String> macroValues, List<String> undefined, List<String> named, List<String> tested, List<String> declared,
      List<Preamble.HeaderStamp> stamps, List<SkippedInclude> skipped, Boolean python, List<String> headerWords,
      List<Preamble.HeaderStamp> folders, List<String> lookedUp, List<String> quoteDirs, List<String> searchDirs) {}

  private record FileJson(Integer format, String build, String key, List<LayerJson> layers) {}

  /** The stored layers of a key whose headers and folders are unchanged; empty when there are none to trust. */
  List<Stored> load(String key) {
    Path file = fileOf(key);
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
        return List.of();
      }
      FileJson f = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), FileJson.class);
      if (f == null || f.format == null || f.format != FORMAT || !build.equals(f.build) || !key.equals(f.key)
          || !noNulls(f.layers)) {
        return List.of();
      }
      List<Stored> out = new ArrayList<>();
      for (LayerJson l : f.layers) {
        Stored s = stored(l);
        if (s == null) {
          return List.of(); // not written by this code: trust none of it
        }
        if (s.facts.isFresh() && unchanged(s.folders)) {
          out.add(s);
        }
      }
      return out;
    } catch (IOException | RuntimeException e) { // unreadable or not what this code writes: read the headers
      return List.of();
    }
  }

  /** Writes the layers of a key; a failure is remembered ({@link #saveProblem}) and costs only time. */
  void save(String key, List<Stored> layers) {
    List<LayerJson> json = new ArrayList<>();
    for (Stored s : layers) {
      HeaderFacts h = s.facts;
      json.add(new LayerJson(List.copyOf(s.mentioned), List.copyOf(s.assumedUsed), new ArrayList<>(h.macros.keySet()),
          new ArrayList<>(h.macros.values()), List.copyOf(h.undefined), List.copyOf(h.named), List.copyOf(h.tested),
          List.copyOf(h.declared), h.stamps, h.skipped, h.python, List.copyOf(h.mentioned), s.folders,
          List.copyOf(h.lookedUp), s.quoteDirs, s.searchDirs));
    }
    FileJson file = new FileJson(FORMAT, build, key, json);
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".layer-", ".tmp");
      try {
        try (java.io.Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
          GSON.toJson(file, out); // written as it is made: no copy of the whole text in memory
        }
        try {
          Files.move(tmp, fileOf(key), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, fileOf(key), StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
      saveProblem = null;
      pruneOtherBuilds();
      pruneOldest();
    } catch (IOException | SecurityException | UnsupportedOperationException | com.google.gson.JsonIOException e) {
      saveProblem = "the header cache could not be saved in " + dir + ": " + e.getMessage();
    }
  }

  /**
   * The folders a layer's reading depends on beyond the headers it read: those of its include
   * paths and those holding the headers read, stamped now (a header added there changes them).
   */
  static List<Preamble.HeaderStamp> folders(Collection<String> includeDirs, HeaderFacts facts) {
    Set<String> dirs = new TreeSet<>(includeDirs);
    for (Preamble.HeaderStamp s : facts.stamps) {
      Path parent = Path.of(s.path()).getParent();
      if (parent != null) {
        dirs.add(parent.toString());
      }
    }
    List<Preamble.HeaderStamp> out = new ArrayList<>();
    for (String d : dirs) {
      out.add(new Preamble.HeaderStamp(d, Preamble.mtime(d)));
    }
    return out;
  }

  private static boolean unchanged(List<Preamble.HeaderStamp> stamps) {
    for (Preamble.HeaderStamp s : stamps) {
      if (Preamble.mtime(s.path()) != s.mtime()) {
        return false;
      }
    }
    return true;
  }

  /** The layer of a stored one, or null when something it must have is missing. */
  private static Stored stored(LayerJson l) {
    if (l == null || l.python == null || !noNulls(l.mentioned) || !noNulls(l.assumedUsed) || !noNulls(l.macroNames)
        || l.macroValues == null || l.macroValues.size() != l.macroNames.size() || !noNulls(l.undefined)
        || !noNulls(l.named) || !noNulls(l.tested) || !noNulls(l.declared) || !noNulls(l.headerWords)
        || !stamps(l.stamps) || !stamps(l.folders) || !noNulls(l.skipped) || !noNulls(l.lookedUp)
        || !noNulls(l.quoteDirs) || !noNulls(l.searchDirs)
        || l.skipped.stream().anyMatch(s -> s.written() == null || s.reason() == null)) {
      return null;
    }
    Map<String, String> macros = new LinkedHashMap<>();
    for (int i = 0; i < l.macroNames.size(); i++) {
      macros.put(l.macroNames.get(i), l.macroValues.get(i));
    }
    HeaderFacts facts = HeaderFacts.stored(macros, new LinkedHashSet<>(l.undefined), Set.copyOf(l.named),
        Set.copyOf(l.tested), Set.copyOf(l.declared), l.stamps, l.skipped, l.python, Set.copyOf(l.headerWords),
        Set.copyOf(l.lookedUp));
    return new Stored(Set.copyOf(l.mentioned), new TreeSet<>(l.assumedUsed), facts, List.copyOf(l.folders),
        List.copyOf(l.quoteDirs), List.copyOf(l.searchDirs));
  }

  private static boolean stamps(List<Preamble.HeaderStamp> stamps) {
    return noNulls(stamps) && stamps.stream().allMatch(s -> s.path() != null);
  }

  private static boolean noNulls(List<?> list) {
    return list != null && list.stream().allMatch(Objects::nonNull);
  }

  private Path fileOf(String key) {
    return dir.resolve(hash(build).substring(0, 8) + "-" + hash(build + "\n" + key) + ".json");
  }

  /**
   * Deletes the files of other builds (once per store), as the launcher replaces its class-data
   * archive: a rebuilt or upgraded ftls never reads them, so they would only fill the disk.
   */
  private void pruneOtherBuilds() {
    if (pruned) {
      return;
    }
    pruned = true;
    String ours = hash(build).substring(0, 8) + "-";
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".json") && !name.startsWith(ours)) {
          Files.deleteIfExists(f);
        }
      }
    } catch (IOException | SecurityException | java.io.UncheckedIOException e) {
      // only disk space is lost
    }
  }

  private volatile boolean pruned;

  /** Deletes the least recently written files past {@link #maxFiles}, so that the folder stays bounded. */
  private void pruneOldest() {
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      List<Path> all = files.filter(f -> f.getFileName().toString().endsWith(".json")).toList();
      if (all.size() <= maxFiles) {
        return;
      }
      Map<Path, Long> written = new java.util.HashMap<>();
      for (Path f : all) {
        written.put(f, Files.getLastModifiedTime(f).toMillis());
      }
      List<Path> oldestFirst = new ArrayList<>(all);
      oldestFirst.sort(java.util.Comparator.comparing(written::get));
      for (Path f : oldestFirst.subList(0, all.size() - maxFiles)) {
        Files.deleteIfExists(f);
      }
    } catch (IOException | SecurityException | java.io.UncheckedIOException e) {
      // the folder only stays larger
    }
  }

  /**
   * This build of ftls: its version and the jar its classes come from (size and time), so that a
   * rebuilt jar never trusts what another one harvested; "classes" when they do not come from a jar.
   */
  private static String thisBuild() {
    String version = HeaderStore.class.getPackage().getImplementationVersion();
    String where = "classes";
    try {
      Path jar = Path.of(HeaderStore.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(jar)) {
        where = Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis();
      }
    } catch (Exception e) {
      where = "unknown";
    }
    return "ftls " + (version == null ? "dev" : version) + " " + where + " format " + FORMAT;
  }

  private static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 16; i++) {
        sb.append(String.format("%02x", d[i]));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
