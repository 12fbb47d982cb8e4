package dev.ftls.core.kb;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link KnowledgeBase} read from the generated {@code capi.json} (see KbGenerator). */
public final class JsonKnowledgeBase implements KnowledgeBase {
  /** Classpath location of the generated knowledge base. */
  public static final String RESOURCE = "/dev/ftls/kb/capi.json";

  private final Map<String, ApiEntry> entries;

  private JsonKnowledgeBase(Map<String, ApiEntry> entries) {
    this.entries = Collections.unmodifiableMap(entries);
  }

  /** The file's top level: a format number and the entries, sorted by name. */
  record KbFile(int format, List<ApiEntry> entries) {}

  /** Reads a knowledge base in capi.json form; fails with a message on malformed input. */
  public static JsonKnowledgeBase read(Reader json) {
    KbFile file;
    try {
      file = new Gson().fromJson(json, KbFile.class);
    } catch (JsonParseException e) {
      throw new IllegalArgumentException("malformed knowledge base JSON: " + e.getMessage(), e);
    }
    if (file == null || file.entries() == null) {
      throw new IllegalArgumentException("knowledge base JSON has no \"entries\" array");
    }
    Map<String, ApiEntry> byName = new LinkedHashMap<>();
    for (ApiEntry entry : file.entries()) {
      if (entry == null || entry.name() == null) {
        throw new IllegalArgumentException("knowledge base entry without a name");
      }
      if (byName.putIfAbsent(entry.name(), entry) != null) {
        throw new IllegalArgumentException("duplicate knowledge base entry " + entry.name());
      }
    }
    return new JsonKnowledgeBase(byName);
  }

  /** The knowledge base shipped as a classpath resource, loaded once. */
  public static JsonKnowledgeBase builtin() {
    return Holder.INSTANCE;
  }

  private static final class Holder {
    static final JsonKnowledgeBase INSTANCE = load();

    private static JsonKnowledgeBase load() {
      InputStream in = JsonKnowledgeBase.class.getResourceAsStream(RESOURCE);
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        return read(reader);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public Optional<ApiEntry> get(String name) {
    return Optional.ofNullable(name == null ? null : entries.get(name));
  }

  @Override
  public Collection<ApiEntry> all() {
    return entries.values();
  }
}
