package dev.ftls.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One in-process run of {@code ftls check} from a folder, without the Python headers: its exit code, stdout and stderr. */
record CheckRun(int code, String out, String err) {
  /** Copies the demo extension to {@code dir}/demo/spam.c, what most check tests run on. */
  static void copyDemo(Path dir) throws java.io.IOException {
    java.nio.file.Files.createDirectories(dir.resolve("demo"));
    java.nio.file.Files.copy(dev.ftls.kbgen.RepoRoot.find().resolve("test-workspaces/demo/spam.c"), dir.resolve("demo/spam.c"));
  }

  static CheckRun in(Path root, String... args) {
    return in(root, System.getenv(), args);
  }

  /** With this environment (where the on-disk project index is kept). */
  static CheckRun in(Path root, Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--python");
    all.add("none");
    int code = new CheckCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), root, env).run(all);
    return new CheckRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
