package dev.ftls.core.kb;

import java.util.Collection;
import java.util.Optional;

/** The C API facts ftls knows, loaded once from the generated JSON resource. */
public interface KnowledgeBase {
  Optional<ApiEntry> get(String name);

  /** Whether the data says the function returns a new (strong) reference. */
  default boolean returnsNewReference(String name) {
    return get(name).map(e -> "new".equals(e.returns())).orElse(false);
  }

  Collection<ApiEntry> all();

  /** The knowledge base shipped in the jar, loaded on first use and then shared. */
  static KnowledgeBase builtin() {
    return JsonKnowledgeBase.builtin();
  }
}
