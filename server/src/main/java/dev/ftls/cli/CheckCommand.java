package dev.ftls.cli;

import dev.ftls.cli.report.Reporter;
import dev.ftls.cli.report.Reporters;
import dev.ftls.core.config.ProjectConfig;
import dev.ftls.core.fix.FixApplier;
import dev.ftls.core.fix.UnifiedDiff;
import dev.ftls.core.config.ProjectFacts;
import dev.ftls.core.config.Settings;
import dev.ftls.core.kb.JsonKnowledgeBase;
import dev.ftls.core.parse.CompileFlags;
import dev.ftls.core.parse.FlagsResolver;
import dev.ftls.core.rules.Analyzer;
import dev.ftls.core.rules.FileResult;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.Rule;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.RuleRegistry;
import dev.ftls.core.source.SourceText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** {@code ftls check}: analyze files and folders, print findings, exit 0 clean / 1 findings / 2 error. */
public final class CheckCommand {
  static final Set<String> EXTENSIONS = Set.of("c", "h", "cc", "cpp", "cxx", "hpp", "hh", "hxx");

  private final PrintStream out;
  private final PrintStream err;
  private final Path root;

  /** A check run from the current directory: paths are relative to it, and so is the output. */
  public CheckCommand(PrintStream out, PrintStream err) {
    this(out, err, Paths.get("").toAbsolutePath());
  }

  public CheckCommand(PrintStream out, PrintStream err, Path root) {
    this.out = out;
    this.err = err;
    this.root = root.toAbsolutePath().normalize();
  }

  public int run(List<String> args) {
    Settings settings = new Settings();
    List<String> paths = new ArrayList<>();
    String format = "text";
    boolean verbose = false;
    boolean fix = false;
    boolean unsafeFixes = false;
    boolean diff = false;
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
          case "--fix":
            fix = true;
            break;
          case "--unsafe-fixes":
            unsafeFixes = true;
            break;
          case "--diff":
            diff = true;
            break;
          case "-h":
          case "--help":
            out.print(dev.ftls.Main.USAGE);
            return 0;
          default:
            if (a.startsWith("--format=")) {
              format = a.substring(9);
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
      return 2;
    }
    if (!settings.problems.isEmpty()) {
      for (String p : settings.problems) {
        err.println("ftls check: " + p);
      }
      return 2;
    }
    Reporter reporter;
    try {
      reporter = Reporters.forFormat(format);
    } catch (IllegalArgumentException e) {
      err.println("ftls check: " + e.getMessage());
      return 2;
    }
    if (paths.isEmpty()) {
      paths.add(".");
    }
    List<Path> files = new ArrayList<>();
    for (String p : paths) {
      Path path = root.resolve(p).normalize();
      if (!Files.exists(path)) {
        err.println("ftls check: " + p + ": no such file or folder");
        return 2;
      }
      collect(path, files);
    }
    boolean verboseFinal = verbose;
    FlagsResolver resolver = new FlagsResolver(msg -> {
      if (verboseFinal) {
        err.println("ftls: " + msg);
      }
    });
    Analyzer analyzer = new Analyzer(JsonKnowledgeBase.builtin());
    ProjectConfig projects = new ProjectConfig();
    ProjectFacts.Reader facts = new ProjectFacts.Reader();
    java.util.Set<String> shown = new java.util.HashSet<>();
    List<FileResult> results = new ArrayList<>();
    boolean internalError = false;
    boolean fixNotWritten = false;
    FixWriter writer = new FixWriter();
    int fixedCount = 0;
    int fixedFiles = 0;
    for (Path f : files) {
      SourceFile file;
      try {
        file = SourceFile.read(f, Analyzer.MAX_CHARS);
      } catch (SourceFile.Unreadable e) {
        err.println("ftls check: " + display(root, f) + ": not analyzed: " + e.reason());
        results.add(FileResult.notAnalyzed(new SourceText(f, ""), e.reason()));
        continue;
      }
      SourceText src = new SourceText(f, file.text());
      Settings effective = projects.effective(f, root, settings);
      for (String p : effective.problems) {
        if (shown.add(p)) {
          err.println("ftls check: warning: " + p);
        }
      }
      CompileFlags flags = resolver.resolve(f, effective, root);
      FileResult r = analyzer.analyze(src, flags, effective, facts.forFile(f, root));
      if (fix || diff) {
        // apply, re-analyze, repeat: a fix may make the next one possible (as the editor's fix-all)
        String original = src.text();
        FixApplier.Result res = FixApplier.applyRepeatedly(original, r.findings(), unsafeFixes, x -> true,
            t -> analyzer.analyze(new SourceText(f, t), flags, effective, facts.forFile(f, root)).findings());
        int applied = res.fixed().size();
        FileResult unfixed = r;
        if (res.changed()) {
          r = analyzer.analyze(new SourceText(f, res.text()), flags, effective, facts.forFile(f, root));
        }
        String now = r.source().text();
        if (!now.equals(original) && diff) {
          fixedCount += applied;
          fixedFiles++;
          out.print(UnifiedDiff.of(display(root, f).replace('\\', '/'), original, now));
        } else if (!now.equals(original)) {
          try {
            writer.write(file, now);
            fixedCount += applied;
            fixedFiles++;
            err.println("ftls: fixed " + applied + " finding(s) in " + display(root, f));
          } catch (FixWriter.Refusal e) {
            err.println("ftls check: " + display(root, f) + ": the fixes were not written: " + e.getMessage()
                + "; the file is unchanged");
            fixNotWritten = true;
            r = unfixed; // the findings of the file as it still is
          }
        }
      }
      if (verbose) {
        err.println("ftls: " + display(root, f) + ": headers from " + r.includeSource()
            + ", " + r.findings().size() + " finding(s)");
      }
      if (r.notAnalyzed() != null) {
        err.println("ftls check: " + display(root, f) + ": " + (r.skipped() ? "skipped: " : "not analyzed: ") + r.notAnalyzed());
      }
      for (String e : r.errors()) {
        err.println("ftls check: " + display(root, f) + ": " + e);
      }
      results.add(r);
    }
    if (diff) {
      err.println("ftls: " + fixedCount + " fix(es) would change " + fixedFiles + " file(s); nothing was written");
      out.flush();
      return internalError ? 2 : fixedFiles > 0 ? 1 : 0;
    }
    if (fix) {
      err.println("ftls: fixed " + fixedCount + " finding(s) in " + fixedFiles + " file(s)"
          + (unsafeFixes ? "" : "; unsafe fixes need --unsafe-fixes"));
    }
    reporter.report(results, enabledRules(settings), root, out);
    out.flush();
    if (internalError || fixNotWritten) {
      return 2; // an internal error, or a fix could not be written
    }
    for (FileResult r : results) {
      for (Finding f : r.findings()) {
        if (f != null) {
          return 1;
        }
      }
    }
    return 0;
  }

  private static String display(Path root, Path f) {
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

  private static void collect(Path path, List<Path> files) {
    if (Files.isRegularFile(path)) {
      files.add(path);
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      walk.filter(Files::isRegularFile)
          .filter(p -> !hiddenBelow(path, p))
          .filter(p -> EXTENSIONS.contains(extension(p)))
          .sorted()
          .forEach(files::add);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static boolean hiddenBelow(Path root, Path p) {
    for (Path part : root.relativize(p)) {
      String s = part.toString();
      if (s.startsWith(".") || s.equals("node_modules")) {
        return true;
      }
    }
    return false;
  }

  private static String extension(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
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
