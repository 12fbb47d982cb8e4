package dev.ftls.cli;

import dev.ftls.core.fix.TextEdit;
import dev.ftls.core.source.Timings;
import dev.ftls.lsp.FtlsLanguageServer;
import dev.ftls.lsp.FtlsServerLauncher;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * {@code ftls bench FILE}: measures, through the real JSON-RPC path of an in-process server, the
 * time from didOpen to the first diagnostics (cold: headers parsed) and from each edit to the
 * diagnostics of that version (warm: cached header macros). The server indexes the file's folder
 * in the background as an editor's would ({@code --no-index}: it does not). Prints the figures;
 * asserts nothing.
 */
public final class BenchCommand {
  private final PrintStream out;
  private final PrintStream err;

  public BenchCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public int run(List<String> args) {
    Path file = null;
    int runs = 30;
    int warmup = 30;
    boolean index = true;
    boolean timings = false;
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("--no-index")) {
        index = false;
      } else if (args.get(i).equals("--timings")) {
        timings = true;
      } else if ((args.get(i).equals("--runs") || args.get(i).equals("--warmup")) && i + 1 < args.size()) {
        try {
          int n = Integer.parseInt(args.get(i + 1));
          if (args.get(i).equals("--runs")) {
            runs = n;
          } else {
            warmup = n;
          }
          i++;
        } catch (NumberFormatException e) {
          err.println("ftls bench: " + args.get(i) + " takes a number");
          return 2;
        }
      } else {
        file = Paths.get(args.get(i)).toAbsolutePath().normalize();
      }
    }
    if (file == null || !Files.isRegularFile(file)) {
      err.println("usage: ftls bench FILE [--runs N] [--warmup N] [--no-index] [--timings]");
      return 2;
    }
    try {
      return bench(file, Math.max(1, runs), Math.max(0, warmup), index, timings);
    } catch (Exception e) {
      err.println("ftls bench: " + e);
      return 2;
    }
  }

  private int bench(Path file, int runs, int warmup, boolean index, boolean timings) throws Exception {
    String text = SourceFile.read(file, dev.ftls.core.rules.Analyzer.MAX_CHARS).text();
    PipedInputStream serverIn = new PipedInputStream(1 << 20);
    PipedOutputStream clientOut = new PipedOutputStream(serverIn);
    PipedInputStream clientIn = new PipedInputStream(1 << 20);
    PipedOutputStream serverOut = new PipedOutputStream(clientIn);
    FtlsLanguageServer server = new FtlsLanguageServer(code -> { });
    FtlsServerLauncher.start(server, serverIn, serverOut);
    Map<Integer, CompletableFuture<Long>> arrivals = new ConcurrentHashMap<>();
    int[] findings = new int[1];
    LanguageClient client = new BenchClient(p -> {
      if (p.getVersion() != null) {
        findings[0] = p.getDiagnostics().size();
        arrivals.computeIfAbsent(p.getVersion(), v -> new CompletableFuture<>()).complete(System.nanoTime());
      }
    });
    Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client, clientIn, clientOut);
    launcher.startListening();
    LanguageServer remote = launcher.getRemoteProxy();
    InitializeParams init = new InitializeParams();
    init.setRootUri(file.getParent().toUri().toString());
    init.setCapabilities(new ClientCapabilities());
    if (!index) {
      com.google.gson.JsonObject options = new com.google.gson.JsonObject();
      options.addProperty("index", false);
      init.setInitializationOptions(options);
    }
    remote.initialize(init).get(60, TimeUnit.SECONDS);
    remote.initialized(new InitializedParams());
    String uri = file.toUri().toString();
    if (timings) {
      Timings.enable();
    }
    long t0 = System.nanoTime();
    remote.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "c", 1, text)));
    long open = await(arrivals, 1) - t0;
    List<Timings.Total> openTimes = Timings.totals();
    if (timings) {
      Timings.enable(); // from nothing again: the edits' own
    }
    int insertAt = text.lastIndexOf('}');
    if (insertAt < 0) {
      insertAt = text.length();
    }
    Position pos = positionOf(text, insertAt);
    List<Long> cold = new ArrayList<>();
    List<Long> edits = new ArrayList<>();
    for (int v = 2; v < warmup + runs + 2; v++) {
      boolean add = v % 2 == 0;
      TextEdit change = add
          ? new TextEdit(new Range(pos, pos), " ")
          : new TextEdit(new Range(pos, new Position(pos.getLine(), pos.getCharacter() + 1)), "");
      long s = System.nanoTime();
      remote.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
          new VersionedTextDocumentIdentifier(uri, v), List.of(change.toEvent())));
      (v < warmup + 2 ? cold : edits).add(await(arrivals, v) - s);
    }
    List<Timings.Total> editTimes = Timings.totals();
    Timings.disable();
    remote.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
    remote.shutdown().get(10, TimeUnit.SECONDS);
    Collections.sort(edits);
    Collections.sort(cold);
    long lines = text.chars().filter(c -> c == '\n').count() + 1;
    out.printf("file: %s (%d lines, %d findings)%n", file.getFileName(), lines, findings[0]);
    out.printf("open-to-diagnostics (cold, headers parsed): %.1f ms%n", open / 1e6);
    if (!cold.isEmpty()) {
      out.printf("edit-to-diagnostics, first %d edits (JIT warming up): median %.1f ms, max %.1f ms%n",
          warmup, ms(cold, 0.5), cold.get(cold.size() - 1) / 1e6);
    }
    out.printf("edit-to-diagnostics over the next %d edits (a %d ms debounce only while one is under way): median %.1f ms, p90 %.1f ms, max %.1f ms%n",
        runs, dev.ftls.lsp.Tuning.editDebounceMs(), ms(edits, 0.5), ms(edits, 0.9), edits.get(edits.size() - 1) / 1e6);
    if (timings) {
      String also = index ? " (with the background index of the file's folder)" : "";
      out.println("CPU time by phase from didOpen to its diagnostics" + also + ":");
      out.print(Timings.table(openTimes));
      int n = warmup + runs;
      out.println("CPU time by phase over the " + n + " edits" + also + ", and per edit:");
      out.print(Timings.table(perEach(editTimes, n)));
    }
    return 0;
  }

  /** Totals as an average over {@code n} runs: the CPU time divided, the counts too (rounded up). */
  private static List<Timings.Total> perEach(List<Timings.Total> totals, int n) {
    List<Timings.Total> out = new ArrayList<>();
    for (Timings.Total t : totals) {
      out.add(new Timings.Total(t.phase(), t.nanos() / n, (t.count() + n - 1) / n));
    }
    return out;
  }

  private record TextEdit(Range range, String text) {
    TextDocumentContentChangeEvent toEvent() {
      return new TextDocumentContentChangeEvent(range, text);
    }
  }

  private static double ms(List<Long> sorted, double q) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size()))) / 1e6;
  }

  private static long await(Map<Integer, CompletableFuture<Long>> arrivals, int version) throws Exception {
    return arrivals.computeIfAbsent(version, v -> new CompletableFuture<>()).get(120, TimeUnit.SECONDS);
  }

  private static Position positionOf(String text, int offset) {
    int line = 0;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new Position(line, offset - lineStart);
  }

  /** A client that only listens for diagnostics. */
  private static final class BenchClient implements LanguageClient {
    private final java.util.function.Consumer<PublishDiagnosticsParams> onDiagnostics;

    BenchClient(java.util.function.Consumer<PublishDiagnosticsParams> onDiagnostics) {
      this.onDiagnostics = onDiagnostics;
    }

    @Override
    public void telemetryEvent(Object object) {}

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
      onDiagnostics.accept(diagnostics);
    }

    @Override
    public void showMessage(MessageParams messageParams) {}

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams requestParams) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams message) {}
  }
}
