package dev.ftls.core.rules;

import dev.ftls.core.index.FileSummary;
import dev.ftls.core.index.Summarizer;
import dev.ftls.core.parse.Deadline;
import dev.ftls.core.semantic.FileModel;

/**
 * A file's project-index summary, made on first request from the model the rules saw (no second
 * parse), after which the model is let go. The server asks for it once the file's diagnostics are
 * published, so keeping the index current never delays them.
 */
public final class PendingSummary {
  private FileModel model;
  private final String flagsKey;
  private FileSummary value;

  /** {@code flagsKey}: what the summary depends on besides the text (see {@link Summarizer#stamp}). */
  PendingSummary(FileModel model, String flagsKey) {
    this.model = model;
    this.flagsKey = flagsKey;
  }

  /** The summary, or null when it could not be made (the index keeps the file's previous one). */
  synchronized FileSummary compute(Deadline deadline) {
    if (model != null) {
      FileModel m = model.withDeadline(deadline);
      model = null;
      try {
        value = Summarizer.summarize(m, Summarizer.stamp(m.text(), flagsKey)); // hashed here, after publishing
      } catch (RuntimeException | StackOverflowError e) {
        value = null;
      }
    }
    return value;
  }
}
