package dev.ftls.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.core.rules.Rule;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.RuleRegistry;
import dev.ftls.kbgen.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every rule class is registered, documented with the fixed headings, and has fixtures. */
class RuleRegistryTest {
  private static final Path ROOT = RepoRoot.find();

  @Test
  void everyRuleClassIsRegistered() throws IOException {
    Set<String> registered = new HashSet<>();
    for (Rule r : RuleRegistry.all()) {
      registered.add(r.getClass().getSimpleName());
    }
    List<String> missing = new ArrayList<>();
    try (Stream<Path> s = Files.list(ROOT.resolve("server/src/main/java/dev/ftls/core/rules/builtin"))) {
      for (Path p : s.toList()) {
        String cls = p.getFileName().toString().replace(".java", "");
        String src = Files.readString(p);
        if (src.contains("implements Rule") && !registered.contains(cls)) {
          missing.add("new " + cls + "(),");
        }
      }
    }
    assertEquals(List.of(), missing, "add these lines to RuleRegistry.RULES");
  }

  @Test
  void idsAndNamesAreWellFormedAndUnique() {
    Set<String> ids = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (RuleMeta m : RuleRegistry.metas()) {
      assertTrue(m.id().matches("FT\\d{3}"), m.id() + " is not of the form FTnnn");
      assertTrue(m.name().matches("[a-z0-9]+(-[a-z0-9]+)*"), m.name() + " is not kebab-case");
      assertTrue(ids.add(m.id()), "duplicate id " + m.id());
      assertTrue(names.add(m.name()), "duplicate name " + m.name());
    }
  }

  @Test
  void everyRuleHasAllDocHeadings() {
    List<String> problems = new ArrayList<>();
    for (RuleMeta m : RuleRegistry.metas()) {
      for (String h : RuleMeta.requiredDocHeadings()) {
        if (!m.docs().contains("\n" + h + "\n")) {
          problems.add(m.id() + " lacks '" + h + "'");
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void everyRuleHasPositiveAndNegativeFixtures() throws IOException {
    List<String> problems = new ArrayList<>();
    for (RuleMeta m : RuleRegistry.metas()) {
      Path dir = ROOT.resolve("test-workspaces/rules/" + m.id());
      if (!Files.isDirectory(dir)) {
        problems.add(m.id() + ": no fixture folder test-workspaces/rules/" + m.id());
        continue;
      }
      boolean positive = false;
      boolean negative = false;
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.filter(Files::isRegularFile)
            .filter(f -> f.toString().matches(".*\\.(c|h|cc|cpp|cxx|hpp)$"))
            .filter(f -> !f.getFileName().toString().contains(".fixed.")).toList()) {
          String text = Files.readString(p);
          boolean expects = text.contains("expect: " + m.id()) || text.contains("expect-next-line: " + m.id())
              || text.matches("(?s).*\\^+ " + m.id() + ".*");
          positive |= expects;
          negative |= !expects;
        }
      }
      if (!positive) {
        problems.add(m.id() + ": no fixture expects a finding");
      }
      if (!negative) {
        problems.add(m.id() + ": no negative fixture (a file where the rule must stay quiet)");
      }
    }
    assertEquals(List.of(), problems);
  }

  /**
   * A rule with fixes has fix goldens among its fixtures (the fixture test proves they are what the
   * fixes give, the compile test that they compile); a rule without says why in its Fix section.
   */
  @Test
  void fixesHaveGoldensAndRulesWithoutSayWhy() throws IOException {
    List<String> problems = new ArrayList<>();
    for (RuleMeta m : RuleRegistry.metas()) {
      String docs = m.docs();
      int at = docs.indexOf("## Fix\n");
      String fix = at < 0 ? "" : docs.substring(at + 7, docs.indexOf("\n## ", at + 7) < 0 ? docs.length()
          : docs.indexOf("\n## ", at + 7)).strip();
      long goldens;
      try (Stream<Path> s = Files.walk(ROOT.resolve("test-workspaces/rules/" + m.id()))) {
        goldens = s.filter(p -> p.getFileName().toString().contains(".fixed.")).count();
      }
      if (m.hasFix() && goldens == 0) {
        problems.add(m.id() + ": has fixes but no .fixed / .unsafe.fixed golden among its fixtures");
      }
      if (!m.hasFix() && goldens > 0) {
        problems.add(m.id() + ": says it has no fixes, yet " + goldens + " golden(s) exist");
      }
      boolean saysNone = fix.startsWith("None") || fix.startsWith("No automatic fix");
      if (!m.hasFix() && !(saysNone && fix.contains(":") && fix.length() > 40)) {
        problems.add(m.id() + ": no fix, and its Fix section does not say why: " + fix);
      }
    }
    assertEquals(List.of(), problems);
  }
}
