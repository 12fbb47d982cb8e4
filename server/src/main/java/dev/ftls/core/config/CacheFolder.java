package dev.ftls.core.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * The user's cache folder for what ftls keeps between runs (the project index, the header layers;
 * the launcher keeps its class-data archive there too): {@code $FTLS_CACHE_DIR}, else
 * {@code $XDG_CACHE_HOME/ftls}, else {@code ~/.cache/ftls}; only absolute paths count.
 */
public final class CacheFolder {
  private CacheFolder() {}

  /** The cache folder the environment names, or null when it names none. */
  public static Path of(Map<String, String> env) {
    String own = env.get("FTLS_CACHE_DIR");
    if (own != null && !own.isBlank() && Path.of(own).isAbsolute()) {
      return Path.of(own);
    }
    String xdg = env.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg).resolve("ftls");
    }
    String home = env.get("HOME");
    if (home != null && !home.isBlank() && Path.of(home).isAbsolute()) {
      return Path.of(home).resolve(".cache").resolve("ftls");
    }
    return null;
  }
}
