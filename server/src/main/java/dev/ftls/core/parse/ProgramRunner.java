package dev.ftls.core.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program ftls asks for facts (python3-config, an interpreter) and returns what it printed.
 * The program is given by its absolute path; it sees a PATH with only absolute folders, and cannot
 * make ftls wait longer than the time limit (its output goes to a private file, not a pipe a
 * left-over child could hold open).
 */
final class ProgramRunner {
  private static final int MAX_OUTPUT = 1 << 16;

  private ProgramRunner() {}

  /**
   * The standard output of {@code cmd} (at most 64 KiB of it). Throws IOException whose message
   * says, in words that read after the program's name, why there is none: it could not start, ran
   * past the limit or exited with a failure status; an {@link java.io.InterruptedIOException} when
   * the calling thread was interrupted while waiting (its interrupt status is kept), which says
   * nothing about the program.
   */
  static String output(List<String> cmd, int seconds) throws IOException {
    Path out = Files.createTempFile("ftls-output-", ".txt");
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd)
          .redirectOutput(out.toFile())
          .redirectError(ProcessBuilder.Redirect.DISCARD);
      pb.environment().put("PATH", ProgramLookup.absoluteOnly(System.getenv("PATH")));
      Process proc;
      try {
        proc = pb.start();
      } catch (IOException e) {
        throw new IOException("could not be started (" + e.getMessage() + ")", e);
      }
      proc.getOutputStream().close();
      boolean done;
      try {
        done = proc.waitFor(seconds, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        // the caller is being stopped: no answer, and none that may be taken for the program's
        proc.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("was stopped before it answered");
      }
      if (!done) {
        proc.destroyForcibly();
        throw new IOException("did not answer in " + seconds + " s");
      }
      if (proc.exitValue() != 0) {
        throw new IOException("failed (exit status " + proc.exitValue() + ")");
      }
      try (InputStream in = Files.newInputStream(out)) {
        return new String(in.readNBytes(MAX_OUTPUT), StandardCharsets.UTF_8);
      }
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
