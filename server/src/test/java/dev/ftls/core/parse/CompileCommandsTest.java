package dev.ftls.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A compile database with bad entries: each is one problem naming it, and the good ones count. */
class CompileCommandsTest {
  @TempDir Path dir;

  private CompileCommands load(String json) throws IOException {
    Path file = dir.resolve("compile_commands.json");
    Files.writeString(file, json);
    return CompileCommands.load(file, "compile_commands.json");
  }

  @Test
  void eachBadEntryIsOneProblemAndTheGoodOnesStay() throws IOException {
    List<String> bad = List.of(
        "3",
        "\"cc a.c\"",
        "[]",
        "{\"directory\": \".\", \"file\": \"b.c\", \"arguments\": \"str\"}",
        "{\"directory\": \".\", \"file\": 3, \"arguments\": [\"-DB\"]}",
        "{\"directory\": [], \"file\": \"b.c\", \"arguments\": [\"-DB\"]}",
        "{\"file\": \"b.c\", \"arguments\": [\"-DB\"]}",
        "{\"directory\": \".\", \"file\": \"b.c\", \"arguments\": [1, [2]]}",
        "{\"directory\": \".\", \"file\": \"b.c\", \"command\": 5}",
        "{\"directory\": \".\", \"file\": \"b.c\"}",
        "{\"directory\": \".\", \"file\": \"b\\u0000.c\", \"command\": \"cc b.c\"}",
        "{\"directory\": \"x\\u0000\", \"file\": \"b.c\", \"command\": \"cc b.c\"}",
        "{\"directory\": \".\", \"file\": \"b.c\", \"arguments\": [\"cc\", \"-Ia\\u0000b\", \"b.c\"]}");
    String good = "{\"directory\": \".\", \"file\": \"a.c\", \"arguments\": [\"cc\", \"-DGOOD=1\", \"-Iinc\", \"a.c\"]}";
    CompileCommands db = load("[" + String.join(", ", bad) + ", " + good + "]");
    assertEquals(bad.size(), db.problems().size(), String.join("\n", db.problems()));
    for (int n = 0; n < bad.size(); n++) {
      String p = db.problems().get(n);
      assertTrue(p.startsWith("compile_commands.json: entry " + (n + 1) + ""), p);
      assertTrue(p.endsWith("; ignored"), p);
    }
    assertEquals("compile_commands.json: entry 4 (\"b.c\"): \"arguments\" is the string \"str\";"
        + " expected a list of strings; ignored", db.problems().get(3));
    assertEquals("compile_commands.json: entry 1: found the number 3; expected an object with \"directory\" and"
        + " \"file\" strings and \"arguments\" (a list of strings) or \"command\" (a string); ignored", db.problems().get(0));
    assertEquals("compile_commands.json: entry 13 (\"b.c\"): \"a\\u0000b\" is not a valid path (nul character not allowed);"
        + " expected paths; ignored", db.problems().get(12));
    CompileFlags flags = db.flagsFor(dir.resolve("a.c"));
    assertEquals("1", flags.defines.get("GOOD"));
    assertEquals(List.of(dir.resolve("inc").toString()), flags.includePaths);
    assertNull(flags.defines.get("B"), "no bad entry's flags are used");
  }

  @Test
  void aDatabaseThatIsNotAnArrayOrNotJsonIsEmptyWithAProblem() throws IOException {
    for (String json : List.of("{}", "3", "\"x\"", "null", "[1,", "")) {
      CompileCommands db = load(json);
      assertEquals(1, db.problems().size(), json + ": " + db.problems());
      assertTrue(db.problems().get(0).startsWith("compile_commands.json: the "), db.problems().toString());
      assertNull(db.flagsFor(dir.resolve("a.c")), json);
    }
    Files.write(dir.resolve("compile_commands.json"), new byte[] {'[', (byte) 0xff, ']'});
    CompileCommands latin = CompileCommands.load(dir.resolve("compile_commands.json"), "db");
    assertEquals(List.of("db: the file: is not UTF-8 text; expected a JSON array of compile commands; ignored"),
        latin.problems());
  }

  @Test
  void deepNestingIsAProblemNotACrash() throws IOException {
    CompileCommands db = load("[".repeat(200_000));
    assertEquals(1, db.problems().size(), db.problems().toString());
  }
}
