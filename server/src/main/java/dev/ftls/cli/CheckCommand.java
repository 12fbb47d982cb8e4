package dev.ftls.cli;

import dev.ftls.cli.report.Reporter;
import dev.ftls.cli.report.Reporters;
import dev.ftls.cli.report.RunResults;
import dev.ftls.core.config.CacheFolder;
import dev.ftls.core.config.PathGlob;
import dev.ftls.core.config.ProjectConfig;
import dev.ftls.core.config.ProjectFacts;
import dev.ftls.core.config.Settings;
import dev.ftls.core.fix.Fix;
import dev.ftls.core.fix.FixApplier;
import dev.ftls.core.fix.UnifiedDiff;
import dev.ftls.core.index.IndexBuilder;
import dev.ftls.core.index.IndexStore;
import dev.ftls.core.index.ProjectIndex;
import dev.ftls.core.index.RecordingView;
import dev.ftls.core.index.Summarizer;
import dev.ftls.core.kb.JsonKnowledgeBase;
import dev.ftls.core.parse.CompileFlags;
import dev.ftls.core.parse.FlagsResolver;
import dev.ftls.core.rules.Analyzer;
import dev.ftls.core.rules.FileResult;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.Rule;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.RuleRegistry;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.source.IoReason;
import dev.ftls.core.source.SourceText;
import dev.ftls.core.source.Timings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code ftls check}: analyze files and folders and report a result for every file. Exit status
 * (the most serious that applies): 2 usage or internal error, 3 some file not analyzed or analyzed
 * only in part, 1 findings, 0 none of these.
 */
public final class CheckCommand {
  /** Exit status: no findings, every file analyzed (or skipped on purpose). */
  public static final int EXIT_CLEAN = 0;
  /** Exit status: findings, every file analyzed. */
  public static final int EXIT_FINDINGS = 1;
  /** Exit status: a usage error (bad flag or value) or an internal error of ftls. */
  public static final int EXIT_ERROR = 2;
  /** Exit status: some file was not analyzed or only in part (the findings are still reported). */
  public static final int EXIT_NOT_ANALYZED = 3;

  private final PrintStream out;
  private final PrintStream err;
  private final Path root;
  private final Map<String, String> env;

  /** A check run from the current directory: paths are relative to it, and so is the output. */
  public CheckCommand(PrintStream out, PrintStream err) {
    this(out, err, Paths.get("").toAbsolutePath());
  }

  public CheckCommand(PrintStream out, PrintStream err, Path root) {
    this(out, err, root, System.getenv());
  }

  /** With the environment that names the cache folder of the on-disk project index (tests pass their own). */
  CheckCommand(PrintStream out, PrintStream err, Path root, Map<String, String> env) {
    this.out = out;
    this.err = err;
    this.root = root.toAbsolutePath().normalize();
    this.env = Map.copyOf(env);
  }

  public int run(List<String> args) {
    Settings settings = new Settings();
    java.time.Duration timeBudget = dev.ftls.core.parse.Deadline.DEFAULT_BUDGET;
    List<String> paths = new ArrayList<>();
    String format = "text";
    boolean verbose = false;
    boolean fix = false;
    boolean unsafeFixes = false;
    boolean diff = false;
    boolean exitZero = false;
    boolean statistics = false;
    boolean timings = false;
    Severity failOn = DEFAULT_FAIL_ON;
    List<PathGlob> extendExclude = new ArrayList<>();
    String baselineFile = null;
    String writeBaseline = null;
    int jobs = InOrder.defaultJobs();
    boolean noCache = false;
    try {
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        switch (a) {
          case "--format":
            format = value(args, ++i, a);
            break;
          case "--target":
            settings.setTarget(value(args, ++i, a));
            break;
          case "--minimum-python":
            settings.setMinimumPython(value(args, ++i, a));
            break;
          case "--time-budget":
            timeBudget = seconds(value(args, ++i, a), a);
            break;
          case "-j":
          case "--jobs":
            jobs = jobs(value(args, ++i, a), a);
            break;
          case "--compile-commands":
            settings.compileCommands = value(args, ++i, a);
            settings.explicit.add("compileCommands");
            break;
          case "--select":
            settings.addRuleIds(settings.select, value(args, ++i, a), "--select");
            break;
          case "--ignore":
            settings.addRuleIds(settings.ignore, value(args, ++i, a), "--ignore");
            break;
          case "--python":
            settings.python = value(args, ++i, a);
            settings.explicit.add("python");
            break;
          case "-I":
            settings.includePaths.add(value(args, ++i, a));
            settings.explicit.add("includePaths");
            break;
          case "-D":
            settings.defines.add(value(args, ++i, a));
            settings.explicit.add("defines");
            break;
          case "-v":
          case "--verbose":
            verbose = true;
            break;
          case "--no-index":
            settings.index = false;
            settings.explicit.add("index");
            break;
          case "--no-cache":
            noCache = true;
            break;
          case "--no-assume-features":
            settings.assumeFeatures = false;
            settings.explicit.add("assumeFeatures");
            break;
          case "--fix":
            fix = true;
            break;
          case "--unsafe-fixes":
            unsafeFixes = true;
            break;
          case "--diff":
            diff = true;
            break;
          case "--exit-zero":
            exitZero = true;
            break;
          case "--statistics":
            statistics = true;
            break;
          case "--timings":
            timings = true;
            break;
          case "--fail-on":
            failOn = severity(value(args, ++i, a), a);
            break;
          case "--exclude":
            settings.exclude.addAll(globs(value(args, ++i, a), a));
            settings.explicit.add("exclude");
            break;
          case "--extend-exclude":
            extendExclude.addAll(globs(value(args, ++i, a), a));
            break;
          case "--baseline":
            baselineFile = value(args, ++i, a);
            break;
          case "--write-baseline":
            writeBaseline = value(args, ++i, a);
            break;
          case "-h":
          case "--help":
            out.print(dev.ftls.Main.USAGE);
            return 0;
          default:
            if (a.startsWith("--format=")) {
              format = a.substring(9);
            } else if (a.startsWith("--jobs=")) {
              jobs = jobs(a.substring(7), "--jobs");
            } else if (a.startsWith("--target=")) {
              settings.setTarget(a.substring(9));
            } else if (a.startsWith("--minimum-python=")) {
              settings.setMinimumPython(a.substring(17));
            } else if (a.startsWith("--select=")) {
              settings.addRuleIds(settings.select, a.substring(9), "--select");
            } else if (a.startsWith("--ignore=")) {
              settings.addRuleIds(settings.ignore, a.substring(9), "--ignore");
            } else if (a.startsWith("--compile-commands=")) {
              settings.compileCommands = a.substring(19);
              settings.explicit.add("compileCommands");
            } else if (a.startsWith("--fail-on=")) {
              failOn = severity(a.substring(10), "--fail-on");
            } else if (a.startsWith("--exclude=")) {
              settings.exclude.addAll(globs(a.substring(10), "--exclude"));
              settings.explicit.add("exclude");
            } else if (a.startsWith("--extend-exclude=")) {
              extendExclude.addAll(globs(a.substring(17), "--extend-exclude"));
            } else if (a.startsWith("--baseline=")) {
              baselineFile = a.substring(11);
            } else if (a.startsWith("--write-baseline=")) {
              writeBaseline = a.substring(17);
            } else if (a.startsWith("-I") && a.length() > 2) {
              settings.includePaths.add(a.substring(2));
              settings.explicit.add("includePaths");
            } else if (a.startsWith("-D") && a.length() > 2) {
              settings.defines.add(a.substring(2));
              settings.explicit.add("defines");
            } else if (a.startsWith("-")) {
              throw new UsageException("unknown option " + a);
            } else {
              paths.add(a);
            }
        }
      }
    } catch (UsageException e) {
      err.println("ftls check: " + e.getMessage());
      err.println("run 'ftls check --help' for the options");
      return EXIT_ERROR;
    }
    if (!settings.problems.isEmpty()) {
      for (String p : settings.problems) {
        err.println("ftls check: " + p);
      }
      return EXIT_ERROR;
    }
    Reporter reporter;
    Baseline baseline = null;
    try {
      reporter = statistics ? Reporters.statistics(format) : Reporters.forFormat(format);
      if (baselineFile != null && writeBaseline != null) {
        throw new UsageException("--baseline and --write-baseline do not go together");
      }
      if ((baselineFile != null || writeBaseline != null) && (fix || diff)) {
        throw new UsageException("--baseline and --write-baseline do not go with --fix or --diff");
      }
      if (baselineFile != null) {
        baseline = Baseline.read(root.resolve(baselineFile));
      }
    } catch (IllegalArgumentException | UsageException e) {
      err.println("ftls check: " + e.getMessage());
      return EXIT_ERROR;
    } catch (Baseline.Unusable e) {
      err.println("ftls check: --baseline " + baselineFile + ": the file " + e.getMessage());
      return EXIT_ERROR;
    }
    if (paths.isEmpty()) {
      paths.add(".");
    }
    SourceWalk walk = new SourceWalk();
    for (String p : paths) {
      walk.add(root.resolve(p).normalize());
    }
    List<FileResult> results = new ArrayList<>();
    for (FileResult r : walk.notAnalyzed()) {
      tellStatus(r);
      results.add(r);
    }
    ProjectConfig projects = new ProjectConfig();
    List<Path> files = new ArrayList<>();
    for (Path f : walk.files()) {
      if (projects.effective(f, root, settings).excluded || extendExclude.stream().anyMatch(g -> g.matches(f, root))) {
        if (verbose) {
          err.println("ftls: " + display(root, f) + ": excluded");
        }
      } else {
        files.add(f);
      }
    }
    boolean verboseFinal = verbose;
    FlagsResolver resolver = new FlagsResolver(msg -> {
      if (verboseFinal) {
        err.println("ftls: " + msg);
      }
    });
    if (timings) {
      Timings.enable();
    }
    Analyzer analyzer = new Analyzer(JsonKnowledgeBase.builtin(), dev.ftls.core.rules.RuleRegistry.all(), timeBudget);
    analyzer.useHeaderCache(noCache ? null : CacheFolder.of(env));
    ProjectFacts.Reader facts = new ProjectFacts.Reader();
    Set<String> configurationProblems = new LinkedHashSet<>();
    Set<String> buildNotes = new LinkedHashSet<>();
    boolean internalError = false;
    FixWriter writer = new FixWriter();
    Map<Path, CompileFlags> flagsOf = new ConcurrentHashMap<>();
    // the index is on unless --no-index or the workspace's pyproject.toml ([tool.ftls] index = false) says so
    boolean indexOn = projects.effective(root.resolve("pyproject.toml"), root, settings).index;
    if (indexOn && files.size() > 1) {
      analyzer.parser().startScan(); // its files do not change while it runs
      buildIndex(files, analyzer, resolver, projects, settings, facts, flagsOf, verbose, jobs, noCache);
    }
    Tally tally = new Tally();
    boolean fixes = fix || diff;
    boolean unsafe = unsafeFixes;
    boolean diffOnly = diff;
    boolean keepTexts = baseline != null || writeBaseline != null;
    InOrder.run(files, jobs, CheckCommand::sizeOf,
        f -> checkOne(f, analyzer, resolver, projects, settings, facts, flagsOf.get(f), fixes, unsafe), o -> {
          if (o.unreadable() != null) {
            tellStatus(o.result());
            results.add(o.result());
            return;
          }
          warnOnce(o.problems(), configurationProblems);
          if (verboseFinal) {
            for (String n : o.notes()) {
              if (buildNotes.add(n)) {
                err.println("ftls: note: " + n);
              }
            }
          }
          FileResult r = o.result();
          if (o.fixedText() != null && diffOnly) {
            tally.fixedCount += o.applied();
            tally.fixedFiles++;
            out.print(fixTitles(o.fixed(), unsafe));
            out.print(UnifiedDiff.of(display(root, o.result().source().path()).replace('\\', '/'), o.file().text(), o.fixedText()));
          } else if (o.fixedText() != null) {
            try {
              writer.write(o.file(), o.fixedText());
              tally.fixedCount += o.applied();
              tally.fixedFiles++;
              err.println("ftls: fixed " + o.applied() + " finding(s) in " + display(root, r.source().path()));
            } catch (FixWriter.Refusal e) {
              err.println("ftls check: " + display(root, r.source().path()) + ": the fixes were not written: "
                  + e.getMessage() + "; the file is unchanged");
              tally.fixNotWritten = true;
              r = o.unfixed(); // the findings of the file as it still is
            }
          }
          if (verboseFinal) {
            err.println("ftls: " + display(root, r.source().path()) + ": headers from " + r.includeSource()
                + ", " + r.findings().size() + " finding(s)");
          }
          tellStatus(r);
          // the report needs the text only for a baseline's function names: else positions only,
          // so that a large tree's texts are not all held until the end
          results.add(keepTexts ? r : r.forReport());
        });
    analyzer.saveHeaderLayers(); // a scan saves each key's header layers once, now
    if (timings) {
      Timings.disable();
      printTimings(files.size());
    }
    int fixedCount = tally.fixedCount;
    int fixedFiles = tally.fixedFiles;
    boolean fixNotWritten = tally.fixNotWritten;
    if (writeBaseline != null) {
      Baseline all = Baseline.of(results, root);
      try {
        all.write(root.resolve(writeBaseline));
      } catch (IOException e) {
        err.println("ftls check: --write-baseline " + writeBaseline + ": cannot write the file ("
            + IoReason.of(e) + ")");
        return EXIT_ERROR;
      }
      err.println("ftls: wrote " + all.size() + " finding(s) to " + writeBaseline
          + "; with --baseline " + writeBaseline + " they are hidden");
      return exitCode(internalError, new RunResults(results, List.of()).complete(), false);
    }
    if (baseline != null) {
      int[] hidden = {0};
      List<FileResult> kept = baseline.hide(results, root, hidden);
      results.clear();
      results.addAll(kept);
      if (hidden[0] > 0) {
        err.println("ftls: " + hidden[0] + " finding(s) hidden by the baseline " + baselineFile);
      }
    }
    RunResults run = new RunResults(results, new ArrayList<>(configurationProblems));
    if (diff) {
      err.println("ftls: " + fixedCount + " fix(es) would change " + fixedFiles + " file(s); nothing was written");
      out.flush();
      // as for a report, but a fix to print counts as the finding
      return exitCode(internalError, run.complete(), fixedFiles > 0 && !exitZero);
    }
    if (fix) {
      err.println("ftls: fixed " + fixedCount + " finding(s) in " + fixedFiles + " file(s)"
          + (unsafeFixes ? "" : "; unsafe fixes need --unsafe-fixes"));
    }
    reporter.report(run, enabledRules(settings), root, out);
    out.flush();
    return exitCode(internalError || fixNotWritten, run.complete(), !exitZero && fails(run, failOn));
  }

  /**
   * {@code --timings}: the CPU time of each phase of the analyses, on stderr, and the process's
   * whole CPU time beside it (the JIT compiler, the garbage collector and start-up are not in the
   * phases).
   */
  private void printTimings(int fileCount) {
    err.println("ftls: CPU time by phase over " + fileCount + " file(s), all analysis threads (each phase without"
        + " the phases inside it):");
    err.print(Timings.table(Timings.totals()));
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun && sun.getProcessCpuTime() >= 0) {
      err.printf("ftls: the whole process so far: %.3f s of CPU (with the JIT compiler, the garbage collector and"
          + " start-up)%n", sun.getProcessCpuTime() / 1e9);
    }
    long gc = 0;
    for (java.lang.management.GarbageCollectorMXBean b : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      gc += Math.max(0, b.getCollectionTime());
    }
    java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
    err.printf("ftls: of its time, garbage collection %.3f s and JIT compilation %s (the JVM's own counts)%n", gc / 1e3,
        jit != null && jit.isCompilationTimeMonitoringSupported()
            ? String.format("%.3f s", jit.getTotalCompilationTime() / 1e3) : "unknown");
  }

  /** The default of --fail-on: information and hints alone do not fail a run. */
  static final Severity DEFAULT_FAIL_ON = Severity.WARNING;

  /** Whether some finding is at least as serious as {@code failOn}. */
  static boolean fails(RunResults run, Severity failOn) {
    return run.files().stream().flatMap(f -> f.findings().stream())
        .anyMatch(x -> x.severity().ordinal() <= failOn.ordinal());
  }

  /** One comment line per fix in a file's diff, before it: what each fix does and whether it is unsafe. */
  static String fixTitles(List<Finding> fixed, boolean unsafe) {
    Map<String, Integer> lines = new java.util.LinkedHashMap<>();
    for (Finding f : fixed) {
      Fix fix = FixApplier.chosen(f, unsafe);
      if (fix != null) {
        lines.merge("# " + f.ruleId() + (fix.safe() ? "" : " (unsafe fix)") + ": " + fix.title(), 1, Integer::sum);
      }
    }
    StringBuilder sb = new StringBuilder();
    lines.forEach((line, n) -> sb.append(line.replace('\n', ' ')).append(n > 1 ? " (" + n + " times)" : "").append('\n'));
    return sb.toString();
  }
  /**
   * The project index for the files of this run: each file's summary from the on-disk index when
   * its text and settings are unchanged; the others are analyzed and summarized from one parse, the
   * rules asking the index of the stored summaries about the rest of the project, and their
   * analyses kept ({@link #early}) for the check, which uses one when the complete index answers
   * every question it asked alike (else it analyzes the file again). Every analysis of the run so
   * sees what the other files say. The flags resolved here are kept for the analysis.
   */
  private void buildIndex(List<Path> files, Analyzer analyzer, FlagsResolver resolver, ProjectConfig projects,
      Settings settings, ProjectFacts.Reader facts, Map<Path, CompileFlags> flagsOf, boolean verbose, int jobs,
      boolean noCache) {
    ProjectIndex index = new ProjectIndex();
    ProjectIndex stored = new ProjectIndex();
    Map<Path, Settings> settingsOf = new ConcurrentHashMap<>();
    IndexBuilder builder = new IndexBuilder(index, noCache ? null : IndexStore.forWorkspace(root, env), (file, text, stamp) -> {
      RecordingView view = new RecordingView(stored);
      Analyzer.Indexed done = analyzer.analyzeForIndex(new SourceText(file, text), flagsOf.get(file), settingsOf.get(file),
          facts.forFile(file, root), view, stamp);
      early.put(file, new Early(stamp, done.result().forReport(), view));
      return done.summary();
    });
    List<Path> unsummarized = new ArrayList<>();
    InOrder.run(files, jobs, f -> {
      SourceFile file;
      try {
        file = SourceFile.read(f, Analyzer.MAX_CHARS);
      } catch (SourceFile.Unreadable e) {
        return null; // the analysis reports it
      }
      Settings effective = projects.effective(f, root, settings);
      CompileFlags flags = resolver.resolve(f, file.text(), effective, root);
      flagsOf.put(f, flags);
      settingsOf.put(f, effective);
      return new Indexing(f, builder.addStored(f, file.text(), Summarizer.flagsKey(flags, effective.target)));
    }, i -> {
      if (i != null && i.stored()) {
        indexed(i.file(), verbose);
      } else if (i != null) {
        unsummarized.add(i.file());
      }
    });
    for (Path f : index.files()) {
      stored.put(f, index.get(f));
    }
    InOrder.run(unsummarized, jobs, f -> {
      try {
        String text = SourceFile.read(f, Analyzer.MAX_CHARS).text();
        builder.add(f, text, Summarizer.flagsKey(flagsOf.get(f), settingsOf.get(f).target));
      } catch (SourceFile.Unreadable e) {
        // the analysis reports it
      }
      return f;
    }, f -> indexed(f, verbose)); // a line per file as it is done: --verbose shows progress
    int made = early.size();
    for (Map.Entry<Path, Early> e : early.entrySet()) {
      if (!e.getValue().view.answersAlike(index)) {
        early.remove(e.getKey()); // asked about files summarized after it: analyzed again
      }
    }
    analyzer.useProject(index);
    if (verbose) {
      err.println("ftls: project index: " + builder.describe() + (made == 0 ? "" : "; of the " + made
          + " file(s) analyzed as they were summarized, " + early.size() + " kept the analysis, "
          + (made - early.size()) + " are analyzed again with the complete index"));
      if (builder.saveProblem() != null) {
        err.println("ftls: note: " + builder.saveProblem());
      }
    }
  }

  /** A file read for the project index, and whether its summary came from the on-disk index. */
  private record Indexing(Path file, boolean stored) {}

  /** What a file's outcome may hold while it waits to be reported: its size (0 when unknown). */
  private static long sizeOf(Path f) {
    try {
      return Files.size(f);
    } catch (IOException | RuntimeException e) {
      return 0; // the analysis reports it
    }
  }

  private void indexed(Path f, boolean verbose) {
    if (verbose) {
      err.println("ftls: " + display(root, f) + ": in the project index");
    }
  }

  /**
   * An analysis made while the project index was built, with the stamp of the text and settings it
   * was made for (its report form: no text) and the questions it asked of the project.
   */
  private record Early(String stamp, FileResult result, RecordingView view) {}

  /** The analyses made while the project index was built that the complete index confirms. */
  private final Map<Path, Early> early = new ConcurrentHashMap<>();

  /** What the run adds up over the files (on the thread that reports them). */
  private static final class Tally {
    int fixedCount;
    int fixedFiles;
    boolean fixNotWritten;
  }

  /**
   * One file checked, for the report: its result, the configuration problems and notes its
   * settings brought, and with fixes asked for the text they make ({@code fixedText}, null when
   * nothing changes) and the result before them ({@code unfixed}). {@code unreadable} is the
   * reason a file could not be read (then only {@code result} is set).
   */
  private record Outcome(FileResult result, String unreadable, SourceFile file, List<String> problems,
      List<String> notes, String fixedText, List<Finding> fixed, FileResult unfixed) {
    int applied() {
      return fixed.size();
    }
  }

  /**
   * Reads, analyzes and (asked to) fixes one file; runs on a job's thread, so it only computes:
   * writing and printing happen in the files' order where the outcomes are reported.
   */
  private Outcome checkOne(Path f, Analyzer analyzer, FlagsResolver resolver, ProjectConfig projects, Settings settings,
      ProjectFacts.Reader facts, CompileFlags known, boolean fixes, boolean unsafeFixes) {
    SourceFile file;
    try {
      file = SourceFile.read(f, Analyzer.MAX_CHARS);
    } catch (SourceFile.Unreadable e) {
      return new Outcome(FileResult.notAnalyzed(new SourceText(f, ""), e.reason()), e.reason(), null, List.of(), List.of(),
          null, List.of(), null);
    }
    SourceText src = new SourceText(f, file.text());
    Settings effective = projects.effective(f, root, settings);
    CompileFlags flags = known != null ? known : resolver.resolve(f, file.text(), effective, root);
    List<String> problems = new ArrayList<>(effective.problems);
    problems.addAll(flags.problems);
    Early made = early.remove(f);
    FileResult r = made != null && known != null && made.stamp.equals(Summarizer.stamp(file.text(), Summarizer.flagsKey(flags,
        effective.target))) ? made.result.withSource(src) : analyzer.analyze(src, flags, effective, facts.forFile(f, root));
    if (!fixes) {
      return new Outcome(r, null, file, problems, flags.notes, null, List.of(), r);
    }
    // apply, re-analyze, repeat: a fix may make the next one possible (as the editor's fix-all)
    String original = src.text();
    FixApplier.Result res = FixApplier.applyRepeatedly(original, r.findings(), unsafeFixes, x -> true,
        t -> analyzer.analyze(new SourceText(f, t), flags, effective, facts.forFile(f, root)).findings());
    FileResult unfixed = r;
    if (res.changed()) {
      r = analyzer.analyze(new SourceText(f, res.text()), flags, effective, facts.forFile(f, root));
    }
    String now = r.source().text();
    return new Outcome(r, null, file, problems, flags.notes, now.equals(original) ? null : now, res.fixed(), unfixed);
  }

  /**
   * The exit status: the most serious of error (2: an internal error, or a fix that could not be
   * written), files not analyzed (3), findings (1).
   */
  static int exitCode(boolean error, boolean everyFileAnalyzed, boolean findings) {
    if (error) {
      return EXIT_ERROR;
    }
    if (!everyFileAnalyzed) {
      return EXIT_NOT_ANALYZED;
    }
    return findings ? EXIT_FINDINGS : EXIT_CLEAN;
  }

  /** Says on stderr what the report will say about a file that was not analyzed in full. */
  private void tellStatus(FileResult r) {
    String where = "ftls check: " + display(root, r.source().path()) + ": ";
    if (r.notAnalyzed() != null) {
      err.println(where + (r.skipped() ? "skipped: " : "not analyzed: ") + r.notAnalyzed());
    }
    for (String e : r.errors()) {
      err.println(where + e);
    }
  }

  /** Warns on stderr about each configuration problem the first time it comes up. */
  private void warnOnce(List<String> problems, Set<String> seen) {
    for (String p : problems) {
      if (seen.add(p)) {
        err.println("ftls check: warning: " + p);
      }
    }
  }

  static String display(Path root, Path f) {
    return f.startsWith(root) ? root.relativize(f).toString() : f.toString();
  }

  static List<RuleMeta> enabledRules(Settings settings) {
    List<RuleMeta> out = new ArrayList<>();
    for (Rule r : RuleRegistry.all()) {
      if (settings.isEnabled(r.meta().id())) {
        out.add(r.meta());
      }
    }
    return out;
  }

  /** A number of jobs: 1 to 256. */
  private static int jobs(String value, String opt) throws UsageException {
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= 1 && n <= 256) {
        return n;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new UsageException(opt + " needs a number of jobs between 1 and 256, not '" + value + "'");
  }

  /** A positive number of seconds, as a duration. */
  private static java.time.Duration seconds(String value, String opt) throws UsageException {
    try {
      double s = Double.parseDouble(value);
      if (s > 0 && s <= 86_400) {
        return java.time.Duration.ofMillis(Math.round(s * 1000));
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new UsageException(opt + " needs a number of seconds between 0 and 86400, not '" + value + "'");
  }

  private static Severity severity(String value, String opt) throws UsageException {
    Severity s = Severity.parse(value);
    if (s == null) {
      throw new UsageException(opt + " needs one of error, warning, information, hint, not '" + value + "'");
    }
    return s;
  }

  /** Comma-separated path patterns relative to the current folder. */
  private List<PathGlob> globs(String csv, String opt) throws UsageException {
    List<PathGlob> out = new ArrayList<>();
    for (String p : csv.split(",")) {
      String why = PathGlob.problem(p);
      if (why != null) {
        throw new UsageException(opt + ": " + why);
      }
      out.add(new PathGlob(root, p.strip()));
    }
    return out;
  }

  private static String value(List<String> args, int i, String opt) throws UsageException {
    if (i >= args.size()) {
      throw new UsageException(opt + " needs a value");
    }
    return args.get(i);
  }

  static final class UsageException extends Exception {
    UsageException(String m) {
      super(m);
    }
  }
}
