package dev.ftls.lsp;

import dev.ftls.core.index.FileSummary;
import dev.ftls.core.index.IndexBuilder;
import dev.ftls.core.index.IndexStore;
import dev.ftls.core.index.ProjectIndex;
import dev.ftls.core.parse.CompileFlags;
import dev.ftls.core.rules.Analyzer;
import dev.ftls.core.source.SourceFiles;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's project index of the workspace, built in the background (as clangd builds its
 * index): every C and C++ file of the workspace folders is summarized, from the on-disk index when
 * it is unchanged, with {@code $/progress} while it runs; open documents are summarized from their
 * analysis instead, so an edit updates the index without a second parse. When the facts change,
 * the open documents are analyzed again. Indexing waits while a document's analysis is pending,
 * so it never holds up diagnostics for more than one file's parse.
 */
final class BackgroundIndex {
  /** At most this many files of a workspace are indexed (the rest are named in the log). */
  static final int MAX_FILES = 20_000;

  private final Workspace ws;
  private final ProjectIndex index = new ProjectIndex();
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "ftls-index");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    return t;
  });
  /** Bumped when indexing starts again (new settings): an older run stops. */
  private final AtomicLong run = new AtomicLong();
  private final Map<Path, IndexStore> stores = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile Map<String, String> env = System.getenv();
  /** The flags of the file being indexed, for its summary (resolved once). */
  private final Map<Path, CompileFlags> flagsOf = new java.util.concurrent.ConcurrentHashMap<>();

  BackgroundIndex(Workspace ws) {
    this.ws = ws;
  }

  ProjectIndex index() {
    return index;
  }

  /** For tests: where the on-disk index lives comes from this environment. */
  void environment(Map<String, String> env) {
    this.env = env;
  }

  /** Indexes the workspace folders (again), in the background. */
  void start(List<Path> roots) {
    long mine = run.incrementAndGet();
    worker.execute(() -> indexAll(roots, mine));
  }

  /** A file changed or appeared on disk (and is not open): brings its summary up to date. */
  void refresh(Path file) {
    worker.execute(() -> {
      ws.waitWhileAnalyzing();
      List<String> problems = new ArrayList<>();
      if (indexOne(file, builderFor(ws.rootOf(file)), problems)) {
        ws.factsChanged(null);
      }
      problems.forEach(p -> ws.log("project index: " + p));
    });
  }

  /** A file was deleted. */
  void removed(Path file) {
    worker.execute(() -> {
      if (index.get(file) != null) {
        index.remove(file);
        ws.factsChanged(null);
      }
    });
  }

  /** Runs work on the index's thread once the documents are quiet (see {@link Workspace#waitWhileAnalyzing}). */
  void whenQuiet(Runnable work) {
    urgent.add(work);
    worker.execute(() -> {
      ws.waitWhileAnalyzing();
      drainUrgent();
    });
  }

  /** Work that goes before the next file of a workspace walk (an open document's summary). */
  private final java.util.Queue<Runnable> urgent = new java.util.concurrent.ConcurrentLinkedQueue<>();

  private void drainUrgent() {
    for (Runnable r = urgent.poll(); r != null; r = urgent.poll()) {
      try {
        r.run();
      } catch (RuntimeException e) {
        ws.log("project index: " + e);
      } finally {
        ws.worked();
      }
    }
  }

  /** The summary of an open document, made from its analysis. */
  void fromEditor(Path file, FileSummary s) {
    if (s != null && index.put(file, s)) {
      ws.factsChanged(file);
    }
  }

  /** Stops indexing (the setting was turned off); what was indexed stays until it starts again. */
  void stop() {
    run.incrementAndGet();
  }

  void shutdown() {
    run.incrementAndGet();
    worker.shutdownNow();
  }

  private void indexAll(List<Path> roots, long mine) {
    List<Path> files = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Path root : roots) {
      SourceFiles.Found found = SourceFiles.under(root, MAX_FILES - files.size());
      files.addAll(found.files());
      problems.addAll(found.problems());
      if (found.truncated()) {
        problems.add(root + ": more than " + MAX_FILES + " C and C++ files; the index covers the first " + MAX_FILES);
      }
    }
    if (files.isEmpty()) {
      return;
    }
    Progress progress = ws.progress("ftls: indexing", files.size() + " C and C++ file(s) of the workspace");
    Map<Path, IndexBuilder> builders = new HashMap<>();
    boolean changed = false;
    int done = 0;
    int lastPercent = 0;
    for (Path f : files) {
      if (run.get() != mine || Thread.currentThread().isInterrupted()) {
        if (progress != null) {
          progress.end("Stopped: indexing starts again");
        }
        return;
      }
      ws.waitWhileAnalyzing();
      drainUrgent();
      if (!ws.isOpen(f)) {
        Path root = ws.rootOf(f);
        IndexBuilder b = builders.computeIfAbsent(root, this::builderFor);
        changed |= indexOne(f, b, problems);
      }
      done++;
      int percent = done * 100 / files.size();
      if (progress != null && percent >= lastPercent + 5) {
        lastPercent = percent;
        progress.report(done + "/" + files.size() + " files", percent);
      }
    }
    StringBuilder summary = new StringBuilder("project index: ");
    int fromDisk = 0;
    int computed = 0;
    for (IndexBuilder b : builders.values()) {
      fromDisk += b.fromDisk();
      computed += b.computed();
      if (b.saveProblem() != null) {
        problems.add(b.saveProblem());
      }
    }
    summary.append(files.size()).append(" file(s): ").append(fromDisk).append(" from the on-disk index, ")
        .append(computed).append(" summarized");
    ws.log(summary.toString());
    for (String p : problems) {
      ws.log("project index: " + p);
    }
    if (progress != null) {
      progress.end("Indexed " + files.size() + " file(s)");
    }
    if (changed) {
      ws.factsChanged(null);
    }
  }

  private IndexBuilder builderFor(Path root) {
    IndexStore store = root == null ? null : stores.computeIfAbsent(root, r -> IndexStore.forWorkspace(r, env));
    return new IndexBuilder(index, store, (file, text, stamp) -> ws.summarize(file, text, flagsOf.get(file), stamp));
  }

  /** Reads and indexes one file; a file that cannot be read as text is left out, with the reason. */
  private boolean indexOne(Path f, IndexBuilder builder, List<String> problems) {
    String text;
    try {
      if (!Files.isRegularFile(f)) {
        index.remove(f);
        return false;
      }
      if (Files.size(f) > Analyzer.MAX_CHARS * 4L) {
        problems.add(f + ": left out: larger than the analysis limit");
        return false;
      }
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(f))).toString();
    } catch (CharacterCodingException e) {
      text = new String(readQuietly(f), StandardCharsets.ISO_8859_1);
    } catch (IOException | SecurityException e) {
      problems.add(f + ": left out: " + dev.ftls.core.source.IoReason.of(e));
      return false;
    }
    if (text.indexOf('\0') >= 0) {
      problems.add(f + ": left out: it looks binary");
      return false;
    }
    CompileFlags flags = ws.indexFlags(f, text);
    flagsOf.put(f, flags);
    try {
      return builder.add(f, text, ws.indexKey(f, flags));
    } finally {
      flagsOf.remove(f);
      ws.worked();
    }
  }

  private static byte[] readQuietly(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (IOException | SecurityException e) {
      return new byte[0];
    }
  }
}
