package dev.ftls.core.semantic;

import java.util.Set;

/**
 * The one list of calls that can block the calling thread: sleeping, I/O on files, pipes and
 * sockets, waiting for other threads or processes, and taking locks. C++ member calls are matched
 * by their method name ({@code m.lock()}, {@code t.join()}).
 */
public final class BlockingCalls {
  private BlockingCalls() {}

  /** Functions and macros, by the name they are called with. */
  public static final Set<String> FUNCTIONS = Set.of(
      // sleeping
      "sleep", "usleep", "nanosleep", "clock_nanosleep", "thrd_sleep", "Sleep", "SleepEx",
      "std::this_thread::sleep_for", "std::this_thread::sleep_until",
      // file, pipe and socket I/O
      "read", "write", "pread", "pwrite", "readv", "writev", "recv", "recvfrom", "recvmsg", "send",
      "sendto", "sendmsg", "accept", "accept4", "connect", "select", "pselect", "poll", "ppoll",
      "epoll_wait", "fread", "fwrite", "fgets", "fgetc", "getc", "getchar", "fflush", "fsync", "fdatasync",
      "getline", "getaddrinfo", "gethostbyname", "ReadFile", "WriteFile",
      // waiting for threads and processes
      "pthread_join", "thrd_join", "waitpid", "wait", "system", "pclose", "pthread_cond_wait",
      "pthread_cond_timedwait", "cnd_wait", "cnd_timedwait", "WaitForSingleObject", "WaitForMultipleObjects",
      // locks
      "pthread_mutex_lock", "pthread_rwlock_rdlock", "pthread_rwlock_wrlock", "mtx_lock", "mtx_timedlock",
      "sem_wait", "sem_timedwait", "flock", "lockf", "EnterCriticalSection", "AcquireSRWLockExclusive",
      "AcquireSRWLockShared", "PyThread_acquire_lock", "PyThread_acquire_lock_timed", "PyMutex_Lock",
      // detaching the thread state
      "PyEval_SaveThread", "Py_BEGIN_ALLOW_THREADS", "Py_UNBLOCK_THREADS");

  /** Method names of C++ objects whose call blocks (std::mutex::lock, std::thread::join, ...). */
  public static final Set<String> METHODS =
      Set.of("lock", "lock_shared", "join", "wait", "wait_for", "wait_until", "acquire");

  public static boolean isBlocking(String name) {
    return FUNCTIONS.contains(name);
  }
}
