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

/** Invariant 1: core never imports LSP4J; protocol types live only at the edge (lsp/). */
class ArchitectureTest {
  @Test
  void coreDoesNotImportLsp4j() throws IOException {
    Path core = RepoRoot.find().resolve("server/src/main/java/dev/ftls/core");
    List<String> offenders = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(core)) {
      files = s.filter(p -> p.toString().endsWith(".java")).toList();
    }
    assertFalse(files.isEmpty(), "no core sources found under " + core);
    for (Path p : files) {
      List<String> lines = Files.readAllLines(p);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains("org.eclipse.lsp4j") || lines.get(i).contains("dev.ftls.lsp.")
            || lines.get(i).contains("dev.ftls.cli.")) {
          offenders.add(core.relativize(p) + ":" + (i + 1) + ": " + lines.get(i).strip());
        }
      }
    }
    assertEquals(List.of(), offenders, "core must not depend on the protocol or CLI layers");
  }
}
