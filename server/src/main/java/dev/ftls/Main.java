package dev.ftls;

import dev.ftls.cli.BenchCommand;
import dev.ftls.cli.CheckCommand;
import dev.ftls.cli.FlagsCommand;
import dev.ftls.cli.RulesCommand;
import dev.ftls.cli.report.Reporters;
import dev.ftls.lsp.FtlsServerLauncher;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Entry point: the language server (default, {@code serve}) and the CLI commands. */
public final class Main {
  static {
    // slf4j-api comes with CDT's runtime; without a provider it warns on stderr at first use.
    System.setProperty("slf4j.internal.verbosity", "ERROR");
  }

  public static final String USAGE =
      """
      usage: ftls [serve]                       language server over stdio (the default; on a
                                               terminal, `ftls` alone prints this help)
             ftls check [PATHS...] [options]    analyze files and folders
             ftls explain RULE                  print a rule's documentation
             ftls rules [--markdown]            print the rule table
             ftls bench FILE [--runs N] [--no-index] [--timings]
                                               print open/edit-to-diagnostics latency (and the
                                               CPU of each phase of the open and of an edit)
             ftls flags FILE [-I/-D/--python/--compile-commands]
                                               print the include paths and macros the file gets,
                                               where each came from, and which header each
                                               #include finds
             ftls --version
             ftls daemon --socket PATH [--idle-seconds N] [--jar JAR]
                                               the server shared by editor sessions, which the
                                               launcher starts (README "The shared server")

      check options:
        --format text|json|sarif|github   output format (default text)
        --target 3.14t                    Python version; a trailing t = free-threaded build
        --minimum-python 3.9              oldest Python the project supports (fixes add version
                                          guards for older ones); default: requires-python
        --compile-commands FILE           compile_commands.json (or its folder)
        --time-budget SECONDS             time one file may take, parse and rules (default 30)
        --jobs N, -j N                    files analyzed at once (default: the machine's cores,
                                          at most one per 128 MiB of heap)
        -I DIR, -D NAME[=VALUE]           extra include folder / macro
        --python PATH                     interpreter whose headers to use ("none": prelude only)
        --select IDS, --ignore IDS        comma-separated rule ids or prefixes (FT1 = FT1xx)
        --no-assume-features              treat code under unknown build-feature macros
                                          (#ifdef HAVE_X, WITH_, USE_, ...) as dead
        --no-index                        judge each file alone, without the project index
        --no-cache                        neither read nor write the cache folder (the header
                                          layers and the project index kept between runs)
        --verbose                         say where each file's headers came from
        --fix                             apply safe fixes to the files (then report what is left)
        --unsafe-fixes                    with --fix or --diff, also apply fixes marked unsafe
        --diff                            print the fixes as a unified diff, each file's fix
                                          titles first as # lines; write nothing
        --exit-zero                       exit 0 even when there are findings
        --fail-on SEVERITY                error|warning|information|hint: the least serious
                                          finding that makes the exit status 1 (default warning)
        --statistics                      print the count of findings per rule instead
        --timings                         print on stderr the CPU time of each phase (header
                                          reads, parses, shared facts, each rule)
        --exclude GLOBS                   comma-separated path patterns not to check (replace
                                          pyproject's exclude); --extend-exclude GLOBS adds
        --write-baseline FILE             record the findings in FILE (exit 0)
        --baseline FILE                   hide the findings FILE records
      check exit status (the first that applies):
        2  usage error (bad option or value) or an internal error of ftls
        3  some file was not analyzed, or only in part (findings are still reported)
        1  findings at or above --fail-on (with --diff: a fix to print); never with --exit-zero
        0  none of these; a bad setting in pyproject.toml or compile_commands.json is reported
           and ignored, and does not change the status
      """;

  private Main() {}

  /**
   * Whether stdin and stdout are a terminal: a console exists (Java 17 gives one only then; later
   * Javas give one more often and say with {@code isTerminal}).
   */
  static boolean onATerminal() {
    java.io.Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
    } catch (ReflectiveOperationException e) {
      return true; // before Java 22 a console means a terminal
    }
  }

  public static void main(String[] args) {
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
    List<String> rest = args.length == 0 ? List.of() : Arrays.asList(args).subList(1, args.length);
    if (args.length == 0 && onATerminal()) {
      // a person typed `ftls`: editors start the server with pipes (or `ftls serve`), never on a terminal
      err.print("ftls: the language server talks JSON-RPC over stdin and stdout; it is started by an editor"
          + " (or with `ftls serve`). To check files: ftls check PATH\n\n" + USAGE);
      System.exit(2);
    }
    String cmd = args.length == 0 ? "serve" : args[0];
    int code;
    try {
      switch (cmd) {
        case "serve":
          dev.ftls.core.parse.CParser.cacheHeadersByDefault(dev.ftls.core.config.CacheFolder.of(System.getenv()));
          FtlsServerLauncher.run(System.in, System.out, rest);
          return;
        case "daemon":
          code = dev.ftls.lsp.SharedServer.run(rest, err);
          break;
        case "check":
          code = new CheckCommand(out, err).run(rest);
          break;
        case "explain":
          code = RulesCommand.explain(rest, out, err);
          break;
        case "rules":
          code = RulesCommand.table(rest, out);
          break;
        case "flags":
          code = new FlagsCommand(out, err).run(rest);
          break;
        case "bench":
          code = new BenchCommand(out, err).run(rest);
          break;
        case "--version":
        case "version":
          out.println("ftls " + Reporters.toolVersion());
          code = 0;
          break;
        case "-h":
        case "--help":
        case "help":
          out.print(USAGE);
          code = 0;
          break;
        default:
          err.println("ftls: unknown command '" + cmd + "'");
          err.print(USAGE);
          code = 2;
      }
    } catch (RuntimeException e) {
      err.println("ftls: internal error: " + e);
      code = 2;
    }
    out.flush();
    System.exit(code);
  }
}
