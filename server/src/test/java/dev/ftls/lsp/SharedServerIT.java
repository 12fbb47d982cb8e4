package dev.ftls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared server (README "Start-up"), through the launcher as editors start it, over real stdio:
 * sessions of one cache folder share one server process, each session is ended alone (by exit,
 * by its editor's end being killed), the exit status of a session is that of an ordinary server,
 * the server ends when idle or when its socket is removed, a killed server is replaced, and where
 * no shared server can be had the session runs an ordinary server and says why.
 */
class SharedServerIT {
  private static final Pattern ATTACHED = Pattern.compile("attached to the shared server \\(pid (\\d+);");

  @TempDir Path dir;
  private Path ws;
  private Path file;
  private final List<Long> servers = new ArrayList<>();
  private int logs;

  @BeforeEach
  void project() throws Exception {
    ws = Files.createDirectories(dir.resolve("ws"));
    file = ws.resolve("spam.c");
    Files.copy(JsonRpcClient.repoFile("test-workspaces/demo/spam.c"), file);
  }

  @AfterEach
  void stopServers() {
    for (long pid : servers) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  private record Session(JsonRpcClient client, Path log) {}

  private Session start(Path cache, Map<String, String> more) throws Exception {
    Path log = dir.resolve("session-" + (++logs) + ".log");
    Map<String, String> env = new HashMap<>(Map.of("FTLS_CACHE_DIR", cache.toString()));
    env.putAll(more);
    env.putIfAbsent("FTLS_SHARED_SERVER", "1");
    return new Session(new JsonRpcClient(JsonRpcClient.startLauncher(log, env)), log);
  }

  /** Initializes, opens the demo file and returns the codes of its first diagnostics. */
  private List<String> diagnose(JsonRpcClient c) throws Exception {
    c.initialize(ws, Map.of("python", "none", "index", false));
    String uri = file.toUri().toString();
    c.open(uri, "c", Files.readString(file));
    JsonArray diags = c.diagnostics(uri, 1).getAsJsonArray("diagnostics");
    List<String> codes = new ArrayList<>();
    for (JsonElement d : diags) {
      codes.add(d.getAsJsonObject().get("code").getAsString());
    }
    return codes;
  }

  /** The pid of the shared server the session's stderr says it attached to. */
  private long attachedTo(Session s) throws Exception {
    Matcher m = ATTACHED.matcher(Files.readString(s.log()));
    assertTrue(m.find(), "the session attached to a shared server: " + Files.readString(s.log()));
    long pid = Long.parseLong(m.group(1));
    servers.add(pid);
    return pid;
  }

  private static int shutdownAndExit(JsonRpcClient c) throws Exception {
    c.request("shutdown", null);
    c.notify("exit", null);
    assertTrue(c.waitForExit(30), "the session ended after exit");
    return c.exitCode();
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static void awaitEnd(long pid, long ms) throws InterruptedException {
    long deadline = System.currentTimeMillis() + ms;
    while (alive(pid) && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
  }

  @Test
  void sessionsShareOneServerAndEndAlone() throws Exception {
    Path cache = dir.resolve("cache");
    List<String> first;
    long pid;
    Session a = start(cache, Map.of());
    try (JsonRpcClient c = a.client()) {
      first = diagnose(c);
      assertTrue(first.contains("FT001") && first.contains("FT101"), first.toString());
      pid = attachedTo(a);
      assertNotEquals(c.pid(), pid, "the server is another process than the session's own");
      assertEquals(0, shutdownAndExit(c), "shutdown then exit: status 0, as an ordinary server's");
    }
    assertTrue(alive(pid), "the shared server outlives the session");
    Matcher logged = Pattern.compile("its log: (.*)\\)").matcher(Files.readString(a.log()));
    assertTrue(logged.find());
    Path serverLog = Path.of(logged.group(1));
    long deadline = System.currentTimeMillis() + 10_000;
    while (!Files.readString(serverLog).contains("the last session ended: a full collection")
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(Files.readString(serverLog).contains("the last session ended: a full collection"),
        "the heap is collected once no session runs: " + Files.readString(serverLog));

    Session b = start(cache, Map.of());
    try (JsonRpcClient c = b.client()) {
      assertEquals(first, diagnose(c), "the second session finds the same");
      assertEquals(pid, attachedTo(b), "the second session attached to the same server");
      c.notify("exit", null);
      assertTrue(c.waitForExit(30));
      assertEquals(1, c.exitCode(), "exit without shutdown: status 1, as an ordinary server's");
    }

    // an editor that kills its server: only that session ends
    Session k = start(cache, Map.of());
    try (JsonRpcClient c = k.client()) {
      diagnose(c);
      assertEquals(pid, attachedTo(k));
      c.close(); // kills the session's process
    }
    Session d = start(cache, Map.of());
    try (JsonRpcClient c = d.client()) {
      assertEquals(first, diagnose(c), "the server still serves after a session's process was killed");
      assertEquals(pid, attachedTo(d));
      assertEquals(0, shutdownAndExit(c));
    }
    Path shared = cache.resolve("shared");
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)),
        "the sockets' folder is private");
  }

  @Test
  void concurrentFirstSessionsStartOneServer() throws Exception {
    Path cache = dir.resolve("cache");
    Session a = start(cache, Map.of());
    Session b = start(cache, Map.of());
    try (JsonRpcClient ca = a.client(); JsonRpcClient cb = b.client()) {
      assertEquals(diagnose(ca), diagnose(cb));
      assertEquals(attachedTo(a), attachedTo(b), "both sessions attached to one server");
    }
  }

  @Test
  void anIdleServerEndsAndAKilledOneIsReplaced() throws Exception {
    Path cache = dir.resolve("cache");
    Session a = start(cache, Map.of("FTLS_SHARED_IDLE", "2"));
    long pid;
    try (JsonRpcClient c = a.client()) {
      diagnose(c);
      pid = attachedTo(a);
      assertEquals(0, shutdownAndExit(c));
    }
    awaitEnd(pid, 20_000);
    assertFalse(alive(pid), "the shared server ended two seconds after its last session");
    try (java.util.stream.Stream<Path> left = Files.list(cache.resolve("shared"))) {
      assertTrue(left.noneMatch(p -> p.toString().endsWith(".sock")), "and removed its socket");
    }

    Session b = start(cache, Map.of());
    long second;
    try (JsonRpcClient c = b.client()) {
      diagnose(c);
      second = attachedTo(b);
      assertNotEquals(pid, second, "a new server for the next session");
    }
    ProcessHandle.of(second).ifPresent(ProcessHandle::destroyForcibly); // its socket file stays behind
    awaitEnd(second, 10_000);
    Session s = start(cache, Map.of());
    try (JsonRpcClient c = s.client()) {
      assertTrue(diagnose(c).contains("FT101"), "a session after the server was killed is served");
      long third = attachedTo(s);
      assertNotEquals(second, third);
      assertEquals(0, shutdownAndExit(c));
    }
  }

  @Test
  void aServerWhoseSocketIsRemovedEnds() throws Exception {
    Path cache = dir.resolve("cache");
    Session a = start(cache, Map.of());
    long pid;
    try (JsonRpcClient c = a.client()) {
      diagnose(c);
      pid = attachedTo(a);
      assertEquals(0, shutdownAndExit(c));
    }
    try (java.util.stream.Stream<Path> socks = Files.list(cache.resolve("shared"))) {
      for (Path p : socks.filter(p -> p.toString().endsWith(".sock")).toList()) {
        Files.delete(p);
      }
    }
    awaitEnd(pid, 20_000);
    assertFalse(alive(pid), "a removed socket (a cleared cache folder) ends the server");
  }

  @Test
  void withoutASharedServerASessionRunsItsOwnAndSaysWhy() throws Exception {
    // a cache folder whose socket path would not fit
    Path deep = dir.resolve("c".repeat(60)).resolve("d".repeat(60));
    Session a = start(deep, Map.of());
    try (JsonRpcClient c = a.client()) {
      assertTrue(diagnose(c).contains("FT101"));
      assertEquals(0, shutdownAndExit(c));
    }
    String log = Files.readString(a.log());
    assertTrue(log.contains("not using a shared server (the socket path") && log.contains("longer than 100 bytes"), log);
    assertFalse(ATTACHED.matcher(log).find(), log);

    // a sockets' folder others may enter
    Path open = dir.resolve("open");
    Files.createDirectories(open.resolve("shared"));
    Files.setPosixFilePermissions(open.resolve("shared"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Session b = start(open, Map.of());
    try (JsonRpcClient c = b.client()) {
      assertTrue(diagnose(c).contains("FT101"));
      assertEquals(0, shutdownAndExit(c));
    }
    log = Files.readString(b.log());
    assertTrue(log.contains("is rwxr-xr-x, not rwx------"), log);

    // a bad idle time: the server refuses to start and says why in its log
    Path badIdle = dir.resolve("bad-idle");
    Session i = start(badIdle, Map.of("FTLS_SHARED_IDLE", "soon"));
    try (JsonRpcClient c = i.client()) {
      assertTrue(diagnose(c).contains("FT101"));
      assertEquals(0, shutdownAndExit(c));
    }
    log = Files.readString(i.log());
    assertTrue(log.contains("the shared server exited with status 2"), log);
    try (java.util.stream.Stream<Path> logs = Files.list(badIdle.resolve("shared"))) {
      String serverLog = Files.readString(logs.filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow());
      assertTrue(serverLog.contains("--idle-seconds takes a whole number of seconds"), serverLog);
    }

    // switched off
    Session o = start(dir.resolve("off"), Map.of("FTLS_SHARED_SERVER", "0"));
    try (JsonRpcClient c = o.client()) {
      assertTrue(diagnose(c).contains("FT101"));
      assertEquals(0, shutdownAndExit(c));
    }
    log = Files.readString(o.log());
    assertFalse(log.contains("shared server"), log);
    assertFalse(Files.exists(dir.resolve("off").resolve("shared")), "no socket folder when switched off");
  }
}
