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
  private final String stamp;
  private FileSummary value;

  PendingSummary(FileModel model, String stamp) {
    this.model = model;
    this.stamp = stamp;
  }

  /** The summary, or null when it could not be made (the index keeps the file's previous one). */
  synchronized FileSummary compute(Deadline deadline) {
    if (model != null) {
      FileModel m = model.withDeadline(deadline);
      model = null;
      try {
        value = Summarizer.summarize(m, stamp);
      } catch (RuntimeException | StackOverflowError e) {
        value = null;
      }
    }
    return value;
  }
}
