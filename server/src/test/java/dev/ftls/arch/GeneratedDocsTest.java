package dev.ftls.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.cli.RulesCommand;
import dev.ftls.core.rules.Rule;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.RuleRegistry;
import dev.ftls.kbgen.RepoRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The rule docs under docs/rules/ and the README's rule table are generated from the rule
 * classes; this fails when a checked-in copy drifts. Regenerate with
 * {@code mvn -q -pl server test -Dtest=GeneratedDocsTest -Dftls.regenerate=true}.
 */
class GeneratedDocsTest {
  private static final String REGEN = "mvn -q -pl server test -Dtest=GeneratedDocsTest -Dftls.regenerate=true";
  private static final String BEGIN = "<!-- rules:begin (generated: " + REGEN + ") -->\n";
  private static final String END = "<!-- rules:end -->";
  private static final boolean REGENERATE = Boolean.getBoolean("ftls.regenerate");
  private static final Path ROOT = RepoRoot.find();

  @Test
  void ruleDocsMatchTheRuleClasses() throws IOException {
    for (Rule rule : RuleRegistry.all()) {
      RuleMeta m = rule.meta();
      String docs = RulesCommand.fullDocs(rule);
      Path doc = ROOT.resolve("docs/rules/" + m.id() + ".md");
      if (REGENERATE) {
        Files.createDirectories(doc.getParent());
        Files.writeString(doc, docs, StandardCharsets.UTF_8);
      }
      assertTrue(Files.exists(doc), doc + " is missing; run: " + REGEN);
      assertEquals(docs, Files.readString(doc), doc.getFileName() + " drifted; run: " + REGEN);
    }
  }

  @Test
  void readmeRuleTableMatchesTheRules() throws IOException {
    Path readme = ROOT.resolve("README.md");
    String text = Files.readString(readme);
    int b = text.indexOf(BEGIN);
    int e = text.indexOf(END);
    assertTrue(b >= 0 && e > b, "README.md needs the markers " + BEGIN.strip() + " ... " + END);
    String current = text.substring(b + BEGIN.length(), e);
    String table = RulesCommand.markdownTable();
    if (REGENERATE && !current.equals(table)) {
      Files.writeString(readme, text.substring(0, b + BEGIN.length()) + table + text.substring(e));
      return;
    }
    assertEquals(table, current, "the README rule table drifted; run: " + REGEN);
  }
}
