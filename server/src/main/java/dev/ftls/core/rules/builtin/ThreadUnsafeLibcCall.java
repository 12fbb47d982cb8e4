package dev.ftls.core.rules.builtin;

import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.CallGraph;
import dev.ftls.core.semantic.CallSite;
import dev.ftls.core.semantic.Conditionals;
import dev.ftls.core.semantic.HeldLocks;
import dev.ftls.core.semantic.SerializedFunctions;
import dev.ftls.core.semantic.SharedStorage;
import dev.ftls.core.semantic.ThreadUnsafeLibcCalls;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTFunctionCallExpression;

/** FT306: a C library function that is not thread-safe, called where threads run at once. */
public final class ThreadUnsafeLibcCall extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT306",
          "thread-unsafe-libc-call",
          Severity.WARNING,
          "C library function that is not thread-safe called outside module initialization",
          """
          # FT306 thread-unsafe-libc-call

          ## What it flags
          A call of a C library function that POSIX does not require to be thread-safe, in code
          that threads can run at the same time, with no lock held: functions that return a
          pointer to one static buffer (`localtime`, `gmtime`, `ctime`, `asctime`, `strerror`,
          `strsignal`, `ttyname`, `inet_ntoa`, `ecvt`/`fcvt`/`gcvt`, `tmpnam(NULL)`), that keep
          hidden state between calls (`strtok`, `rand`/`srand`, `drand48` and friends, `mbtowc`,
          `wctomb`, `mblen`), that read the user, group and network databases into static storage
          (`getpwnam`, `getpwuid`, `getgrnam`, `getgrgid`, `getlogin`, `gethostbyname`,
          `gethostbyaddr`, `getservbyname`, ...), that read or change process-wide state
          (`getenv`, `setenv`, `unsetenv`, `putenv`, `setlocale` with a new locale, `localeconv`),
          and `readdir` on a directory stream other threads can reach (a global, or a field of an
          object such as `self->dir`). The message names the reentrant replacement, and the MSVC
          name too when the file has `_WIN32` branches. The list, with the replacement for each
          entry, is ftls' one list `ThreadUnsafeLibcCalls`, taken from POSIX's list of functions
          that need not be thread-safe.

          ## Why it matters without the GIL
          With the GIL, two Python threads never ran extension code at the same time, so the
          static buffer of `localtime` or the hidden position of `strtok` belonged to one caller
          at a time. In the free-threaded build two threads run the same method in parallel: one
          thread's `localtime` overwrites the `struct tm` another thread is still reading,
          `strtok` continues the other thread's string, and `setenv` can free the environment
          block a `getenv` in another thread is reading, a crash.

          ## Example
          ```c
          static PyObject *
          format_time(PyObject *self, PyObject *arg)
          {
              time_t t = (time_t)PyLong_AsLongLong(arg);
              struct tm *tm = localtime(&t);
              char out[64];
              strftime(out, sizeof out, "%Y-%m-%d %H:%M:%S", tm);
              return PyUnicode_FromString(out);
          }
          ```

          ## Use instead
          ```c
              struct tm buf;
              struct tm *tm = localtime_r(&t, &buf);   /* localtime_s(&buf, &t) with MSVC */
          ```
          `strtok_r` for `strtok`, `strerror_r` (or `PyErr_SetFromErrno`) for `strerror`,
          `getpwnam_r` and friends for the database lookups, `getaddrinfo`/`getnameinfo` for the
          host and service lookups, `mbrtowc`/`wcrtomb` with a local `mbstate_t`, a generator state
          of your own for `rand`. Read environment variables and locale data once at import. When
          no replacement fits, take one lock of your own around every call.

          ## Fix
          None: each replacement needs a buffer or state variable declared next to the call, the
          `_r` functions have other names on Windows (`localtime_s` has its arguments swapped) and
          do not all exist there, and `localtime_r` need not update the time zone as `localtime`
          does. The change has to be written and compiled on every platform the project builds on.

          ## What it does not flag
          - calls in module initialization and teardown, once-callbacks, and functions only
            called from them (the import lock serializes them);
          - calls with a lock held or inside a critical section (one lock around every call of
            the function is a correct fix);
          - `setlocale(category, NULL)`, which only asks for the current locale: it races only with
            a call that changes the locale, and that call is reported;
          - `tmpnam(buf)` with a buffer of your own;
          - `readdir` on a stream held in a local variable or a parameter: glibc and the BSDs
            make `readdir` safe on different streams; only a stream several threads can reach
            is reported;
          - calls inside a function of the project named after the reentrant function it stands
            in for (`fake_localtime_r` calling `localtime`): such fallbacks are compiled for C
            libraries without `localtime_r`, in practice MSVC's, which keeps these buffers per
            thread;
          - code in branches inactive for the target (`#ifdef _WIN32` on Linux), functions of the
            project with one of these names, and any target without free threading.
          Known false positives: `strerror` and `getenv` are safe in practice in glibc as long as
          no thread changes the environment or the locale, and `rand` in glibc takes a lock
          (it is not in musl). They stay reported because the program cannot know which C library
          it runs on and any Python thread can call `os.environ[...] = ...` or
          `locale.setlocale()`; suppress with a reason where you know better.

          ## References
          - https://pubs.opengroup.org/onlinepubs/9799919799/functions/V2_chap02.html#tag_16_09_01
          - https://docs.python.org/3/howto/free-threading-extensions.html
          - https://py-free-threading.github.io/porting-extensions/
          - https://docs.python.org/3/library/os.html#os.environ

          ## Proof
          [FT306-strtok](https://github.com/ftls-dev/ftls/tree/main/test-workspaces/proof/FT306-strtok)
          runs this race on a free-threaded CPython (`strtok` in 8 threads at once hands fields of
          one thread's text to another); `scripts/prove.sh` shows `unsafe.c` failing and `fixed.c`
          holding (README, "Race proofs").
          """,
          false);

  private static final Set<String> NULL_TEXTS = Set.of("NULL", "0", "nullptr", "((void*)0)", "((void *)0)");
  private static final Pattern WINDOWS = Pattern.compile("\\b(_WIN32|_WIN64|MS_WINDOWS|_MSC_VER)\\b");

  public ThreadUnsafeLibcCall() {
    super(META);
  }

  @Override
  public void check(RuleContext ctx) {
    if (!ctx.target().freeThreaded()) {
      return;
    }
    Boolean windowsToo = null;
    for (CallSite c : ctx.calls()) {
      ThreadUnsafeLibcCalls.Entry entry = ThreadUnsafeLibcCalls.of(c.name());
      if (entry == null || c.function() == null || !applies(entry, c)
          || ctx.callGraph().function(c.name()) != null) {
        continue;
      }
      if (SerializedFunctions.of(ctx).contains(c.function()) || HeldLocks.of(ctx).heldAt(c.function(), c.start())
          || standsInForReentrant(c)) {
        continue;
      }
      if (windowsToo == null) {
        windowsToo = targetsWindowsToo(ctx.conditionals());
      }
      String name = c.name().replaceFirst("^(std)?::", "");
      String msvc = windowsToo && entry.msvc() != null ? " (" + entry.msvc() + " with MSVC)" : "";
      ctx.report(new Finding(META.id(), META.defaultSeverity(),
          name + " is not thread-safe; prefer " + remedy(entry.replacement()),
          name + " is not thread-safe: it keeps its result or "
          + "state where every thread shares it, and without the GIL another thread can call it at the same "
          + "time; use " + entry.replacement() + msvc + ", or hold one lock around every call",
          c.start(), c.nameEnd(), List.of()));
    }
  }

  private static boolean applies(ThreadUnsafeLibcCalls.Entry entry, CallSite c) {
    return switch (entry.when()) {
      case ALWAYS -> true;
      case SECOND_ARG_NOT_NULL -> c.arg(1) != null && !NULL_TEXTS.contains(c.arg(1).replace(" ", ""))
          && !NULL_TEXTS.contains(c.arg(1));
      case FIRST_ARG_NULL -> c.arg(0) == null || NULL_TEXTS.contains(c.arg(0).replace(" ", ""))
          || NULL_TEXTS.contains(c.arg(0));
      case SHARED_STREAM -> c.node() instanceof IASTFunctionCallExpression call && call.getArguments().length == 1
          && call.getArguments()[0] instanceof IASTExpression stream && SharedStorage.isShared(stream);
    };
  }

  /**
   * A function of the file named after the reentrant version it stands in for
   * ({@code fake_localtime_r} calling {@code localtime}): a fallback for C libraries without
   * {@code localtime_r}, which in practice means MSVC, whose CRT keeps these buffers per thread.
   */
  private static boolean standsInForReentrant(CallSite c) {
    String fn = CallGraph.nameOf(c.function()).toLowerCase(java.util.Locale.ROOT);
    return fn.contains(c.name().replaceFirst("^(std)?::", "").toLowerCase(java.util.Locale.ROOT) + "_r");
  }

  /** Whether the file has branches for Windows, taken or not. */
  private static boolean targetsWindowsToo(Conditionals conditionals) {
    for (Conditionals.Branch b : conditionals.branches()) {
      if (WINDOWS.matcher(b.condition()).find()) {
        return true;
      }
    }
    return false;
  }

  private static final java.util.regex.Pattern REMEDY_END = java.util.regex.Pattern.compile(" with |, |\\(| into | where ");

  /** The replacement's name for the short message: its text up to the first detail ("with a local buffer"). */
  static String remedy(String replacement) {
    java.util.regex.Matcher m = REMEDY_END.matcher(replacement);
    return (m.find() ? replacement.substring(0, m.start()) : replacement).strip();
  }
}
