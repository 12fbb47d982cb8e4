package dev.ftls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `ftls` alone, typed in a terminal, prints the help and exits 2 instead of waiting silently for
 * JSON-RPC; started with pipes (as every editor does) it is still the language server. The
 * terminal is a pseudo-terminal made by util-linux's script(1).
 */
class NoArgumentsOnATerminalIT {
  @TempDir Path dir;

  private static String java() {
    return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String jar() {
    String jar = System.getProperty("ftls.jar");
    assertNotNull(jar, "the ftls.jar system property must name the packaged jar");
    return jar;
  }

  @Test
  void onATerminalItPrintsTheHelpAndExitsTwo() throws Exception {
    Path log = dir.resolve("typescript");
    // -e: script exits with the status of the command; -q: no banner; its output is the terminal's
    ProcessBuilder pb = new ProcessBuilder("script", "-qec", "'" + java() + "' -jar '" + jar() + "'", log.toString())
        .redirectInput(ProcessBuilder.Redirect.PIPE)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("out.txt").toFile());
    Process p = pb.start();
    boolean done = p.waitFor(60, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(done, "ftls waited on a terminal: " + out);
    assertEquals(2, p.exitValue(), out);
    assertTrue(out.contains("usage: ftls [serve]") && out.contains("ftls check PATH"), out);
  }

  @Test
  void withPipesItIsTheLanguageServer() throws Exception {
    Process p = new ProcessBuilder(java(), "-jar", jar()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}";
    p.getOutputStream().write(("Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
        .getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().flush();
    byte[] head = p.getInputStream().readNBytes(16);
    p.getOutputStream().close();
    assertEquals("Content-Length: ", new String(head, StandardCharsets.UTF_8));
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the server did not exit when stdin closed");
  }
}
