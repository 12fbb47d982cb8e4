package dev.ftls.core.semantic;

import java.util.Map;

/**
 * The one list of C library functions that POSIX does not require to be thread-safe (POSIX.1-2024,
 * XSH 2.9.1 "Thread-Safety", and for the few no longer in POSIX, the SUSv3 list they came from),
 * as far as extension code calls them, each with its reentrant replacement. Most keep their
 * result in a static buffer or hidden state that the next call, from any thread, overwrites.
 */
public final class ThreadUnsafeLibcCalls {
  private ThreadUnsafeLibcCalls() {}

  /** When a call of the function is unsafe. */
  public enum When {
    /** every call */
    ALWAYS,
    /** only when the second argument is not NULL (setlocale changing the locale) */
    SECOND_ARG_NOT_NULL,
    /** only when the first argument is NULL (tmpnam(NULL) returns a static buffer) */
    FIRST_ARG_NULL,
    /** only on a directory stream other threads can reach (a global or an object's field) */
    SHARED_STREAM
  }

  /**
   * One function.
   *
   * @param replacement what to call instead, in words ("localtime_r(&t, &buf)"), never null
   * @param msvc the MSVC name of the replacement, null when there is none or the CRT's own
   *     function is already per-thread there
   */
  public record Entry(String replacement, String msvc, When when) {}

  private static Entry e(String replacement, String msvc) {
    return new Entry(replacement, msvc, When.ALWAYS);
  }

  /** By function name. */
  public static final Map<String, Entry> FUNCTIONS = Map.ofEntries(
      // static result buffers
      Map.entry("strtok", e("strtok_r with a local save pointer", "strtok_s")),
      Map.entry("localtime", e("localtime_r(&t, &buf) with a local struct tm", "localtime_s")),
      Map.entry("gmtime", e("gmtime_r(&t, &buf) with a local struct tm", "gmtime_s")),
      Map.entry("ctime", e("localtime_r and strftime into a local buffer", "ctime_s")),
      Map.entry("asctime", e("strftime into a local buffer", "asctime_s")),
      Map.entry("strerror", e("strerror_r into a local buffer, or PyErr_SetFromErrno", "strerror_s")),
      Map.entry("strsignal", e("a table of your own, or sigdescr_np on glibc", null)),
      Map.entry("ttyname", e("ttyname_r into a local buffer", null)),
      Map.entry("inet_ntoa", e("inet_ntop into a local buffer", "inet_ntop")),
      Map.entry("ecvt", e("snprintf into a local buffer", "_ecvt_s")),
      Map.entry("fcvt", e("snprintf into a local buffer", "_fcvt_s")),
      Map.entry("gcvt", e("snprintf into a local buffer", "_gcvt_s")),
      Map.entry("tmpnam", new Entry("mkstemp, or tmpnam with a buffer of your own", "tmpnam_s", When.FIRST_ARG_NULL)),
      // user, group and network databases
      Map.entry("getpwnam", e("getpwnam_r with a local buffer", null)),
      Map.entry("getpwuid", e("getpwuid_r with a local buffer", null)),
      Map.entry("getpwent", e("getpwent_r (glibc), or getpwnam_r/getpwuid_r", null)),
      Map.entry("getgrnam", e("getgrnam_r with a local buffer", null)),
      Map.entry("getgrgid", e("getgrgid_r with a local buffer", null)),
      Map.entry("getgrent", e("getgrent_r (glibc), or getgrnam_r/getgrgid_r", null)),
      Map.entry("getlogin", e("getlogin_r into a local buffer", null)),
      Map.entry("gethostbyname", e("getaddrinfo", "getaddrinfo")),
      Map.entry("gethostbyaddr", e("getnameinfo", "getnameinfo")),
      Map.entry("getservbyname", e("getaddrinfo", "getaddrinfo")),
      Map.entry("getservbyport", e("getnameinfo", "getnameinfo")),
      Map.entry("getprotobyname", e("getprotobyname_r (glibc), or a constant such as IPPROTO_TCP", null)),
      Map.entry("getprotobynumber", e("getprotobynumber_r (glibc), or a constant", null)),
      // process-wide state
      Map.entry("setlocale", new Entry("uselocale with a newlocale object for this thread, or no locale change",
          "_configthreadlocale(_ENABLE_PER_THREAD_LOCALE)", When.SECOND_ARG_NOT_NULL)),
      Map.entry("localeconv", e("nl_langinfo_l or localeconv_l where available, or read it once at import", null)),
      Map.entry("getenv", e("reading the variable once at import, or a lock shared with every setenv", null)),
      Map.entry("setenv", e("no process-wide change at run time (pass an environment to the child instead)", null)),
      Map.entry("unsetenv", e("no process-wide change at run time (pass an environment to the child instead)", null)),
      Map.entry("putenv", e("no process-wide change at run time (pass an environment to the child instead)", null)),
      Map.entry("rand", e("a generator whose state you keep (rand_r, erand48/nrand48, or your own)", "rand_s")),
      Map.entry("srand", e("a generator whose state you keep (rand_r, erand48/nrand48, or your own)", null)),
      Map.entry("drand48", e("erand48 with a state array you keep", null)),
      Map.entry("lrand48", e("nrand48 with a state array you keep", null)),
      Map.entry("mrand48", e("jrand48 with a state array you keep", null)),
      Map.entry("srand48", e("erand48/nrand48/jrand48 with a state array you keep", null)),
      // multibyte conversion with hidden shift state
      Map.entry("mbtowc", e("mbrtowc with a local mbstate_t", "mbrtowc")),
      Map.entry("wctomb", e("wcrtomb with a local mbstate_t", "wcrtomb")),
      Map.entry("mblen", e("mbrlen with a local mbstate_t", "mbrlen")),
      // directory streams
      Map.entry("readdir", new Entry("one stream per call (opendir in the function), or a lock around the shared stream",
          null, When.SHARED_STREAM)));

  /** The entry of a called name ({@code localtime}, {@code std::localtime}, {@code ::localtime}), or null. */
  public static Entry of(String calledName) {
    String n = calledName.startsWith("std::") ? calledName.substring(5)
        : calledName.startsWith("::") ? calledName.substring(2) : calledName;
    return FUNCTIONS.get(n);
  }
}
