package dev.ftls.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.ftls.core.config.Settings;
import dev.ftls.core.config.SettingsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad compile databases and settings reach the flags as problems; the rest is used. */
class FlagsResolverTest {
  @TempDir Path root;
  private final List<String> log = new ArrayList<>();
  private final FlagsResolver resolver = new FlagsResolver(log::add);

  private static Settings noPython() {
    Settings s = new Settings();
    s.python = "none";
    return s;
  }

  /** A compile_commands.json at the root whose one entry, a.c, defines {@code name} as 1. */
  private void databaseDefining(String name) throws IOException {
    Files.writeString(root.resolve("compile_commands.json"),
        "[{\"directory\": \".\", \"file\": \"a.c\", \"arguments\": [\"cc\", \"-D" + name + "=1\", \"a.c\"]}]");
  }

  @Test
  void databaseProblemsAreCarriedOnEveryFileOnce() throws IOException {
    Files.createDirectories(root.resolve("build"));
    Files.writeString(root.resolve("build/compile_commands.json"), "[{\"directory\": [], \"file\": \"a.c\"},"
        + " {\"directory\": \"..\", \"file\": \"a.c\", \"arguments\": [\"cc\", \"-DA=2\", \"a.c\"]}]");
    String expected = "build/compile_commands.json: entry 1 (\"a.c\"): \"directory\" is an empty array;"
        + " expected \"directory\" to be a string; ignored";
    for (String name : List.of("a.c", "b.c", "a.c")) {
      CompileFlags flags = resolver.resolve(root.resolve(name), noPython(), root);
      assertEquals(List.of(expected), flags.problems, name);
      assertEquals("2", flags.defines.get("A"), name);
      assertEquals(List.of(expected), flags.copy().problems);
    }
  }

  @Test
  void aDatabaseThatIsNotAnArrayIsAProblemAndTheSettingsStillApply() throws IOException {
    Files.writeString(root.resolve("compile_commands.json"), "{\"file\": \"a.c\"}");
    Settings s = noPython();
    s.defines.add("S=1");
    assertOneProblemAndDefines(s, "compile_commands.json: the top level: found an object; expected a JSON array of"
        + " compile commands; ignored", "S");
  }

  /** a.c resolved with {@code s} has exactly {@code problem} and defines {@code name} as 1. */
  private void assertOneProblemAndDefines(Settings s, String problem, String name) {
    CompileFlags flags = resolver.resolve(root.resolve("a.c"), s, root);
    assertEquals(List.of(problem), flags.problems);
    assertEquals("1", flags.defines.get(name));
  }

  @Test
  void invalidPathsAndDefinesInSettingsAreProblemsNotExceptions() {
    Settings s = noPython();
    s.includePaths.add("in\u0000c");
    s.includePaths.add("inc");
    s.defines.add("=5");
    s.defines.add("OK");
    s.compileCommands = "db\u0000";
    CompileFlags flags = resolver.resolve(root.resolve("a.c"), s, root);
    assertEquals(List.of(root.resolve("inc").toString()), flags.includePaths);
    assertEquals("1", flags.defines.get("OK"));
    assertEquals(3, flags.problems.size(), flags.problems.toString());
    assertTrue(flags.problems.get(0).startsWith("settings: compileCommands: \"db\\u0000\" is not a valid path"), flags.problems.toString());
    assertTrue(flags.problems.get(1).startsWith("settings: includePaths: \"in\\u0000c\" is not a valid path"), flags.problems.toString());
    assertTrue(flags.problems.get(2).startsWith("settings: defines: \"=5\" does not start with a macro name"), flags.problems.toString());
  }

  @Test
  void editorSettingsWithANulStillGiveFlags() throws IOException {
    databaseDefining("DB");
    Settings s = SettingsJson.read(JsonParser.parseString(
        "{\"ftls\": {\"includePaths\": [\"a\\u0000\", \"inc\"], \"compileCommands\": \"x\\u0000\", \"python\": \"p\\u0000\"}}"));
    assertEquals(3, s.problems.size(), s.problems.toString());
    CompileFlags flags = resolver.resolve(root.resolve("a.c"), s, root);
    assertEquals("1", flags.defines.get("DB"), "the nearest database is used");
    assertTrue(flags.includePaths.contains(root.resolve("inc").toString()), flags.includePaths.toString());
  }

  @Test
  void aConfiguredDatabaseThatIsMissingIsAProblemAndTheNearestIsUsed() throws IOException {
    databaseDefining("NEAR");
    Settings s = noPython();
    s.compileCommands = "nowhere";
    assertOneProblemAndDefines(s, "settings: compileCommands: nowhere does not exist; expected the path of"
        + " compile_commands.json or of its folder; ignored", "NEAR");
  }

  @Test
  void aConfiguredPythonThatCannotRunIsAProblem() {
    Settings s = new Settings();
    s.python = root.resolve("no-such-python").toString();
    CompileFlags flags = resolver.resolve(root.resolve("a.c"), s, root);
    assertEquals(List.of("settings: python: \"" + s.python + "\" is not a program file that can be run; expected"
        + " the path of a Python interpreter, a program name found in an absolute folder of PATH, or \"none\"; ignored"),
        flags.problems);
    assertEquals(List.of(), flags.sources);
    Settings nul = new Settings();
    nul.python = "py\u0000";
    assertTrue(resolver.resolve(root.resolve("a.c"), nul, root).problems.get(0).startsWith("settings: python: \"py\\u0000\" is not a valid path"));
  }
}
