package dev.ftls.core.kb;

import java.util.Collection;
import java.util.Optional;

/** The C API facts ftls knows, loaded once from the generated JSON resource. */
public interface KnowledgeBase {
  Optional<ApiEntry> get(String name);

  Collection<ApiEntry> all();
}
