package dev.ftls.core.config;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.nio.file.InvalidPathException;
import java.nio.file.Paths;

/**
 * One bad configuration value, in the single form every output shows:
 * {@code <source>: <key>: <what is wrong>; <what was expected>; ignored}. The value is left out and
 * everything else goes on.
 */
public final class ConfigProblem {
  private ConfigProblem() {}

  public static String of(String source, String key, String wrong, String expected) {
    return source + ": " + key + ": " + wrong + "; " + expected + "; ignored";
  }

  /**
   * "found a table", "found the number 5", ... for a value of the wrong type. {@code toml} names
   * objects tables, as pyproject.toml does.
   */
  public static String found(JsonElement v, boolean toml) {
    return "found " + kind(v, toml);
  }

  /** The type of a value in words, with the value itself when it is short. */
  public static String kind(JsonElement v, boolean toml) {
    if (v == null || v.isJsonNull()) {
      return "null";
    }
    if (v.isJsonObject()) {
      return toml ? "a table" : "an object";
    }
    if (v.isJsonArray()) {
      return v.getAsJsonArray().isEmpty() ? "an empty array" : "an array";
    }
    JsonPrimitive p = v.getAsJsonPrimitive();
    if (p.isBoolean()) {
      return p.getAsBoolean() ? "true" : "false";
    }
    if (p.isNumber()) {
      return "the number " + shorten(p.getAsString());
    }
    return "the string " + quote(p.getAsString());
  }

  /** A value in double quotes, shortened and with control characters made visible. */
  public static String quote(String text) {
    StringBuilder sb = new StringBuilder("\"");
    String t = shorten(text);
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        sb.append(String.format("\\u%04x", (int) c));
      } else if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  private static String shorten(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }

  /** What went wrong reading a configuration file, e.g. "is not UTF-8 text". */
  public static String unreadable(java.io.IOException e) {
    if (e instanceof java.nio.charset.CharacterCodingException) {
      return "is not UTF-8 text";
    }
    return "cannot be read (" + (e instanceof java.nio.file.AccessDeniedException ? "permission denied"
        : e instanceof java.nio.file.NoSuchFileException ? "it no longer exists" : e.getMessage()) + ")";
  }

  /**
   * Why a text is not a usable path on this system (a NUL character, say), or null when it is one.
   */
  public static String invalidPath(String text) {
    try {
      Paths.get(text);
      return null;
    } catch (InvalidPathException e) {
      return quote(text) + " is not a valid path (" + e.getReason().toLowerCase(java.util.Locale.ROOT) + ")";
    }
  }
}
