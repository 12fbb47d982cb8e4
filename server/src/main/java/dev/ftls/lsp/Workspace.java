package dev.ftls.lsp;

import com.google.gson.JsonElement;
import dev.ftls.core.config.ProjectConfig;
import dev.ftls.core.config.ProjectFacts;
import dev.ftls.core.config.Settings;
import dev.ftls.core.config.SettingsJson;
import dev.ftls.core.parse.CompileFlags;
import dev.ftls.core.parse.FlagsResolver;
import dev.ftls.core.rules.Analyzer;
import dev.ftls.core.rules.FileResult;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.source.SourceText;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ConfigurationItem;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * The server's state: open documents, settings, workspace roots, and the per-document debounced
 * analysis that runs on a small worker pool, never on the JSON-RPC thread. A result computed for
 * an older version of a document is dropped, never published.
 */
final class Workspace {
  /** Delay after an edit before analysis starts; typing faster than this analyzes once. */
  static final long EDIT_DEBOUNCE_MS = Long.getLong("ftls.debounceMs", 25);

  final Analyzer analyzer;
  private final FlagsResolver flags;
  private final ProjectConfig projects = new ProjectConfig();
  private final ProjectFacts.Reader facts = new ProjectFacts.Reader();
  private final java.util.Set<String> shownProjectProblems = ConcurrentHashMap.newKeySet();
  private final Map<String, Document> docs = new ConcurrentHashMap<>();
  private final Map<String, Analysis> results = new ConcurrentHashMap<>();
  private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
  private final Map<String, String> lastIncludeSource = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("ftls-timer"));
  private final ExecutorService workers = Executors.newFixedThreadPool(2, daemon("ftls-analysis"));
  private final Object publishLock = new Object();
  private volatile LanguageClient client;
  private volatile Settings settings = new Settings();
  /** Bumped on every settings change, so an analysis under old settings is never published. */
  private final java.util.concurrent.atomic.AtomicLong settingsGeneration = new java.util.concurrent.atomic.AtomicLong();
  private volatile List<Path> roots = List.of();
  private volatile boolean markdownHover = true;
  private volatile boolean pullConfiguration;
  private volatile String shownProblems = "";
  private volatile boolean workDoneProgress;
  private final java.util.Set<Path> rootsSeen = ConcurrentHashMap.newKeySet();
  private final java.util.Set<Path> preludeWarned = ConcurrentHashMap.newKeySet();

  record Analysis(int version, long generation, FileResult result) {}

  Workspace(Analyzer analyzer) {
    this.analyzer = analyzer;
    this.flags = new FlagsResolver(this::log);
  }

  void connect(LanguageClient c) {
    this.client = c;
  }

  void initialize(InitializeParams p) {
    List<Path> rs = new ArrayList<>();
    if (p.getWorkspaceFolders() != null) {
      for (WorkspaceFolder f : p.getWorkspaceFolders()) {
        Path path = toPath(f.getUri());
        if (path != null) {
          rs.add(path);
        }
      }
    }
    if (rs.isEmpty() && p.getRootUri() != null) {
      Path path = toPath(p.getRootUri());
      if (path != null) {
        rs.add(path);
      }
    }
    roots = List.copyOf(rs);
    var td = p.getCapabilities() == null ? null : p.getCapabilities().getTextDocument();
    if (td != null && td.getHover() != null && td.getHover().getContentFormat() != null) {
      markdownHover = td.getHover().getContentFormat().contains("markdown");
    }
    var ws = p.getCapabilities() == null ? null : p.getCapabilities().getWorkspace();
    pullConfiguration = ws != null && Boolean.TRUE.equals(ws.getConfiguration());
    var window = p.getCapabilities() == null ? null : p.getCapabilities().getWindow();
    workDoneProgress = window != null && Boolean.TRUE.equals(window.getWorkDoneProgress());
    if (p.getInitializationOptions() instanceof JsonElement opts && opts.isJsonObject()) {
      applySettings(opts);
    }
    log("workspace roots: " + roots);
  }

  void initialized() {
    if (pullConfiguration && client != null) {
      ConfigurationItem item = new ConfigurationItem();
      item.setSection("ftls");
      client.configuration(new ConfigurationParams(List.of(item))).thenAccept(values -> {
        // an empty answer (eglot sends {} when nothing is configured) keeps initializationOptions
        if (values != null && !values.isEmpty() && values.get(0) instanceof JsonElement je && je.isJsonObject()
            && !je.getAsJsonObject().isEmpty()) {
          applySettings(je);
        }
      });
    }
  }

  boolean markdownHover() {
    return markdownHover;
  }

  /** Reads new settings and re-analyzes every open document. */
  void applySettings(JsonElement json) {
    Settings s = SettingsJson.read(json);
    String oldKey = settings.parseKey();
    synchronized (publishLock) {
      settings = s;
      settingsGeneration.incrementAndGet();
    }
    if (!oldKey.equals(s.parseKey())) {
      analyzer.parser().clearCache();
    }
    String problems = String.join("; ", s.problems);
    if (!problems.isEmpty() && !problems.equals(shownProblems) && client != null) {
      client.showMessage(new MessageParams(MessageType.Warning, problems)); // each names its origin
    }
    shownProblems = problems;
    for (String uri : docs.keySet()) {
      schedule(uri, 0);
    }
  }

  Document get(String uri) {
    return docs.get(uri);
  }

  Analysis analysis(String uri) {
    return results.get(uri);
  }

  void open(Document d) {
    synchronized (publishLock) {
      docs.put(d.uri, d);
    }
    schedule(d.uri, 0);
  }

  void change(String uri, java.util.function.UnaryOperator<Document> edit) {
    synchronized (publishLock) {
      Document d = docs.get(uri);
      if (d == null) {
        return;
      }
      docs.put(uri, edit.apply(d));
    }
    schedule(uri, EDIT_DEBOUNCE_MS);
  }

  void close(String uri) {
    synchronized (publishLock) {
      docs.remove(uri);
      results.remove(uri);
      ScheduledFuture<?> f = pending.remove(uri);
      if (f != null) {
        f.cancel(false);
      }
    }
    if (client != null) {
      client.publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
    }
  }

  void schedule(String uri, long delayMs) {
    ScheduledFuture<?> next = timer.schedule(() -> workers.execute(() -> analyze(uri)), delayMs, TimeUnit.MILLISECONDS);
    ScheduledFuture<?> old = pending.put(uri, next);
    if (old != null) {
      old.cancel(false);
    }
  }

  /** The settings in effect for a document: the editor's over its project's pyproject.toml. */
  Settings settingsFor(Document doc) {
    Path path = pathFor(doc.uri);
    return projects.effective(path, rootFor(path), settings);
  }

  /**
   * The analysis of a document's current text with the current settings: the published one when it
   * is that, else made now on the caller's thread (code actions ask for it on every cursor move).
   */
  FileResult current(Document doc) {
    Analysis a = results.get(doc.uri);
    if (a != null && a.version() == doc.version && a.generation() == settingsGeneration.get()
        && a.result().source().text().equals(doc.text)) {
      return a.result();
    }
    return analyzeNow(doc, doc.text);
  }

  /** Analyzes another text for a document's file (a fix-all round), on the caller's thread. */
  FileResult analyzeNow(Document doc, String text) {
    Path path = pathFor(doc.uri);
    Path root = rootFor(path);
    Settings s = projects.effective(path, root, settings);
    CompileFlags f = flags.resolve(path, s, root);
    return analyzer.analyze(new SourceText(path, text), f, s, facts.forFile(path, root));
  }

  private void analyze(String uri) {
    Document doc = docs.get(uri);
    if (doc == null) {
      return;
    }
    long generation = settingsGeneration.get();
    FileResult result;
    Progress progress = null;
    try {
      Path path = pathFor(uri);
      Path root = rootFor(path);
      if (root != null && rootsSeen.add(root)) {
        progress = Progress.begin(client, workDoneProgress, "ftls",
            "Reading the compile database and Python headers of " + root.getFileName());
      }
      Settings s = projects.effective(path, root, settings);
      for (String p : s.problems) {
        if (!settings.problems.contains(p) && shownProjectProblems.add(p) && client != null) {
          client.showMessage(new MessageParams(MessageType.Warning, p));
        }
      }
      CompileFlags f = flags.resolve(path, s, root);
      result = analyzer.analyze(new SourceText(path, doc.text), f, s, facts.forFile(path, root));
    } catch (RuntimeException | StackOverflowError e) {
      log("analysis of " + uri + " failed: " + e);
      return;
    } finally {
      if (progress != null) {
        progress.end("Headers ready");
      }
    }
    warnIfPrelude(uri, doc, result);
    String previous = lastIncludeSource.put(uri, result.includeSource());
    if (!result.includeSource().equals(previous)) {
      log(uri + ": headers from " + result.includeSource());
    }
    for (String e : result.errors()) {
      log(uri + ": " + e);
    }
    List<Diagnostic> diags = new ArrayList<>();
    for (Finding f : result.findings()) {
      diags.add(Diagnostics.toDiagnostic(doc, f));
    }
    synchronized (publishLock) {
      Document now = docs.get(uri);
      if (now == null || now.version != doc.version || !Objects.equals(now.text, doc.text)
          || generation != settingsGeneration.get()) {
        return; // stale: a newer version of the document or of the settings is on its way
      }
      results.put(uri, new Analysis(doc.version, generation, result));
      if (client != null) {
        PublishDiagnosticsParams p = new PublishDiagnosticsParams(uri, diags);
        p.setVersion(doc.version);
        client.publishDiagnostics(p);
      }
    }
  }

  /**
   * Once per workspace: say so when a file that includes Python.h had to fall back to the built-in
   * prelude, and which setting fixes it.
   */
  private void warnIfPrelude(String uri, Document doc, FileResult result) {
    Path path = pathFor(uri);
    Path root = rootFor(path);
    String src = result.includeSource();
    if (client == null || root == null || !src.contains("prelude") || "none".equals(settings.python)
        || !doc.text.contains("Python.h") || !preludeWarned.add(root)) {
      return;
    }
    client.showMessage(new MessageParams(MessageType.Warning,
        "ftls could not find the Python headers for " + path.getFileName() + " (python3-config gave none), "
            + "so it uses its built-in prelude, which knows fewer macros. Set ftls.python to your "
            + "interpreter, ftls.includePaths to the folder with Python.h, or add a compile_commands.json."));
  }

  Path pathFor(String uri) {
    Path p = toPath(uri);
    if (p != null) {
      return p;
    }
    String name = uri.substring(uri.lastIndexOf('/') + 1);
    return Paths.get(name.isEmpty() ? "untitled.c" : name).toAbsolutePath();
  }

  private Path rootFor(Path file) {
    Path best = null;
    for (Path r : roots) {
      if (file.startsWith(r) && (best == null || r.getNameCount() > best.getNameCount())) {
        best = r;
      }
    }
    return best != null ? best : file.getParent();
  }

  static Path toPath(String uri) {
    try {
      URI u = URI.create(uri);
      return "file".equals(u.getScheme()) ? Paths.get(u).toAbsolutePath().normalize() : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  void log(String message) {
    System.err.println("ftls: " + message);
    LanguageClient c = client;
    if (c != null) {
      c.logMessage(new MessageParams(MessageType.Log, message));
    }
  }

  void shutdown() {
    timer.shutdownNow();
    workers.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
