package dev.ftls.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ftls.kbgen.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Copies of the project-shaped workspaces of test-workspaces/projects, and their JSON reports. */
final class ProjectCopies {
  private ProjectCopies() {}

  /** A copy of a project fixture in {@code dir}, so a test may change it. */
  static Path copy(String name, Path dir) throws IOException {
    Path from = RepoRoot.find().resolve("test-workspaces/projects/" + name);
    Path to = dir.resolve(name);
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
    return to;
  }

  static JsonObject json(CheckRun run) {
    return JsonParser.parseString(run.out()).getAsJsonObject();
  }

  /** "file:line rule" of every finding of a JSON report (lines from 1). */
  static List<String> findings(JsonObject report) {
    List<String> out = new ArrayList<>();
    for (JsonElement e : report.getAsJsonArray("findings")) {
      JsonObject f = e.getAsJsonObject();
      int line = f.getAsJsonObject("range").getAsJsonObject("start").get("line").getAsInt();
      out.add(f.get("file").getAsString() + ":" + line + " " + f.get("ruleId").getAsString());
    }
    return out;
  }
}
