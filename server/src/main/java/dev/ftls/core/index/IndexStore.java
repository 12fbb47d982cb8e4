package dev.ftls.core.index;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where the project index lives between runs, as clangd keeps its background index: one JSON shard
 * per source file, under the user's cache folder (never in the workspace), in a folder per
 * workspace root. A shard is used only when its stamp matches the file's current text and compile
 * settings; a missing, stale, unreadable or malformed shard is simply computed again. The cache
 * folder is {@link dev.ftls.core.config.CacheFolder}'s.
 */
public final class IndexStore {
  private static final Gson GSON = new Gson();
  private static final long MAX_SHARD_BYTES = 16L << 20;

  private final Path dir;

  private IndexStore(Path dir) {
    this.dir = dir;
  }

  /** The store of a workspace root in the cache folder the environment names; null when there is none. */
  public static IndexStore forWorkspace(Path root, Map<String, String> env) {
    Path cache = cacheFolder(env);
    return cache == null ? null : new IndexStore(cache.resolve("index").resolve(hash(root.toAbsolutePath().normalize().toString(), 16)));
  }

  /** A store in exactly this folder (for tests). */
  public static IndexStore at(Path dir) {
    return new IndexStore(dir);
  }

  static Path cacheFolder(Map<String, String> env) {
    return dev.ftls.core.config.CacheFolder.of(env);
  }

  public Path folder() {
    return dir;
  }

  /** The stored summary of a file when it was made from the same text and settings, else null. */
  public FileSummary load(Path file, String stamp) {
    Path shard = shardOf(file);
    try {
      if (!Files.isRegularFile(shard) || Files.size(shard) > MAX_SHARD_BYTES) {
        return null;
      }
      FileSummary s = GSON.fromJson(Files.readString(shard, StandardCharsets.UTF_8), FileSummary.class);
      if (s == null || s.format() != FileSummary.FORMAT || !stamp.equals(s.stamp())
          || !file.toString().equals(s.path()) || !complete(s)) {
        return null;
      }
      return s;
    } catch (IOException | JsonParseException | IllegalStateException e) {
      return null; // computed again
    }
  }

  /** Whether every list and name a stored summary must have is there (JSON may leave any out). */
  private static boolean complete(FileSummary s) {
    if (!noNulls(s.functions()) || !noNulls(s.valueUses()) || !noNulls(s.multiPhaseDefs()) || !noNulls(s.globals())
        || s.globals().stream().anyMatch(g -> g.name() == null)) {
      return false;
    }
    for (FunctionSummary f : s.functions()) {
      if (f.name() == null || !noNulls(f.calls()) || !noNulls(f.globalWrites())
          || f.calls().stream().anyMatch(c -> c.name() == null)) {
        return false;
      }
    }
    return true;
  }

  private static boolean noNulls(List<?> list) {
    return list != null && list.stream().allMatch(Objects::nonNull);
  }

  /** Saves a summary; returns the reason when it could not be written (the index still has it in memory). */
  public String save(FileSummary s) {
    Path shard = shardOf(Path.of(s.path()));
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".shard-", ".tmp");
      try {
        Files.writeString(tmp, GSON.toJson(s), StandardCharsets.UTF_8);
        try {
          Files.move(tmp, shard, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, shard, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
      return null;
    } catch (IOException | SecurityException e) {
      return "the project index could not be saved in " + dir + ": " + e.getMessage();
    }
  }

  private Path shardOf(Path file) {
    return dir.resolve(hash(file.toString(), 24) + ".json");
  }

  private static String hash(String s, int hexChars) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder();
      for (byte b : d) {
        sb.append(String.format("%02x", b));
      }
      return sb.substring(0, hexChars);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
