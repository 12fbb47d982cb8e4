package dev.ftls.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.cli.CheckCommand;
import dev.ftls.kbgen.RepoRoot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `ftls check --format sarif` over every test workspace validates as SARIF 2.1.0. */
class CliSarifOutputTest {
  @Test
  void checkOfAllWorkspacesIsValidSarif() throws Exception {
    SarifSchemaTest.loadSchema();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new CheckCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), RepoRoot.find())
        .run(List.of("--format", "sarif", "--python", "none", "test-workspaces"));
    String sarif = out.toString(StandardCharsets.UTF_8);
    assertEquals(1, code, err.toString(StandardCharsets.UTF_8));
    assertTrue(sarif.contains("\"uri\": \"test-workspaces/demo/spam.c\""), sarif);
    assertEquals(java.util.Set.of(), SarifSchemaTest.validate(sarif));
  }
}
