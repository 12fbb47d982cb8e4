package dev.ftls.core.rules;

import dev.ftls.core.config.ProjectFacts;
import dev.ftls.core.config.Settings;
import dev.ftls.core.fix.Fix;
import dev.ftls.core.fix.TextEdit;
import dev.ftls.core.index.FileSummary;
import dev.ftls.core.index.Summarizer;
import dev.ftls.core.kb.KnowledgeBase;
import dev.ftls.core.parse.CParser;
import dev.ftls.core.parse.CompileFlags;
import dev.ftls.core.parse.Deadline;
import dev.ftls.core.parse.ParseFailure;
import dev.ftls.core.parse.ParsedFile;
import dev.ftls.core.rules.builtin.UnusedSuppression;
import dev.ftls.core.semantic.FileModel;
import dev.ftls.core.semantic.ProjectView;
import dev.ftls.core.semantic.TimeBudgetExceeded;
import dev.ftls.core.source.SourceText;
import dev.ftls.core.source.Timings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Runs the rules on one file. The CLI and the language server both call this, so a file gives the
 * same findings in the editor and in CI. It never throws, not even an {@link Error}: every file
 * gets a result. A file the parser cannot get through (binary, huge, nested past the stack, over
 * its time or token budget, out of memory) is "not analyzed" with the reason; a rule that fails
 * becomes an error entry and the other rules still run. The work runs on {@link AnalysisThreads}
 * (big stacks) within a time budget per file ({@link Deadline#DEFAULT_BUDGET}).
 */
public final class Analyzer {
  /** Files larger than this are not analyzed (generated code, amalgamations). */
  public static final int MAX_CHARS = 4 * 1024 * 1024;

  private final KnowledgeBase kb;
  private final List<Rule> rules;
  private final CParser parser = new CParser();
  /**
   * Parses for the project index in the server, with their own cache of header preambles:
   * indexing a workspace of many include sets in the background never pushes the preambles of the
   * files being edited out of {@link #parser}. The CLI shares one cache (each file is summarized,
   * then analyzed).
   */
  private volatile CParser indexParser = parser;
  private final Duration timeBudget;
  private final Duration grace;
  private volatile ProjectView project = ProjectView.NONE;

  public Analyzer(KnowledgeBase kb, List<Rule> rules) {
    this(kb, rules, Deadline.DEFAULT_BUDGET);
  }

  /** An analyzer whose files each get {@code timeBudget} of wall-clock time, parse and rules. */
  public Analyzer(KnowledgeBase kb, List<Rule> rules, Duration timeBudget) {
    this(kb, rules, timeBudget, AnalysisThreads.graceFor(timeBudget));
  }

  /**
   * With {@code grace}: how long past the budget to wait for work that does not stop by itself
   * before the file is reported as not analyzed (see {@link AnalysisThreads#call}).
   */
  Analyzer(KnowledgeBase kb, List<Rule> rules, Duration timeBudget, Duration grace) {
    this.kb = kb;
    this.rules = List.copyOf(rules);
    this.timeBudget = timeBudget;
    this.grace = grace;
  }

  public Analyzer(KnowledgeBase kb) {
    this(kb, RuleRegistry.all());
  }

  /** What the rest of the project says (the project index) to every later analysis; NONE by default. */
  public void useProject(ProjectView project) {
    this.project = project == null ? ProjectView.NONE : project;
  }

  /**
   * The project-index summary of a file (parsed like {@link #analyze}, no rule run), or null when
   * it cannot be parsed within the budget: its own analysis reports why.
   */
  public FileSummary summarize(SourceText src, CompileFlags flags, Settings settings, String stamp) {
    if (refusal(src.text()) != null) {
      return null;
    }
    Deadline deadline = Deadline.after(timeBudget);
    try {
      return AnalysisThreads.call(() -> {
        ParsedFile parsed = indexParser.parse(src, flags, settings.target, deadline);
        FileModel model = new FileModel(parsed, kb, settings.target, flags, ProjectFacts.NONE).withDeadline(deadline);
        try (Timings.Span span = Timings.start("index: summaries")) {
          return Summarizer.summarize(model, stamp);
        }
      }, deadline, grace);
    } catch (Throwable e) {
      return null;
    }
  }

  /**
   * The project-index summary of an analyzed file, from the model its rules saw, made within the
   * time budget on an analysis thread; null when the analysis was not asked for one, or it cannot
   * be made.
   */
  public FileSummary summaryOf(FileResult r) {
    if (r.summary() == null) {
      return null;
    }
    Deadline deadline = Deadline.after(timeBudget);
    try {
      return AnalysisThreads.call(() -> r.summary().compute(deadline), deadline, grace);
    } catch (Throwable e) {
      return null;
    }
  }

  public KnowledgeBase kb() {
    return kb;
  }

  public CParser parser() {
    return parser;
  }

  /** Gives the project index's parses a preamble cache of their own (the server's background index). */
  public void separateIndexCache() {
    if (indexParser == parser) {
      CParser own = new CParser();
      if (headerCache != null) {
        own.useHeaderCache(headerCache);
      }
      indexParser = own;
    }
  }

  private volatile java.nio.file.Path headerCache;

  /** Keeps the parsers' header layers in this cache folder between runs too (null: in memory only). */
  public void useHeaderCache(java.nio.file.Path cacheFolder) {
    headerCache = cacheFolder;
    parser.useHeaderCache(cacheFolder);
    if (indexParser != parser) {
      indexParser.useHeaderCache(cacheFolder);
    }
  }

  /** Saves the header layers that a scan's parsers read ({@link CParser#saveHeaderLayers}). */
  public void saveHeaderLayers() {
    parser.saveHeaderLayers();
    if (indexParser != parser) {
      indexParser.saveHeaderLayers();
    }
  }

  /** Drops every cached header preamble (after a configuration change). */
  public void clearParseCaches() {
    parser.clearCache();
    if (indexParser != parser) {
      indexParser.clearCache();
    }
  }

  public FileResult analyze(SourceText src, CompileFlags flags, Settings settings) {
    return analyze(src, flags, settings, ProjectFacts.NONE);
  }

  /** Analyzes with what the project's build files say (limited API, nanobind options). */
  public FileResult analyze(SourceText src, CompileFlags flags, Settings settings, ProjectFacts facts) {
    return analyze(src, flags, settings, facts, null);
  }

  /**
   * As {@link #analyze(SourceText, CompileFlags, Settings, ProjectFacts)}, and with {@code
   * summaryKey} not null (what the summary depends on besides the text: the compile settings and
   * target) the result can also give the file's project-index summary ({@link #summaryOf}), made
   * from the same parse (the server keeps the index current this way while a file is edited).
   */
  /** Why a file an {@code exclude} pattern matches is skipped (the editor shows it; the CLI leaves such files out). */
  public static final String EXCLUDED = "an exclude pattern matches it (pyproject.toml [tool.ftls] or the editor's settings)";

  public FileResult analyze(SourceText src, CompileFlags flags, Settings settings, ProjectFacts facts, String summaryKey) {
    return analyze(src, flags, settings, facts, summaryKey, true);
  }

  /**
   * As {@link #analyze(SourceText, CompileFlags, Settings, ProjectFacts, String)}; with {@code fixes}
   * false the findings come without their fixes, which are then not computed at all (the language
   * server publishes diagnostics so and computes the fixes when a code action is asked for). The
   * findings are the same either way.
   */
  public FileResult analyze(SourceText src, CompileFlags flags, Settings settings, ProjectFacts facts, String summaryKey,
      boolean fixes) {
    return analyze(src, flags, settings, facts, summaryKey, fixes, project, null);
  }

  /** A file's analysis and its project-index summary, from one parse ({@link #analyzeForIndex}). */
  public record Indexed(FileResult result, FileSummary summary) {}

  /**
   * Analyzes a file as {@link #analyze(SourceText, CompileFlags, Settings, ProjectFacts)} does, its
   * rules asking {@code view} about the rest of the project instead of the analyzer's project, and
   * summarizes it for the project index from the same parse exactly as {@link #summarize} does (a
   * summary is the file's alone: made with no project view or facts); within the analysis's time
   * budget, else, or when the analysis did not parse the file, by {@link #summarize}.
   */
  public Indexed analyzeForIndex(SourceText src, CompileFlags flags, Settings settings, ProjectFacts facts,
      ProjectView view, String stamp) {
    FileSummary[] summary = new FileSummary[1];
    FileResult r = analyze(src, flags, settings, facts, null, true, view, (rulesModel, deadline) -> {
      try {
        // what depends on the parse alone is the rules' already
        FileModel model = rulesModel.alone().withDeadline(deadline);
        try (Timings.Span span = Timings.start("index: summaries")) {
          summary[0] = Summarizer.summarize(model, stamp);
        }
      } catch (RuntimeException | StackOverflowError e) {
        summary[0] = null; // summarized again below
      }
    });
    return new Indexed(r, summary[0] != null ? summary[0] : summarize(src, flags, settings, stamp));
  }

  /** What an analysis does with its parse once its findings are made (besides the rules). */
  private interface AfterRules {
    /** @param model the rules' model of the file */
    void accept(FileModel model, Deadline deadline);
  }

  private FileResult analyze(SourceText src, CompileFlags flags, Settings settings, ProjectFacts facts, String summaryKey,
      boolean fixes, ProjectView view, AfterRules after) {
    String fileName = src.path().getFileName() == null ? "" : src.path().getFileName().toString();
    if (settings.excluded) {
      return FileResult.skipped(src, EXCLUDED);
    }
    if (VENDORED.contains(fileName)) {
      return FileResult.skipped(src, "a vendored compatibility header (its findings would be the shims themselves)");
    }
    String generated = dev.ftls.core.source.GeneratedCode.skipReason(src.text());
    if (generated != null) {
      return FileResult.skipped(src, generated);
    }
    String refusal = refusal(src.text());
    if (refusal != null) {
      return FileResult.notAnalyzed(src, refusal);
    }
    Deadline deadline = Deadline.after(timeBudget);
    try {
      return AnalysisThreads.call(() -> {
        try (Timings.Span span = Timings.start("analysis besides the phases above")) {
          return analyzeWithin(src, flags, settings, facts, deadline, summaryKey, fixes, view, after);
        }
      }, deadline, grace);
    } catch (AnalysisThreads.Abandoned e) {
      return FileResult.notAnalyzed(src, deadline.exceededReason() + ", and ftls stopped waiting for it");
    } catch (ExecutionException e) {
      return FileResult.notAnalyzed(src, "ftls failed on it: " + failure(e.getCause()));
    } catch (Throwable e) {
      return FileResult.notAnalyzed(src, "ftls failed on it: " + failure(e));
    }
  }

  private FileResult analyzeWithin(SourceText src, CompileFlags flags, Settings settings, ProjectFacts facts, Deadline deadline,
      String summaryKey, boolean fixes, ProjectView view, AfterRules after) {
    ParsedFile parsed;
    try {
      parsed = parser.parse(src, flags, settings.target, deadline);
    } catch (ParseFailure e) {
      return FileResult.notAnalyzed(src, e.reason());
    } catch (StackOverflowError e) {
      return FileResult.notAnalyzed(src, "it is nested too deeply for the parser (the stack overflowed)");
    } catch (OutOfMemoryError e) {
      return FileResult.notAnalyzed(src, "the parser ran out of memory on it");
    } catch (Throwable e) {
      return FileResult.notAnalyzed(src, "the parser failed: " + e);
    }
    RuleContext ctx = new RuleContext(parsed, kb, settings.target, flags, facts)
        .withMinimumPython(settings.minimumPython)
        .withDeadline(deadline)
        .withProject(view)
        .withFixes(fixes);
    List<String> errors = new ArrayList<>();
    boolean python = ctx.usesPython();
    List<String> notRun = new ArrayList<>();
    for (Rule rule : rules) {
      if (!python) {
        break; // not extension code: a bundled C library or a helper program
      }
      if (!settings.isEnabled(rule.meta().id())) {
        continue;
      }
      if (deadline.passed()) {
        notRun.add(rule.meta().id());
        continue;
      }
      try (Timings.Span span = Timings.start("rule " + rule.meta().id())) {
        rule.check(ctx);
      } catch (TimeBudgetExceeded e) {
        notRun.add(rule.meta().id() + " (stopped)");
      } catch (Throwable e) {
        errors.add("rule " + rule.meta().id() + " failed on this file: " + failure(e));
      }
    }
    if (!notRun.isEmpty()) {
      errors.add(deadline.exceededReason() + "; rules not run or not finished: " + String.join(", ", notRun));
    }
    Suppressions suppressions = Suppressions.scan(src.text(), src.lines());
    List<Finding> out = new ArrayList<>();
    for (Finding f : ctx.findings()) {
      if (suppressions.suppresses(f.ruleId(), src.lines().line(f.start()))) {
        continue;
      }
      out.add(f.withSeverity(settings.severityFor(f.ruleId(), f.severity())));
    }
    if (settings.isEnabled(UnusedSuppression.META.id())) {
      for (Finding f : auditSuppressions(src.text(), suppressions, settings, fixes)) {
        out.add(f.withSeverity(settings.severityFor(f.ruleId(), f.severity())));
      }
    }
    out.sort(Comparator.comparingInt(Finding::start).thenComparing(Finding::ruleId));
    if (after != null) {
      after.accept(ctx, deadline);
    }
    return new FileResult(src, out, parsed.includeSource(), errors).withNotes(parsed.notes()).withSummary(summaryKey == null ? null : new PendingSummary(ctx, summaryKey));
  }

  /** What went wrong, in words: the JVM's errors named for what they mean here. */
  static String failure(Throwable e) {
    if (e instanceof StackOverflowError) {
      return "it is nested too deeply (the stack overflowed)";
    }
    if (e instanceof OutOfMemoryError) {
      return "it ran out of memory";
    }
    return String.valueOf(e);
  }

  /** FT900: suppressions that silenced nothing, name unknown rules, or are not closed. */
  private List<Finding> auditSuppressions(String text, Suppressions suppressions, Settings settings, boolean withFixes) {
    List<Finding> out = new ArrayList<>();
    for (Suppressions.Entry e : suppressions.entries()) {
      if (e.kind == Suppressions.Kind.NOQA) {
        continue;
      }
      String message = null;
      List<String> unknown = new ArrayList<>();
      boolean anyEnabled = false;
      for (String id : e.ids) {
        boolean known = false;
        for (Rule r : rules) {
          if (r.meta().id().startsWith(id) && id.matches("FT\\d{1,3}")) {
            known = true;
            anyEnabled |= settings.isEnabled(r.meta().id());
          }
        }
        if (!known) {
          unknown.add(id);
        }
      }
      if (e.ids.isEmpty()) {
        message = "This suppression names no rule; write the ids, e.g. ignore[FT101]";
      } else if (!unknown.isEmpty()) {
        message = "Unknown rule id " + String.join(", ", unknown) + " in a suppression; 'ftls rules' lists them";
      } else if (e.kind == Suppressions.Kind.UNCLOSED_BEGIN) {
        message = "ignore-begin" + e.ids + " has no matching ignore-end" + e.ids + ": it silences the rest of the file";
      } else if (e.kind == Suppressions.Kind.STRAY_END) {
        message = "ignore-end" + e.ids + " has no matching ignore-begin";
      } else if (!e.used() && anyEnabled) {
        message = "Unused suppression: " + String.join(", ", e.ids) + " reports nothing here";
      }
      if (message != null) {
        List<Fix> fixes = new ArrayList<>();
        TextEdit removal = withFixes && message.startsWith("Unused") ? Suppressions.removalEdit(text, e) : null;
        if (removal != null) {
          fixes.add(new Fix("Remove the unused suppression", true, List.of(removal)));
        }
        out.add(new Finding(UnusedSuppression.META.id(), UnusedSuppression.META.defaultSeverity(), message, e.start, e.end, fixes));
      }
    }
    return out;
  }

  /** Vendored compatibility headers whose findings are the shims themselves, not the project's code. */
  static final java.util.Set<String> VENDORED = java.util.Set.of("pythoncapi_compat.h");

  /** Why a text is not analyzed, or null when it is fine. */
  static String refusal(String text) {
    if (text.length() > MAX_CHARS) {
      return "it has " + text.length() + " characters, more than the limit of " + MAX_CHARS;
    }
    int probe = Math.min(text.length(), 8192);
    for (int i = 0; i < probe; i++) {
      if (text.charAt(i) == 0) {
        return "it looks binary (it contains NUL bytes)";
      }
    }
    int depth = Nesting.depth(text);
    if (depth > Nesting.MAX_DEPTH) {
      return String.format("its brackets are nested %,d deep, more than the limit of %,d", depth, Nesting.MAX_DEPTH);
    }
    return null;
  }
}
