package dev.ftls;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of a Python script of the repository's {@code scripts/} folder against the packaged jar
 * (the {@code ftls.jar} and {@code ftls.repoRoot} properties the failsafe plugin sets): the script
 * gets {@code --jar JAR --java JAVA} before its own arguments; its output goes to a file of {@code dir}.
 */
record ScriptRun(int exit, String output) {

  static ScriptRun python(Path dir, String script, Map<String, String> env, int minutes, String... args)
      throws Exception {
    String jar = System.getProperty("ftls.jar");
    assertNotNull(jar, "the ftls.jar system property must name the packaged jar");
    assertTrue(new File(jar).isFile(), jar + " does not exist; run mvn verify");
    Path path = Paths.get(System.getProperty("ftls.repoRoot"), "scripts", script);
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of("python3", path.toString(), "--jar", jar, "--java", java.toString()));
    command.addAll(List.of(args));
    Path output = dir.resolve(script + ".out");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    boolean finished = p.waitFor(minutes, TimeUnit.MINUTES);
    if (!finished) {
      p.destroyForcibly().waitFor();
    }
    String out = Files.readString(output, StandardCharsets.UTF_8);
    assertTrue(finished, script + " did not finish within " + minutes + " minutes:\n" + out);
    return new ScriptRun(p.exitValue(), out);
  }

  /** The rest of the last output line that starts with prefix. */
  String lastLine(String prefix) {
    String line = output.lines().filter(l -> l.startsWith(prefix)).reduce((a, b) -> b).orElse(null);
    assertNotNull(line, "no line starts with '" + prefix + "':\n" + output);
    return line.substring(prefix.length());
  }
}
