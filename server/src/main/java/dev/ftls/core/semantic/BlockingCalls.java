package dev.ftls.core.semantic;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The one list of calls that can block the calling thread, each with the reason it blocks:
 * sleeping, I/O on files, pipes and sockets, name lookups, waiting for other threads or processes,
 * and taking locks. C++ member calls are matched by their method name ({@code m.lock()},
 * {@code t.join()}). A few calls block only with some arguments ({@code fcntl(fd, F_SETLKW, ...)});
 * {@link #reason(CallSite)} knows which.
 */
public final class BlockingCalls {
  private BlockingCalls() {}

  private static final String SLEEPS = "sleeps";
  private static final String IO = "waits until the descriptor, pipe or socket is ready";
  private static final String FILE_IO = "waits for file I/O";
  private static final String OPEN = "opens a path, which can wait on a slow or network file system or a FIFO";
  private static final String NETWORK = "waits for the network (connection or name lookup)";
  private static final String POLL = "waits for descriptors to become ready";
  private static final String DISK = "waits until the data reaches the disk";
  private static final String JOIN = "waits for another thread or process to finish";
  private static final String CONDITION = "waits for a condition to be signalled";
  private static final String LOCK = "waits for a lock that another thread may hold";
  private static final String FILE_LOCK = "waits for a file lock that another process may hold";
  private static final String DETACH = "detaches the thread state and waits to attach again";

  /** Functions and macros, by the name they are called with, and why each blocks. */
  public static final Map<String, String> REASONS = reasons();

  /** The names of {@link #REASONS}. */
  public static final Set<String> FUNCTIONS = REASONS.keySet();

  /** Calls that block only with one of these second arguments (the command or the wait flag). */
  private static final Map<String, Set<String>> ONLY_WITH_ARG1 =
      Map.of("fcntl", Set.of("F_SETLKW", "F_OFD_SETLKW", "F_SETLKW64"));
  /** Calls that do not wait with one of these second arguments (a try-lock). */
  private static final Map<String, Set<String>> NOT_WITH_ARG1 =
      Map.of("PyThread_acquire_lock", Set.of("0", "NOWAIT_LOCK"), "PyThread_acquire_lock_timed", Set.of("0"));

  private static Map<String, String> reasons() {
    Map<String, String> m = new LinkedHashMap<>();
    put(m, SLEEPS, "sleep", "usleep", "nanosleep", "clock_nanosleep", "thrd_sleep", "Sleep", "SleepEx", "pause",
        "sigsuspend", "sigwait", "sigwaitinfo", "sigtimedwait",
        "std::this_thread::sleep_for", "std::this_thread::sleep_until");
    put(m, IO, "read", "write", "pread", "pwrite", "readv", "writev", "recv", "recvfrom", "recvmsg", "recvmmsg",
        "send", "sendto", "sendmsg", "sendmmsg", "sendfile", "splice", "accept", "accept4", "ReadFile", "WriteFile");
    put(m, FILE_IO, "fread", "fwrite", "fgets", "fgetc", "getc", "getchar", "fflush", "getline", "getdelim");
    put(m, OPEN, "open", "openat", "creat", "fopen");
    put(m, NETWORK, "connect", "getaddrinfo", "getnameinfo", "gethostbyname", "gethostbyname_r",
        "gethostbyaddr", "getifaddrs", "res_query", "res_search");
    put(m, POLL, "select", "pselect", "poll", "ppoll", "epoll_wait", "epoll_pwait", "kevent", "WSAPoll");
    put(m, DISK, "fsync", "fdatasync", "sync", "syncfs", "msync");
    put(m, JOIN, "pthread_join", "thrd_join", "waitpid", "wait", "wait3", "wait4", "waitid", "system", "pclose",
        "WaitForSingleObject", "WaitForSingleObjectEx", "WaitForMultipleObjects", "WaitForMultipleObjectsEx");
    put(m, CONDITION, "pthread_cond_wait", "pthread_cond_timedwait", "cnd_wait", "cnd_timedwait",
        "SleepConditionVariableCS", "SleepConditionVariableSRW", "pthread_barrier_wait");
    put(m, LOCK, "pthread_mutex_lock", "pthread_rwlock_rdlock", "pthread_rwlock_wrlock", "mtx_lock", "mtx_timedlock",
        "sem_wait", "sem_timedwait", "EnterCriticalSection", "AcquireSRWLockExclusive", "AcquireSRWLockShared",
        "PyThread_acquire_lock", "PyThread_acquire_lock_timed", "PyMutex_Lock");
    put(m, FILE_LOCK, "flock", "lockf", "fcntl");
    put(m, DETACH, "PyEval_SaveThread", "Py_BEGIN_ALLOW_THREADS", "Py_UNBLOCK_THREADS");
    return java.util.Collections.unmodifiableMap(m);
  }

  private static void put(Map<String, String> m, String reason, String... names) {
    for (String n : names) {
      m.put(n, reason);
    }
  }

  /** Method names of C++ objects whose call blocks (std::mutex::lock, std::thread::join, ...). */
  public static final Set<String> METHODS =
      Set.of("lock", "lock_shared", "join", "wait", "wait_for", "wait_until", "acquire");

  /** Whether a function by this name can block with some arguments. */
  public static boolean isBlocking(String name) {
    return REASONS.containsKey(name);
  }

  /** Why this call blocks, or null when it does not (its name is not listed, or its arguments say it does not wait). */
  public static String reason(CallSite c) {
    String why = REASONS.get(c.name());
    Set<String> only = ONLY_WITH_ARG1.get(c.name());
    if (c.name().equals("getnameinfo") && c.args().size() == 7 && c.arg(6).contains("NI_NUMERICHOST")
        && (c.arg(6).contains("NI_NUMERICSERV") || c.arg(4).strip().matches("NULL|0|nullptr"))) {
      return null; // numeric host and service: formats the address, no lookup
    }
    String arg1 = c.arg(1) == null ? null : c.arg(1).strip();
    if (why == null || (only != null && (arg1 == null || !only.contains(arg1)))
        || (arg1 != null && NOT_WITH_ARG1.getOrDefault(c.name(), Set.of()).contains(arg1))) {
      return null;
    }
    return why;
  }

  /** Whether this call can block (see {@link #reason(CallSite)}). */
  public static boolean isBlocking(CallSite c) {
    return reason(c) != null;
  }
}
