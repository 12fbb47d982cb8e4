package dev.ftls.lsp;

import com.google.gson.JsonElement;
import dev.ftls.core.config.ProjectConfig;
import dev.ftls.core.config.ProjectFacts;
import dev.ftls.core.config.Settings;
import dev.ftls.core.config.SettingsJson;
import dev.ftls.core.index.Summarizer;
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
  /**
   * Delay before the analysis of an edit that arrives while the document's analysis is still
   * scheduled or running: a burst of edits faster than this (a paste in pieces, an editor's
   * formatting, multiple cursors) is analyzed once. An edit to a document with no analysis under
   * way is analyzed at once: a wait would only add to the time until its diagnostics.
   */
  static final long EDIT_DEBOUNCE_MS = Long.getLong("ftls.debounceMs", 25);

  final Analyzer analyzer;
  private final FlagsResolver flags;
  private final ProjectConfig projects = new ProjectConfig();
  private final ProjectFacts.Reader facts = new ProjectFacts.Reader();
  /** The problems of the editor's settings now in effect (shown when they appeared). */
  private volatile List<String> settingsProblems = List.of();
  /** Every problem already shown to the user, so that each is shown once. */
  private final java.util.Set<String> shownProblems = ConcurrentHashMap.newKeySet();
  private final Map<String, Document> docs = new ConcurrentHashMap<>();
  private final Map<String, Analysis> results = new ConcurrentHashMap<>();
  /** Per document, the latest analysis made with its fixes (for code actions; see {@link #withFixes}). */
  private final Map<String, Analysis> withFixes = new ConcurrentHashMap<>();
  private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
  /** Per document, how many of its analyses have left the timer and not ended. */
  private final Map<String, Integer> running = new ConcurrentHashMap<>();
  private final Map<String, String> lastIncludeSource = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("ftls-timer"));
  private final ExecutorService workers = Executors.newFixedThreadPool(2, daemon("ftls-analysis"));
  /**
   * Code actions and their resolution: an analysis with fixes can take a second on a large file,
   * so it runs here, one at a time, and never holds up the JSON-RPC thread (edits, hovers, cancels).
   */
  private final ExecutorService actions = Executors.newSingleThreadExecutor(daemon("ftls-actions"));
  private final Object publishLock = new Object();
  private volatile LanguageClient client;
  private volatile Settings settings = new Settings();
  /** Bumped on every settings change, so an analysis under old settings is never published. */
  private final java.util.concurrent.atomic.AtomicLong settingsGeneration = new java.util.concurrent.atomic.AtomicLong();
  private volatile List<Path> roots = List.of();
  private volatile boolean markdownHover = true;
  private volatile boolean pullConfiguration;
  private volatile boolean watchFiles;
  private volatile boolean workDoneProgress;
  private volatile boolean resolvesEdits;
  private final java.util.Set<Path> rootsSeen = ConcurrentHashMap.newKeySet();
  private final java.util.Set<Path> preludeWarned = ConcurrentHashMap.newKeySet();
  /** Analyses scheduled or running (the background index waits while there are any). */
  private final java.util.concurrent.atomic.AtomicInteger analyses = new java.util.concurrent.atomic.AtomicInteger();
  private final BackgroundIndex index;
  private volatile boolean indexing;
  /** A full collection once the server has been idle for a while, so that the heap shrinks. */
  private final IdleCollection idle = new IdleCollection(IdleCollection.IDLE_MS, System::nanoTime,
      () -> analyses.get() > 0, () -> log(IdleCollection.collectNow(IdleCollection.IDLE_MS)));

  record Analysis(int version, long generation, FileResult result) {}

  Workspace(Analyzer analyzer) {
    this.analyzer = analyzer;
    this.flags = new FlagsResolver(this::log);
    this.index = new BackgroundIndex(this);
    analyzer.separateIndexCache();
    idle.start(timer);
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
    var actions = td == null ? null : td.getCodeAction();
    resolvesEdits = actions != null && Boolean.TRUE.equals(actions.getDataSupport()) && actions.getResolveSupport() != null
        && actions.getResolveSupport().getProperties() != null && actions.getResolveSupport().getProperties().contains("edit");
    var ws = p.getCapabilities() == null ? null : p.getCapabilities().getWorkspace();
    pullConfiguration = ws != null && Boolean.TRUE.equals(ws.getConfiguration());
    watchFiles = ws != null && ws.getDidChangeWatchedFiles() != null
        && Boolean.TRUE.equals(ws.getDidChangeWatchedFiles().getDynamicRegistration());
    var window = p.getCapabilities() == null ? null : p.getCapabilities().getWindow();
    workDoneProgress = window != null && Boolean.TRUE.equals(window.getWorkDoneProgress());
    if (p.getInitializationOptions() instanceof JsonElement opts && carriesSettings(opts)) {
      applySettings(opts);
    }
    log("workspace roots: " + roots);
  }

  void initialized() {
    if (watchFiles && client != null) {
      // C and C++ files changed outside the editor keep the project index current
      org.eclipse.lsp4j.FileSystemWatcher watcher = new org.eclipse.lsp4j.FileSystemWatcher(
          org.eclipse.lsp4j.jsonrpc.messages.Either.forLeft("**/*.{c,h,cc,cpp,cxx,hpp,hh,hxx}"));
      client.registerCapability(new org.eclipse.lsp4j.RegistrationParams(List.of(new org.eclipse.lsp4j.Registration(
          "ftls-watch-sources", "workspace/didChangeWatchedFiles",
          new org.eclipse.lsp4j.DidChangeWatchedFilesRegistrationOptions(List.of(watcher))))))
          .exceptionally(e -> {
            log("the editor did not take the file watcher (" + reason(e) + "); files changed outside it are "
                + "seen by the index when they are opened or saved");
            return null;
          });
    }
    if (pullConfiguration && client != null) {
      ConfigurationItem item = new ConfigurationItem();
      item.setSection("ftls");
      client.configuration(new ConfigurationParams(List.of(item))).thenAccept(values -> {
        // the editor usually answers with what it sent in initialize: then nothing changes, and
        // the first analysis, already running, is not thrown away to be made again
        if (values != null && !values.isEmpty() && values.get(0) instanceof JsonElement je && carriesSettings(je)) {
          if (je.equals(appliedSettings)) {
            log("the editor's settings are those of initialize: nothing to analyze again");
          } else {
            applySettings(je);
          }
        }
      }).exceptionally(e -> {
        warnOnce("ftls could not read the settings the editor sent (" + e + "); keeping the previous ones");
        return null;
      }).whenComplete((v, e) -> startIndexing());
    } else {
      startIndexing();
    }
  }

  private volatile boolean initializedDone;
  /** The settings as the editor last sent them and they were applied (null before any). */
  private volatile JsonElement appliedSettings;

  /** Starts the background index of the workspace folders (once the settings are known). */
  private void startIndexing() {
    initializedDone = true;
    if (!roots.isEmpty() && settings.index) {
      indexing = true;
      analyzer.useProject(index.index());
      index.start(roots);
    }
  }

  /** The index follows the settings: started, built again for new compile settings, or stopped. */
  private void indexSettingsChanged(boolean parseKeyChanged) {
    if (!initializedDone) {
      return; // started once the settings are known
    }
    if (!settings.index) {
      if (indexing) {
        indexing = false;
        index.stop();
        analyzer.useProject(dev.ftls.core.semantic.ProjectView.NONE);
      }
    } else if (!indexing || parseKeyChanged) {
      startIndexing(); // the summaries depend on the compile settings
    }
  }

  /**
   * Whether a settings value says anything: null and empty answers (eglot sends {} when nothing is
   * configured, Neovim an empty table as []) keep the settings there are. Anything else is read,
   * and a value of the wrong shape is reported by the reader.
   */
  private static boolean carriesSettings(JsonElement e) {
    return !e.isJsonNull() && !(e.isJsonObject() && e.getAsJsonObject().isEmpty())
        && !(e.isJsonArray() && e.getAsJsonArray().isEmpty());
  }

  boolean markdownHover() {
    return markdownHover;
  }

  /**
   * Whether the editor resolves a code action's edit ({@code codeAction/resolve}, keeping {@code
   * data}): its fix actions then leave without edits, computed when one is picked.
   */
  boolean resolvesEdits() {
    return resolvesEdits;
  }

  /**
   * Reads new settings and re-analyzes every open document. Each problem of the new settings that
   * the previous ones did not have is shown (a problem fixed and made again is shown again);
   * settings that cannot be read at all are shown as such, and the previous ones stay.
   */
  void applySettings(JsonElement json) {
    Settings s;
    try {
      s = SettingsJson.read(json);
    } catch (RuntimeException e) {
      showNew(List.of("ftls settings could not be read (" + e.getClass().getSimpleName() + ": " + reason(e)
          + "); keeping the previous ones"));
      return;
    }
    String oldKey = settings.parseKey();
    synchronized (publishLock) {
      settings = s;
      settingsGeneration.incrementAndGet();
    }
    appliedSettings = json.deepCopy();
    if (!oldKey.equals(s.parseKey())) {
      analyzer.clearParseCaches();
    }
    indexSettingsChanged(!oldKey.equals(s.parseKey()));
    showNew(s.problems); // each names its origin
    for (String uri : docs.keySet()) {
      schedule(uri, 0);
    }
  }

  private void showNew(List<String> problems) {
    List<String> before = settingsProblems;
    settingsProblems = List.copyOf(problems);
    for (String p : problems) {
      if (!before.contains(p)) {
        warn(p);
      }
    }
  }

  Document get(String uri) {
    return uri == null ? null : docs.get(uri);
  }

  Analysis analysis(String uri) {
    return uri == null ? null : results.get(uri);
  }

  void open(Document d) {
    if (d.uri == null) {
      warnOnce("ftls ignored a document opened without a uri");
      return;
    }
    synchronized (publishLock) {
      docs.put(d.uri, d);
    }
    schedule(d.uri, 0);
  }

  /**
   * Applies an edit to an open document. An edit the server cannot apply leaves the document as
   * it was and is reported (a notification has no answer, so the user is told).
   */
  void change(String uri, java.util.function.UnaryOperator<Document> edit) {
    if (uri == null) {
      warnOnce("ftls ignored a change without a document uri");
      return;
    }
    String refused;
    synchronized (publishLock) {
      Document d = docs.get(uri);
      if (d == null) {
        return;
      }
      try {
        docs.put(uri, edit.apply(d));
        refused = null;
      } catch (Document.InvalidChange e) {
        refused = e.getMessage() + "; it keeps the text of version " + d.version;
      }
    }
    if (refused != null) {
      warnOnce("ftls ignored an invalid change to " + uri + ": " + refused);
      return;
    }
    schedule(uri, underWay(uri) ? EDIT_DEBOUNCE_MS : 0);
  }

  /** Whether an analysis of the document is scheduled and not started, or running. */
  private boolean underWay(String uri) {
    ScheduledFuture<?> next = pending.get(uri);
    return (next != null && !next.isDone()) || running.containsKey(uri);
  }

  void close(String uri) {
    if (uri == null) {
      return;
    }
    synchronized (publishLock) {
      docs.remove(uri);
      results.remove(uri);
      withFixes.remove(uri);
      ScheduledFuture<?> f = pending.remove(uri);
      if (f != null) {
        f.cancel(false);
      }
    }
    if (client != null) {
      client.publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
    }
    ScheduledFuture<?> summary = pendingSummaries.remove(uri);
    if (summary != null) {
      summary.cancel(false);
    }
    Path path = toPath(uri);
    if (path != null && indexing) {
      index.refresh(path); // its summary came from the editor's text; the file on disk is what counts now
    }
  }

  void schedule(String uri, long delayMs) {
    analyses.incrementAndGet();
    lastActivity = System.nanoTime();
    Runnable ended = () -> {
      running.computeIfPresent(uri, (k, n) -> n == 1 ? null : n - 1);
      lastActivity = System.nanoTime();
      analyses.decrementAndGet();
      idle.worked();
    };
    // counted as running from the moment it leaves the timer, so that an edit never finds it in
    // neither state (underWay)
    ScheduledFuture<?> next = timer.schedule(() -> {
      running.merge(uri, 1, Integer::sum);
      try {
        workers.execute(() -> {
          try {
            analyze(uri);
          } finally {
            ended.run();
          }
        });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        ended.run(); // shutting down
      }
    }, delayMs, TimeUnit.MILLISECONDS);
    ScheduledFuture<?> old = pending.put(uri, next);
    if (old != null && old.cancel(false)) {
      analyses.decrementAndGet();
    }
  }

  /** How long the documents must have been quiet before the background index does more work. */
  static final long QUIET_MS = Long.getLong("ftls.indexQuietMs", 750);

  /** When a document's analysis was last scheduled or finished (System.nanoTime). */
  private volatile long lastActivity = System.nanoTime();

  /**
   * Lets the background index wait while documents are being edited or analyzed: until nothing is
   * scheduled or running and nothing was for {@link #QUIET_MS} (diagnostics come first; while
   * the user types, indexing pauses). Gives up waiting after a minute, so indexing always ends.
   */
  void waitWhileAnalyzing() {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < until
        && (analyses.get() > 0 || System.nanoTime() - lastActivity < TimeUnit.MILLISECONDS.toNanos(QUIET_MS))) {
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Work other than a document's analysis (the index's) ended: the server is not idle. */
  void worked() {
    idle.worked();
  }

  boolean isOpen(Path file) {
    for (String uri : docs.keySet()) {
      if (file.equals(toPath(uri))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The project index's facts changed: the open documents (but {@code except}, whose own edit
   * it was) are analyzed again, after a pause so that a burst of changes analyzes them once.
   */
  void factsChanged(Path except) {
    for (String uri : docs.keySet()) {
      if (except == null || !except.equals(toPath(uri))) {
        schedule(uri, 300);
      }
    }
  }

  /** A C or C++ file changed on disk (the client's file watcher): the index follows it. */
  void fileChangedOnDisk(String uri, boolean deleted) {
    Path path = toPath(uri);
    if (path == null || !indexing || !dev.ftls.core.source.SourceFiles.isSource(path) || docs.containsKey(uri)) {
      return;
    }
    if (deleted) {
      index.removed(path);
    } else {
      index.refresh(path);
    }
  }

  /** The compile flags the index summarizes a file with (those its analysis gets). */
  CompileFlags indexFlags(Path file, String text) {
    Path root = rootFor(file);
    return flagsFor(file, text, projects.effective(file, root, settings), root);
  }

  /** What a file's index summary depends on besides its text (see {@link Summarizer#flagsKey}). */
  String indexKey(Path file, CompileFlags f) {
    return Summarizer.flagsKey(f, projects.effective(file, rootFor(file), settings).target);
  }

  /** Parses and summarizes a file for the index (null when it cannot be parsed). */
  dev.ftls.core.index.FileSummary summarize(Path file, String text, CompileFlags f, String stamp) {
    Settings s = projects.effective(file, rootFor(file), settings);
    return analyzer.summarize(new SourceText(file, text), f == null ? indexFlags(file, text) : f, s, stamp);
  }

  /** A $/progress report with a percentage (null when the client cannot show one). */
  Progress progress(String title, String message) {
    return Progress.begin(client, workDoneProgress, title, message, true);
  }

  /** The workspace folder a file belongs to (its own folder when it is in none). */
  Path rootOf(Path file) {
    return rootFor(file);
  }

  /** The settings in effect for a document: the editor's over its project's pyproject.toml. */
  Settings settingsFor(Document doc) {
    Path path = pathFor(doc.uri);
    return projects.effective(path, rootFor(path), settings);
  }

  /**
   * What a document is analyzed with ({@code ftls.showSettings}): its compile settings with their
   * origins, the includes they find, and the ftls settings in effect for it; for a file that is not
   * open, its text on disk. Null when the URI names neither.
   */
  String settingsReport(String uri) {
    Document doc = docs.get(uri);
    Path path = pathFor(uri);
    String text;
    if (doc != null) {
      text = doc.text;
    } else {
      try {
        text = java.nio.file.Files.readString(path);
      } catch (java.io.IOException | RuntimeException e) {
        return null;
      }
    }
    Path root = rootFor(path);
    Settings s = projects.effective(path, root, settings);
    CompileFlags f = flagsFor(path, text, s, root);
    f.problems.addAll(0, s.problems);
    return dev.ftls.core.config.FileSettingsReport.withRules(path, text, f, s, projects.forFile(path, root).file(), root);
  }

  /**
   * The analysis of a document's current text with the current settings and with its fixes, made on
   * the caller's thread the first time a code action asks for it and then kept for that version
   * (editors ask on every cursor move). Published diagnostics are analyzed without fixes, so an
   * edit costs no fix that nobody asks for.
   */
  FileResult withFixes(Document doc) {
    long generation = settingsGeneration.get();
    Analysis a = withFixes.get(doc.uri);
    if (a != null && a.version() == doc.version && a.generation() == generation
        && a.result().source().text().equals(doc.text)) {
      return a.result();
    }
    FileResult r = analyzeNow(doc, doc.text);
    if (docs.get(doc.uri) != null) {
      withFixes.put(doc.uri, new Analysis(doc.version, generation, r));
    }
    return r;
  }

  /** Analyzes another text for a document's file (a fix-all round), on the caller's thread. */
  FileResult analyzeNow(Document doc, String text) {
    Path path = pathFor(doc.uri);
    Path root = rootFor(path);
    Settings s = projects.effective(path, root, settings);
    return analyzer.analyze(new SourceText(path, text), flagsFor(path, text, s, root), s, facts.forFile(path, root));
  }

  /**
   * The compile flags for a file, their problems shown to the user; flags that cannot be resolved
   * at all (a setting no path can hold) are reported and replaced by none, so the file is still
   * analyzed with the built-in prelude. The includes the workspace search looks for are those of
   * the editor's text, saved or not.
   */
  private CompileFlags flagsFor(Path path, String text, Settings s, Path root) {
    CompileFlags f;
    try {
      f = flags.resolve(path, text, s, root);
    } catch (RuntimeException e) {
      warnOnce("ftls could not use the include settings for " + path.getFileName() + " (" + reason(e)
          + "); analyzing it with the built-in prelude");
      return new CompileFlags();
    }
    f.problems.forEach(this::warnOnce);
    return f;
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
        if (!settingsProblems.contains(p)) {
          warnOnce(p); // the project's own (pyproject.toml); the editor's were shown when they came
        }
      }
      CompileFlags f = flagsFor(path, doc.text, s, root);
      // without fixes: they are computed when a code action asks for them (withFixes)
      result = analyzer.analyze(new SourceText(path, doc.text, doc.lines()), f, s, facts.forFile(path, root),
          indexing ? Summarizer.flagsKey(f, s.target) : null, false);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      log("analysis of " + uri + " failed: " + e);
      result = FileResult.notAnalyzed(new SourceText(pathFor(uri), doc.text), "the analysis failed (" + reason(e) + ")");
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
    if (result.status() != FileResult.Status.ANALYZED) {
      log(uri + ": " + result.status().label() + ": "
          + (result.notAnalyzed() != null ? result.notAnalyzed() : String.join("; ", result.errors())));
    }
    for (String n : result.notes()) {
      log(uri + ": note: " + n);
    }
    List<Diagnostic> diags = new ArrayList<>(Diagnostics.statusDiagnostics(doc, result));
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
    if (result.summary() != null) {
      // once the document has been quiet for a moment, on the index's own thread: keeping the
      // index current never delays diagnostics, nor runs for every keystroke
      ScheduledFuture<?> next = timer.schedule(() -> index.whenQuiet(() -> summarizeOpen(uri, doc.version)),
          QUIET_MS, TimeUnit.MILLISECONDS);
      ScheduledFuture<?> old = pendingSummaries.put(uri, next);
      if (old != null) {
        old.cancel(false);
      }
    }
  }

  private final Map<String, ScheduledFuture<?>> pendingSummaries = new ConcurrentHashMap<>();

  /** Puts the summary of an open document's latest analysis into the index, if it is still current. */
  private void summarizeOpen(String uri, int version) {
    Analysis a = results.get(uri);
    Document now = docs.get(uri);
    if (a == null || now == null || a.version() != version || now.version != version) {
      return; // edited since: a newer analysis will summarize it
    }
    index.fromEditor(pathFor(uri), analyzer.summaryOf(a.result()));
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
    try {
      return Paths.get(name.isEmpty() ? "untitled.c" : name).toAbsolutePath();
    } catch (java.nio.file.InvalidPathException e) {
      return Paths.get("untitled.c").toAbsolutePath(); // a name no path can hold (a NUL): still a document
    }
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

  /** Shows a problem to the user (a warning) the first time it occurs, and logs it. */
  void warnOnce(String problem) {
    if (shownProblems.add(problem)) {
      warn(problem);
    }
  }

  /** Shows a problem to the user as a warning, and logs it. */
  private void warn(String problem) {
    log(problem);
    LanguageClient c = client;
    if (c != null) {
      c.showMessage(new MessageParams(MessageType.Warning, problem));
    }
  }

  /** An exception in a user's words: its message, or its kind when it has none. */
  static String reason(Throwable e) {
    return e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage() : e.getClass().getSimpleName();
  }

  void log(String message) {
    System.err.println("ftls: " + message);
    LanguageClient c = client;
    if (c != null) {
      c.logMessage(new MessageParams(MessageType.Log, message));
    }
  }

  void shutdown() {
    index.shutdown();
    timer.shutdownNow();
    workers.shutdownNow();
    actions.shutdownNow();
  }

  /**
   * {@code work} on the code-action thread. Its answer is for the document as it was when asked;
   * when the document has changed by the time it is ready, the answer is {@code stale} instead,
   * since edits made for an older text must never reach a newer one.
   */
  <T> java.util.concurrent.CompletableFuture<T> forAction(Document asked, java.util.function.Supplier<T> work, T stale) {
    return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      T answer;
      try {
        answer = work.get();
      } finally {
        idle.worked();
      }
      Document now = get(asked.uri);
      return now != null && now.version == asked.version && now.text.equals(asked.text) ? answer : stale;
    }, actions);
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
