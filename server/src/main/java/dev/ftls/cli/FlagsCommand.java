package dev.ftls.cli;

import dev.ftls.core.config.FileSettingsReport;
import dev.ftls.core.config.ProjectConfig;
import dev.ftls.core.config.Settings;
import dev.ftls.core.parse.CompileFlags;
import dev.ftls.core.parse.FlagsResolver;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * {@code ftls flags FILE}: what one file is preprocessed with and where each part came from
 * (compile_commands.json, settings, a build file and its line, the workspace search,
 * python3-config), which file each of its includes finds, and what was left out on the way.
 */
public final class FlagsCommand {
  private final PrintStream out;
  private final PrintStream err;
  private final Path root;

  public FlagsCommand(PrintStream out, PrintStream err) {
    this(out, err, Paths.get("").toAbsolutePath());
  }

  public FlagsCommand(PrintStream out, PrintStream err, Path root) {
    this.out = out;
    this.err = err;
    this.root = root.toAbsolutePath().normalize();
  }

  public int run(List<String> args) {
    Settings settings = new Settings();
    String fileArg = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      boolean hasValue = i + 1 < args.size();
      switch (a) {
        case "-h", "--help" -> {
          out.print(dev.ftls.Main.USAGE);
          return 0;
        }
        case "-I", "-D", "--python", "--compile-commands" -> {
          if (!hasValue) {
            return usage(a + " needs a value");
          }
          set(settings, a, args.get(++i));
        }
        default -> {
          if (a.startsWith("-I") || a.startsWith("-D")) {
            set(settings, a.substring(0, 2), a.substring(2));
          } else if (a.startsWith("-")) {
            return usage("unknown option " + a);
          } else if (fileArg != null) {
            return usage("one file at a time");
          } else {
            fileArg = a;
          }
        }
      }
    }
    if (fileArg == null) {
      return usage("name the file");
    }
    Path file = root.resolve(fileArg).normalize();
    if (!Files.isRegularFile(file)) {
      err.println("ftls flags: " + fileArg + " is not a file");
      return CheckCommand.EXIT_ERROR;
    }
    String text;
    try {
      text = SourceFile.read(file, dev.ftls.core.rules.Analyzer.MAX_CHARS).text();
    } catch (SourceFile.Unreadable e) {
      err.println("ftls flags: " + fileArg + ": " + e.reason());
      return CheckCommand.EXIT_ERROR;
    }
    Settings effective = new ProjectConfig().effective(file, root, settings);
    CompileFlags flags = new FlagsResolver(m -> { }).resolve(file, text, effective, root);
    flags.problems.addAll(0, effective.problems);
    out.print(FileSettingsReport.flags(file, text, flags, root));
    return 0;
  }

  private static void set(Settings s, String option, String value) {
    switch (option) {
      case "-I" -> s.includePaths.add(value);
      case "-D" -> s.defines.add(value);
      case "--python" -> s.python = value;
      default -> s.compileCommands = value;
    }
    s.explicit.add(switch (option) {
      case "-I" -> "includePaths";
      case "-D" -> "defines";
      case "--python" -> "python";
      default -> "compileCommands";
    });
  }

  private int usage(String message) {
    err.println("ftls flags: " + message);
    err.println("usage: ftls flags FILE [-I DIR] [-D NAME[=VALUE]] [--python PATH] [--compile-commands FILE]");
    return CheckCommand.EXIT_ERROR;
  }
}
