package dev.ftls.lsp;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A minimal LSP client over a real process's stdio: Content-Length framing, requests with ids,
 * and a log of every message the server sent, so tests see exactly what an editor would.
 */
final class JsonRpcClient implements AutoCloseable {
  private static final Gson GSON = new Gson();
  private final Process process;
  private final OutputStream in;
  private final List<JsonObject> received = new ArrayList<>();
  private final Thread reader;
  private int nextId = 1;
  private volatile JsonElement configurationAnswer = com.google.gson.JsonNull.INSTANCE;

  /**
   * Starts the packaged jar (system property {@code ftls.jar}, set by failsafe) as
   * {@code ftls serve}, its stderr going to {@code log}.
   */
  static Process startServer(Path log) throws IOException {
    return startServer(log, Map.of());
  }

  /** As {@link #startServer(Path)}, with these environment variables set for the server. */
  static Process startServer(Path log, Map<String, String> env) throws IOException {
    String jar = System.getProperty("ftls.jar");
    assertNotNull(jar, "the ftls.jar system property must name the packaged jar");
    assertTrue(new File(jar).isFile(), jar + " does not exist; run mvn verify");
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-jar", jar, "serve").redirectError(log.toFile());
    pb.environment().putAll(env);
    return pb.start();
  }

  /**
   * Starts {@code ftls serve} through the repository's launcher (./ftls), with the JVM settings it
   * gives every editor, running the packaged jar; {@code env} is added to the environment (give it
   * an {@code FTLS_CACHE_DIR} of the test's own).
   */
  static Process startLauncher(Path log, Map<String, String> env) throws IOException {
    String jar = System.getProperty("ftls.jar");
    assertNotNull(jar, "the ftls.jar system property must name the packaged jar");
    ProcessBuilder pb = new ProcessBuilder("bash", repoFile("ftls").toString(), "serve").redirectError(log.toFile());
    pb.environment().remove("FTLS_JAVA_OPTS");
    pb.environment().put("FTLS_JAR", jar);
    pb.environment().put("FTLS_JAVA", Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    pb.environment().putAll(env);
    return pb.start();
  }

  /** A copy of test-workspaces/projects/NAME in {@code dir} (tests edit and index copies, never the repo). */
  static Path copyProject(String name, Path dir) throws IOException {
    Path from = repoFile("test-workspaces/projects/" + name);
    Path to = dir.resolve(name);
    try (java.util.stream.Stream<Path> s = java.nio.file.Files.walk(from)) {
      for (Path p : s.toList()) {
        java.nio.file.Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
    return to;
  }

  /** "line code" of each diagnostic of a publishDiagnostics, lines counted from 1. */
  static List<String> lineCodes(JsonObject params) {
    List<String> out = new ArrayList<>();
    for (JsonElement e : params.getAsJsonArray("diagnostics")) {
      JsonObject d = e.getAsJsonObject();
      int line = d.getAsJsonObject("range").getAsJsonObject("start").get("line").getAsInt() + 1;
      out.add(line + " " + d.get("code").getAsString());
    }
    return out;
  }

  /** A file of the repository (system property {@code ftls.repoRoot}, set by failsafe). */
  static Path repoFile(String relative) {
    return Paths.get(System.getProperty("ftls.repoRoot"), relative);
  }

  JsonRpcClient(Process process) {
    this.process = process;
    this.in = process.getOutputStream();
    this.reader = new Thread(this::readLoop, "lsp-test-reader");
    reader.setDaemon(true);
    reader.start();
  }

  private void readLoop() {
    try (InputStream out = process.getInputStream()) {
      while (true) {
        int length = -1;
        String line;
        while (!(line = readLine(out)).isEmpty()) {
          if (line.toLowerCase().startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).trim());
          }
        }
        if (length < 0) {
          continue;
        }
        byte[] body = out.readNBytes(length);
        if (body.length < length) {
          return;
        }
        JsonObject msg = JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
        if (msg.has("method") && msg.has("id")) {
          answerServerRequest(msg);
        }
        synchronized (received) {
          received.add(msg);
          received.notifyAll();
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process ended
    }
  }

  private static String readLine(InputStream s) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = s.read()) != -1) {
      if (c == '\n') {
        break;
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    if (c == -1 && b.size() == 0) {
      throw new IOException("end of stream");
    }
    return b.toString(StandardCharsets.US_ASCII);
  }

  /** Answers a request the server sends (progress tokens, configuration) as an editor would. */
  private void answerServerRequest(JsonObject request) throws IOException {
    JsonObject response = new JsonObject();
    response.add("id", request.get("id"));
    if ("workspace/configuration".equals(str(request, "method"))) {
      com.google.gson.JsonArray values = new com.google.gson.JsonArray();
      int n = request.getAsJsonObject("params").getAsJsonArray("items").size();
      for (int i = 0; i < n; i++) {
        values.add(configurationAnswer);
      }
      response.add("result", values);
    } else {
      response.add("result", com.google.gson.JsonNull.INSTANCE);
    }
    send(response);
  }

  /** What this client answers to each item of a workspace/configuration request (null unless set). */
  void answerConfigurationWith(JsonElement value) {
    configurationAnswer = value;
  }

  /** The server process's id. */
  long pid() {
    return process.pid();
  }

  /** A JSON text framed as the protocol frames it (its UTF-8 length in a Content-Length header). */
  static byte[] frame(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    byte[] header = ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] out = java.util.Arrays.copyOf(header, header.length + body.length);
    System.arraycopy(body, 0, out, header.length, body.length);
    return out;
  }

  /** Waits for the response to the request with this id (sent raw, by the test). */
  JsonObject response(int id) throws InterruptedException {
    return await(r -> r.has("id") && r.get("id").isJsonPrimitive() && r.get("id").getAsInt() == id
        && !r.has("method"), 30_000);
  }

  /** Reserves a request id that {@link #request} will not use, for requests the test sends raw. */
  synchronized int takeId() {
    return nextId++;
  }

  synchronized void sendRaw(byte[] bytes) throws IOException {
    in.write(bytes);
    in.flush();
  }

  private synchronized void send(JsonObject msg) throws IOException {
    msg.addProperty("jsonrpc", "2.0");
    byte[] body = GSON.toJson(msg).getBytes(StandardCharsets.UTF_8);
    sendRaw(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    sendRaw(body);
  }

  void notify(String method, Object params) throws IOException {
    JsonObject m = new JsonObject();
    m.addProperty("method", method);
    m.add("params", GSON.toJsonTree(params));
    send(m);
  }

  /** Sends a request and waits for its response; returns the whole response object. */
  JsonObject request(String method, Object params) throws Exception {
    int id = takeId();
    JsonObject m = new JsonObject();
    m.addProperty("id", id);
    m.addProperty("method", method);
    m.add("params", GSON.toJsonTree(params));
    send(m);
    return response(id);
  }

  /**
   * The initialize request of an editor that takes Markdown or plain-text hovers, with these
   * initializationOptions, then the initialized notification; returns the initialize response.
   */
  JsonObject initialize(Path root, Map<String, Object> options) throws Exception {
    return initialize(root, options, Map.of());
  }

  /** As {@link #initialize(Path, Map)}, with more client capabilities (e.g. "window"). */
  JsonObject initialize(Path root, Map<String, Object> options, Map<String, Object> moreCapabilities) throws Exception {
    Map<String, Object> caps = new java.util.HashMap<>(
        Map.of("textDocument", Map.of("hover", Map.of("contentFormat", List.of("markdown", "plaintext")))));
    caps.putAll(moreCapabilities);
    JsonObject init = request("initialize", Map.of(
        "processId", ProcessHandle.current().pid(),
        "rootUri", root.toUri().toString(),
        "capabilities", caps,
        "initializationOptions", options));
    notify("initialized", Map.of());
    return init;
  }

  void open(String uri, String languageId, String text) throws IOException {
    notify("textDocument/didOpen",
        Map.of("textDocument", Map.of("uri", uri, "languageId", languageId, "version", 1, "text", text)));
  }

  /** The hover response at a zero-based line and UTF-16 column. */
  JsonObject hover(String uri, int line, int character) throws Exception {
    return request("textDocument/hover", Map.of("textDocument", Map.of("uri", uri), "position", pos(line, character)));
  }

  static Map<String, Object> pos(int line, int character) {
    return Map.of("line", line, "character", character);
  }

  /** The i-th message received. */
  JsonObject message(int i) {
    synchronized (received) {
      return received.get(i);
    }
  }

  /** How many messages have arrived so far (for {@link #awaitAfter}). */
  int mark() {
    synchronized (received) {
      return received.size();
    }
  }

  /** Waits for the first message (already received or arriving) that matches. */
  JsonObject await(Predicate<JsonObject> p, long timeoutMs) throws InterruptedException {
    return awaitAfter(0, p, timeoutMs);
  }

  /** Waits for the first matching message among those arriving after {@code mark}. */
  JsonObject awaitAfter(int mark, Predicate<JsonObject> p, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    synchronized (received) {
      while (true) {
        for (int i = mark; i < received.size(); i++) {
          JsonObject m = received.get(i);
          if (p.test(m)) {
            return m;
          }
        }
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          throw new AssertionError("timed out waiting for a server message; received: " + received);
        }
        received.wait(left);
      }
    }
  }

  /**
   * Waits until the server's background project index has been built (the end of its
   * "ftls: indexing" progress; the client must have announced window.workDoneProgress), and
   * returns the index's log line ("project index: 6 file(s): ...").
   */
  String awaitIndexed(long timeoutMs) throws InterruptedException {
    JsonObject begin = await(m -> "$/progress".equals(str(m, "method"))
        && "begin".equals(str(m.getAsJsonObject("params").getAsJsonObject("value"), "kind"))
        && "ftls: indexing".equals(str(m.getAsJsonObject("params").getAsJsonObject("value"), "title")), timeoutMs);
    String token = begin.getAsJsonObject("params").get("token").getAsString();
    await(m -> "$/progress".equals(str(m, "method"))
        && token.equals(m.getAsJsonObject("params").get("token").getAsString())
        && "end".equals(str(m.getAsJsonObject("params").getAsJsonObject("value"), "kind")), timeoutMs);
    return await(m -> "window/logMessage".equals(str(m, "method"))
        && m.getAsJsonObject("params").get("message").getAsString().startsWith("project index: "), timeoutMs)
        .getAsJsonObject("params").get("message").getAsString();
  }

  /** The publishDiagnostics for a document version. */
  JsonObject diagnostics(String uri, int version) throws InterruptedException {
    return await(m -> "textDocument/publishDiagnostics".equals(str(m, "method"))
        && uri.equals(m.getAsJsonObject("params").get("uri").getAsString())
        && m.getAsJsonObject("params").has("version")
        && m.getAsJsonObject("params").get("version").getAsInt() == version, 60_000).getAsJsonObject("params");
  }

  static String str(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e == null || !e.isJsonPrimitive() ? null : e.getAsString();
  }

  boolean waitForExit(long seconds) throws InterruptedException {
    return process.waitFor(seconds, TimeUnit.SECONDS);
  }

  /** The exit status of the ended server process. */
  int exitCode() {
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
