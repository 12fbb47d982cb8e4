package dev.ftls.kbgen;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.ftls.core.kb.ApiEntry;
import java.util.List;

/**
 * Writes entries as capi.json: one entry per line (diffs show which names changed), fields in a
 * fixed order, absent facts left out, "\n" line ends.
 */
public final class KbJson {
  public static final int FORMAT = 1;
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private KbJson() {}

  public static String write(List<ApiEntry> entries) {
    StringBuilder out = new StringBuilder();
    out.append("{\n\"format\": ").append(FORMAT).append(",\n\"entries\": [\n");
    for (int i = 0; i < entries.size(); i++) {
      out.append(GSON.toJson(toJson(entries.get(i))));
      out.append(i + 1 < entries.size() ? ",\n" : "\n");
    }
    return out.append("]\n}\n").toString();
  }

  private static JsonObject toJson(ApiEntry e) {
    JsonObject o = new JsonObject();
    put(o, "name", e.name());
    put(o, "kind", e.kind());
    put(o, "returns", e.returns());
    put(o, "threadSafety", e.threadSafety());
    put(o, "stableAbiSince", e.stableAbiSince());
    put(o, "since", e.since());
    if (e.hazard()) {
      o.addProperty("hazard", true);
    }
    put(o, "note", e.note());
    put(o, "removed", e.removed());
    if (e.replacement() != null) {
      JsonObject r = new JsonObject();
      put(r, "name", e.replacement().name());
      put(r, "since", e.replacement().since());
      put(r, "note", e.replacement().note());
      if (e.replacement().compat()) {
        r.addProperty("compat", true);
      }
      o.add("replacement", r);
    }
    if (!e.params().isEmpty()) {
      JsonArray params = new JsonArray();
      for (ApiEntry.Param p : e.params()) {
        JsonObject j = new JsonObject();
        put(j, "name", p.name());
        put(j, "type", p.type());
        put(j, "refEffect", p.refEffect());
        if (p.stolen()) {
          j.addProperty("stolen", true);
        }
        params.add(j);
      }
      o.add("params", params);
    }
    return o;
  }

  private static void put(JsonObject o, String key, String value) {
    if (value != null) {
      o.addProperty(key, value);
    }
  }
}
