package dev.ftls.core.index;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fills a {@link ProjectIndex} with the summaries of files: from the on-disk store when a shard's
 * stamp matches, else parsed and summarized (and saved). Used by {@code ftls check} for the files it
 * checks and by the server's background indexing of the workspace. Files may be added from several
 * threads at once (distinct files).
 */
public final class IndexBuilder {
  /** Parses and summarizes one file; null when it cannot be parsed (its own check says why). */
  public interface Summarize {
    FileSummary apply(Path file, String text, String stamp);
  }

  private final ProjectIndex index;
  private final IndexStore store;
  private final Summarize summarize;
  private final AtomicInteger fromDisk = new AtomicInteger();
  private final AtomicInteger computed = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicReference<String> saveProblem = new AtomicReference<>();

  /** {@code store} may be null: nothing is kept on disk. */
  public IndexBuilder(ProjectIndex index, IndexStore store, Summarize summarize) {
    this.index = index;
    this.store = store;
    this.summarize = summarize;
  }

  /**
   * Brings one file's summary into the index; returns whether the index's facts changed.
   *
   * @param flagsKey what the file's compile settings and target are (see {@code CompileFlags.key})
   */
  public boolean add(Path file, String text, String flagsKey) {
    String stamp = Summarizer.stamp(text, flagsKey);
    if (current(file, stamp)) {
      return false;
    }
    FileSummary s = stored(file, stamp);
    if (s == null) {
      s = summarize.apply(file, text, stamp);
      if (s == null) {
        failed.incrementAndGet();
        return false;
      }
      computed.incrementAndGet();
      if (store != null) {
        String problem = store.save(s);
        if (problem != null) {
          saveProblem.compareAndSet(null, problem);
        }
      }
    }
    return index.put(file, s);
  }

  /**
   * Brings one file's summary into the index when the index or the on-disk store has it for this
   * text and settings; returns whether it did (else {@link #add} summarizes the file).
   */
  public boolean addStored(Path file, String text, String flagsKey) {
    String stamp = Summarizer.stamp(text, flagsKey);
    if (current(file, stamp)) {
      return true;
    }
    FileSummary s = stored(file, stamp);
    if (s == null) {
      return false;
    }
    index.put(file, s);
    return true;
  }

  /** Whether the index has the file's summary for this stamp. */
  private boolean current(Path file, String stamp) {
    FileSummary current = index.get(file);
    return current != null && stamp.equals(current.stamp());
  }

  /** The on-disk store's summary of the file for this stamp, or null. */
  private FileSummary stored(Path file, String stamp) {
    FileSummary s = store == null ? null : store.load(file, stamp);
    if (s != null) {
      fromDisk.incrementAndGet();
    }
    return s;
  }

  /** "12 files: 9 from the cache, 3 summarized" for logs. */
  public String describe() {
    int disk = fromDisk.get();
    int made = computed.get();
    int bad = failed.get();
    return (disk + made + bad) + " file(s): " + disk + " from the on-disk index, " + made
        + " summarized" + (bad > 0 ? ", " + bad + " could not be parsed" : "");
  }

  public int fromDisk() {
    return fromDisk.get();
  }

  public int computed() {
    return computed.get();
  }

  /** Why the on-disk index could not be written (the first such problem), or null. */
  public String saveProblem() {
    return saveProblem.get();
  }
}
