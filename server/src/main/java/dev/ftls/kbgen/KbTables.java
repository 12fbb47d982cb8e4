package dev.ftls.kbgen;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.util.List;
import java.util.Map;

/** ftls' own tables in kb-data: replacements.json (borrowed APIs, stolen args) and ftapi.json. */
public record KbTables(
    List<BorrowedRow> borrowed, Map<String, List<String>> steals, List<FtApiRow> ftapi, List<RemovalRow> removals) {
  public static final String REPLACEMENTS_FILE = "replacements.json";
  public static final String FTAPI_FILE = "ftapi.json";

  /**
   * A decision about an API that hands out borrowed references. {@code kind} and {@code returns}
   * override what the .dat files say (null: keep theirs); {@code reason} says why it is or is not a
   * hazard; {@code note} is about switching to the replacement.
   */
  public record BorrowedRow(
      String name,
      String kind,
      String returns,
      Boolean hazard,
      String replacement,
      String since,
      String reason,
      String note,
      Boolean compat,
      String removed) {}

  /** A free-threading API: kind, the version that added it (null: always there) and a note. */
  public record FtApiRow(String name, String kind, String since, String note) {}

  /**
   * A name CPython removed that is not a borrowed-reference API (those carry {@code removed} in
   * their own row): the version that removed it, what to use instead (the version that added it,
   * whether pythoncapi_compat.h provides it), a note in ftls' words and the source of the fact.
   */
  public record RemovalRow(
      String name, String removed, String replacement, String since, Boolean compat, String note, String source) {}

  record ReplacementsFile(List<BorrowedRow> entries, StealsTable steals, RemovalsTable removals) {}

  record RemovalsTable(List<RemovalRow> entries) {}

  record StealsTable(Map<String, List<String>> entries) {}

  record FtApiFile(List<FtApiRow> entries) {}

  /** Reads both tables from their JSON text; fails with the file name on malformed JSON. */
  public static KbTables parse(String replacementsJson, String ftapiJson) {
    Gson gson = new Gson();
    ReplacementsFile replacements = read(gson, replacementsJson, ReplacementsFile.class, REPLACEMENTS_FILE);
    FtApiFile ftapi = read(gson, ftapiJson, FtApiFile.class, FTAPI_FILE);
    return new KbTables(
        replacements.entries() == null ? List.of() : replacements.entries(),
        replacements.steals() == null || replacements.steals().entries() == null
            ? Map.of()
            : replacements.steals().entries(),
        ftapi.entries() == null ? List.of() : ftapi.entries(),
        replacements.removals() == null || replacements.removals().entries() == null
            ? List.of()
            : replacements.removals().entries());
  }

  private static <T> T read(Gson gson, String json, Class<T> type, String file) {
    try {
      T value = gson.fromJson(json, type);
      if (value == null) {
        throw new IllegalArgumentException(file + ": empty file");
      }
      return value;
    } catch (JsonParseException e) {
      throw new IllegalArgumentException(file + ": malformed JSON: " + e.getMessage(), e);
    }
  }
}
