package dev.ftls.core.hover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.core.kb.ApiEntry;
import dev.ftls.core.kb.KnowledgeBase;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.kbgen.RepoRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hover text against goldens in src/test/resources/hover/. Regenerate them with
 * {@code mvn -q -pl server test -Dtest=HoverGoldenTest -Dftls.regenerate=true}.
 */
class HoverGoldenTest {
  static final String GOLDEN_DIR = "server/src/test/resources/hover";
  static final String REGENERATE =
      "mvn -q -pl server test -Dtest=HoverGoldenTest -Dftls.regenerate=true";

  /** Stand-in rules; the real ones live with the lead's rule classes. */
  static final RuleMeta BORROWED =
      new RuleMeta(
          "FT101",
          "borrowed-from-shared-container",
          Severity.WARNING,
          "Borrowed reference from a container other threads can modify",
          """
          ## What it flags
          Calls that return a borrowed reference into a list, dict or weakref that
          another thread may change while the reference is in use.

          ## Why it matters without the GIL
          Another thread can drop the last reference.
          """,
          true);

  static final RuleMeta UNPAIRED =
      new RuleMeta(
          "FT401",
          "unpaired-critical-section",
          Severity.ERROR,
          "Critical section begin without its end in the same block",
          "## What it flags\nA begin macro whose end macro is missing.\n",
          false);

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("PyList_GetItem", List.of(BORROWED), true, "PyList_GetItem.md"),
        Arguments.of("PyList_GetItem", List.of(BORROWED), false, "PyList_GetItem.txt"),
        Arguments.of("PyDict_GetItemRef", List.of(), true, "PyDict_GetItemRef.md"),
        Arguments.of(
            "Py_BEGIN_CRITICAL_SECTION", List.of(UNPAIRED), true, "Py_BEGIN_CRITICAL_SECTION.md"),
        Arguments.of("PyMutex_Lock", List.of(), true, "PyMutex_Lock.md"),
        Arguments.of("PyTuple_GetItem", List.of(), true, "PyTuple_GetItem.md"),
        Arguments.of("PyTuple_SetItem", List.of(), false, "PyTuple_SetItem.txt"));
  }

  @ParameterizedTest(name = "{3}")
  @MethodSource("cases")
  void entryHoverMatchesGolden(String name, List<RuleMeta> rules, boolean markdown, String golden)
      throws Exception {
    ApiEntry entry = KnowledgeBase.builtin().get(name).orElseThrow();
    check(golden, HoverRenderer.render(entry, rules, markdown));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("ruleCases")
  void ruleHoverMatchesGolden(boolean markdown, String golden) throws Exception {
    check(golden, HoverRenderer.renderRule(BORROWED, markdown));
  }

  static Stream<Arguments> ruleCases() {
    return Stream.of(Arguments.of(true, "rule-FT101.md"), Arguments.of(false, "rule-FT101.txt"));
  }

  private static void check(String golden, String actual) throws Exception {
    Path file = RepoRoot.find().resolve(GOLDEN_DIR).resolve(golden);
    if (Boolean.getBoolean("ftls.regenerate")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(file), golden + " is missing; create it with: " + REGENERATE);
    assertEquals(
        Files.readString(file, StandardCharsets.UTF_8),
        actual,
        golden + " differs; if the change is intended, regenerate with: " + REGENERATE);
  }
}
