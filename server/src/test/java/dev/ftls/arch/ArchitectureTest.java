package dev.ftls.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ftls.kbgen.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers stay apart. Invariant 1: core never imports LSP4J; protocol types live only at the
 * edge (lsp/, cli/). And inside core: the semantic model (semantic/) and the project index
 * (index/) know nothing of the rules, and the fix engine with its planners (fix/) knows the
 * rules' findings but no built-in rule.
 */
class ArchitectureTest {
  @Test
  void coreDoesNotImportLsp4j() throws IOException {
    assertNoReference("core", "org.eclipse.lsp4j", "dev.ftls.lsp.", "dev.ftls.cli.");
  }

  @Test
  void theSemanticModelAndTheIndexDoNotKnowTheRules() throws IOException {
    assertNoReference("core/semantic", "dev.ftls.core.rules");
    assertNoReference("core/index", "dev.ftls.core.rules");
  }

  @Test
  void theFixPlannersDoNotKnowTheBuiltInRules() throws IOException {
    assertNoReference("core/fix", "dev.ftls.core.rules.builtin");
  }

  private static void assertNoReference(String folder, String... forbidden) throws IOException {
    Path root = RepoRoot.find().resolve("server/src/main/java/dev/ftls").resolve(folder);
    List<String> offenders = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(p -> p.toString().endsWith(".java")).toList();
    }
    assertFalse(files.isEmpty(), "no sources found under " + root);
    for (Path p : files) {
      List<String> lines = Files.readAllLines(p);
      for (int i = 0; i < lines.size(); i++) {
        for (String f : forbidden) {
          if (lines.get(i).contains(f)) {
            offenders.add(root.relativize(p) + ":" + (i + 1) + ": " + lines.get(i).strip());
          }
        }
      }
    }
    assertEquals(List.of(), offenders, folder + " must not depend on " + String.join(", ", forbidden));
  }
}
