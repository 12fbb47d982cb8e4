package dev.ftls.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.core.semantic.ProjectView.Caller;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facts {@link ProjectIndex} derives across files from the summaries of small C files: who
 * calls a function only during module set-up, what lock wrappers (and wrappers of wrappers) do,
 * blocking, module creation and GIL declaration through callees in other files.
 */
class ProjectIndexTest {
  @TempDir Path dir;

  private final ProjectIndex index = new ProjectIndex();

  /** Summarizes a file and puts it in the index; returns its path. */
  private Path add(String name, String text) {
    FileSummary s = Summaries.of(dir, name, text);
    Path file = Path.of(s.path());
    index.put(file, s);
    return file;
  }

  private static final String INIT = """
      #include <Python.h>
      int setup_outer(void);
      void shared_helper(void);
      void callback(void);
      static PyObject *meth(PyObject *self, PyObject *arg)
      {
          shared_helper();
          Py_RETURN_NONE;
      }
      static PyMethodDef methods[] = {{"meth", meth, METH_NOARGS, NULL}, {NULL, NULL, 0, NULL}};
      static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "m", NULL, -1, methods};
      PyMODINIT_FUNC PyInit_m(void)
      {
          if (setup_outer() < 0) {
              return NULL;
          }
          shared_helper();
          callback();
          return PyModule_Create(&def);
      }
      """;

  private static final String SETUP = """
      #include <Python.h>
      int setup_inner(void);
      int setup_outer(void)
      {
          return setup_inner();
      }
      """;

  private static final String INNER = """
      #include <Python.h>
      static long ready;
      int setup_inner(void)
      {
          ready = 1;
          return 0;
      }
      void shared_helper(void)
      {
          ready++;
      }
      void callback(void)
      {
      }
      """;

  @Test
  void initOnlyThroughTwoLevelsOfCallersInOtherFiles() {
    Path init = add("init.c", INIT);
    Path setup = add("setup.c", SETUP);
    Path inner = add("inner.c", INNER);
    assertEquals("module initialization", index.initOnlyReason(init, "setup_outer"));
    assertEquals("module initialization", index.initOnlyReason(setup, "setup_inner"));
    assertEquals(List.of(new Caller(setup, "setup_outer", false, "module initialization")),
        index.callersElsewhere(inner, "setup_inner"));
    // a file's own functions are judged from the file itself
    assertNull(index.initOnlyReason(inner, "setup_inner"));
  }

  @Test
  void notInitOnlyWhenOneCallerIsAMethod() {
    Path init = add("init.c", INIT);
    Path inner = add("inner.c", INNER);
    add("setup.c", SETUP);
    assertNull(index.initOnlyReason(init, "shared_helper"));
    List<Caller> callers = index.callersElsewhere(inner, "shared_helper");
    assertEquals(2, callers.size(), callers.toString());
    assertTrue(callers.contains(new Caller(init, "meth", false, null)), callers.toString());
    assertTrue(callers.contains(new Caller(init, "PyInit_m", false, "module initialization")), callers.toString());
  }

  @Test
  void aFunctionUsedAsAValueIsNeverInitOnly() {
    Path init = add("init.c", INIT);
    Path inner = add("inner.c", INNER);
    assertEquals("module initialization", index.initOnlyReason(init, "callback"), "only PyInit_m calls it");
    Path table = add("table.c", """
        #include <Python.h>
        void callback(void);
        typedef void (*hook_t)(void);
        hook_t hooks[] = {callback};
        """);
    assertNull(index.initOnlyReason(init, "callback"));
    assertNull(index.initOnlyReason(table, "callback"));
    assertNull(index.callersElsewhere(inner, "callback"), "callers of a value cannot be known");
  }

  @Test
  void callersHoldingALockMakeAFunctionSerialized() {
    add("locks.c", LOCKS);
    Path user = add("user.c", """
        #include <Python.h>
        void registry_lock(void);
        void registry_unlock(void);
        void touch(void);
        void after(void);
        static PyObject *meth(PyObject *self, PyObject *arg)
        {
            registry_lock();
            touch();
            registry_unlock();
            after();
            Py_RETURN_NONE;
        }
        static PyMethodDef methods[] = {{"meth", meth, METH_NOARGS, NULL}, {NULL, NULL, 0, NULL}};
        """);
    Path touch = add("touch.c", """
        #include <Python.h>
        static long n;
        void touch(void) { n++; }
        void after(void) { n--; }
        """);
    // the summary of user.c alone cannot know that registry_lock() takes a lock: the index adds it
    assertEquals(List.of(new Caller(user, "meth", true, null)), index.callersElsewhere(touch, "touch"));
    assertEquals("always called with a lock held", index.initOnlyReason(user, "touch"));
    assertEquals(List.of(new Caller(user, "meth", false, null)), index.callersElsewhere(touch, "after"));
    assertNull(index.initOnlyReason(user, "after"));
  }

  private static final String LOCKS = """
      #include <Python.h>
      static PyMutex registry_mutex;
      void registry_lock(void) { PyMutex_Lock(&registry_mutex); }
      void registry_unlock(void) { PyMutex_Unlock(&registry_mutex); }
      """;

  @Test
  void lockWrappersAndWrappersOfWrappers() {
    add("locks.c", LOCKS);
    add("wrap.c", """
        #include <Python.h>
        void registry_lock(void);
        void registry_unlock(void);
        void lock_all(void) { registry_lock(); }
        void unlock_all(void) { registry_unlock(); }
        void lock_all_twice_removed(void) { lock_all(); }
        int locked_op(void) { registry_lock(); registry_unlock(); return 0; }
        """);
    Path user = dir.resolve("user.c");
    assertEquals(1, index.lockEffect(user, "registry_lock"));
    assertEquals(-1, index.lockEffect(user, "registry_unlock"));
    assertEquals(1, index.lockEffect(user, "lock_all"));
    assertEquals(-1, index.lockEffect(user, "unlock_all"));
    assertEquals(1, index.lockEffect(user, "lock_all_twice_removed"));
    assertEquals(0, index.lockEffect(user, "locked_op"));
    assertEquals(0, index.lockEffect(user, "no_such_function"));
  }

  @Test
  void blockingThroughACalleeInAnotherFile() {
    add("slow.c", """
        #include <Python.h>
        unsigned int sleep(unsigned int seconds);
        void wait_a_bit(void) { sleep(1); }
        """);
    add("work.c", """
        #include <Python.h>
        void wait_a_bit(void);
        void do_work(void) { wait_a_bit(); }
        void quick(void) { }
        """);
    Path user = dir.resolve("user.c");
    assertTrue(index.canBlock(user, "wait_a_bit"));
    assertTrue(index.canBlock(user, "do_work"));
    assertFalse(index.canBlock(user, "quick"));
  }

  @Test
  void moduleCreationThroughAHelperAndGilDeclaration() {
    add("create.c", """
        #include <Python.h>
        static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "m", NULL, -1, NULL};
        PyObject *make_module(void) { return PyModule_Create(&def); }
        """);
    add("build.c", """
        #include <Python.h>
        PyObject *make_module(void);
        void declare_gil(PyObject *m);
        PyObject *build(void) { return make_module(); }
        PyObject *build_declared(void) { PyObject *m = make_module(); declare_gil(m); return m; }
        """);
    assertFalse(index.someFunctionDeclaresGil(), "no file declares the GIL use yet");
    add("gil.c", """
        #include <Python.h>
        void declare_gil(PyObject *m) { PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED); }
        """);
    assertTrue(index.someFunctionDeclaresGil());
    Path init = dir.resolve("init.c");
    assertEquals("create.c: make_module", index.createsModule(init, "make_module"));
    assertEquals("create.c: make_module", index.createsModule(init, "build"));
    assertNull(index.createsModule(init, "declare_gil"));
    assertTrue(index.declaresGil(init, "declare_gil"));
    assertTrue(index.declaresGil(init, "build_declared"));
    assertFalse(index.declaresGil(init, "build"));
  }

  @Test
  void aStaticFunctionIsNotReachedFromAnotherFile() {
    Path a = add("a.c", """
        #include <Python.h>
        static PyMutex m;
        unsigned int sleep(unsigned int seconds);
        static void helper(void) { sleep(1); }
        static void take(void) { PyMutex_Lock(&m); }
        static int setup(void) { return 0; }
        void use_them(void) { helper(); take(); }
        """);
    Path b = add("b.c", """
        #include <Python.h>
        void helper(void);
        void take(void);
        int setup(void);
        PyMODINIT_FUNC PyInit_b(void) { setup(); helper(); take(); return NULL; }
        """);
    assertFalse(index.canBlock(b, "helper"));
    assertEquals(0, index.lockEffect(b, "take"));
    assertNull(index.initOnlyReason(b, "setup"));
    assertNull(index.callersElsewhere(a, "setup"), "a static function has no callers elsewhere");
  }

  @Test
  void removingAFileDropsItsFacts() {
    Path slow = add("slow.c", """
        #include <Python.h>
        unsigned int sleep(unsigned int seconds);
        void wait_a_bit(void) { sleep(1); }
        """);
    add("work.c", """
        #include <Python.h>
        void wait_a_bit(void);
        void do_work(void) { wait_a_bit(); }
        """);
    Path user = dir.resolve("user.c");
    assertTrue(index.canBlock(user, "do_work"));
    index.remove(slow);
    assertFalse(index.canBlock(user, "do_work"));
    assertFalse(index.canBlock(user, "wait_a_bit"));
    assertEquals(1, index.size());
    assertNull(index.get(slow));
  }

  @Test
  void putSaysWhetherTheFactsChanged() {
    FileSummary first = Summaries.of(dir, "f.c", "#include <Python.h>\nvoid f(void) { }\n");
    Path file = Path.of(first.path());
    assertTrue(index.put(file, first));
    FileSummary commented = Summaries.of(dir, "f.c", "#include <Python.h>\n/* a comment */ void f(void) { }\n");
    // same functions on the same lines: another stamp, the same facts
    assertFalse(commented.stamp().equals(first.stamp()));
    assertFalse(index.put(file, commented));
    assertEquals(commented.stamp(), index.get(file).stamp(), "the newer stamp is kept");
    // the function moved down two lines (an edit above it): still the same facts
    FileSummary moved = Summaries.of(dir, "f.c", "#include <Python.h>\n\n\nvoid f(void) { }\n");
    assertEquals(4, moved.functions().get(0).line());
    assertFalse(index.put(file, moved));
    FileSummary blocking = Summaries.of(dir, "f.c",
        "#include <Python.h>\nunsigned int sleep(unsigned int s);\nvoid f(void) { sleep(1); }\n");
    assertTrue(index.put(file, blocking));
    assertTrue(index.canBlock(dir.resolve("g.c"), "f"));
  }

  @Test
  void newReferencesWritersAndMultiPhaseDefinitions() {
    add("objects.c", """
        #include <Python.h>
        static long counter;
        PyObject *make_list(void) { return PyList_New(0); }
        PyObject *first(PyObject *l) { return PyList_GetItem(l, 0); }
        void count(void) { counter++; }
        """);
    add("init.c", """
        #include <Python.h>
        extern struct PyModuleDef shared_def;
        PyMODINIT_FUNC PyInit_m(void) { return PyModuleDef_Init(&shared_def); }
        """);
    Path user = dir.resolve("user.c");
    assertTrue(index.returnsNewObject(user, "make_list"));
    assertFalse(index.returnsNewObject(user, "first"));
    assertEquals(List.of("objects.c: count"), index.writersElsewhere(user, "counter"));
    assertEquals(List.of(), index.writersElsewhere(dir.resolve("objects.c"), "counter"));
    assertTrue(index.usedForMultiPhaseInit("shared_def"));
    assertFalse(index.usedForMultiPhaseInit("other_def"));
  }

  /** A summary of one function that blocks or not (made directly, without parsing). */
  private static FileSummary blocking(Path file, String function, boolean blocks, int n) {
    return new FileSummary(FileSummary.FORMAT, file.toString(), "stamp-" + n,
        List.of(new FunctionSummary(function, false, 1, List.of(), 0, blocks, false, false, null, false, List.of())),
        List.of(), List.of(), List.of());
  }

  @Test
  void aQueryDuringAPutNeverKeepsStaleFacts() throws InterruptedException {
    Path file = dir.resolve("f.c");
    Path other = dir.resolve("g.c");
    // some bulk, so that deriving the facts takes a moment
    for (int i = 0; i < 1000; i++) {
      index.put(dir.resolve("bulk" + i + ".c"), blocking(dir.resolve("bulk" + i + ".c"), "bulk" + i, false, i));
    }
    for (int round = 0; round < 200; round++) {
      boolean blocks = round % 2 == 0;
      AtomicBoolean stop = new AtomicBoolean();
      Thread reader = new Thread(() -> {
        while (!stop.get()) {
          index.canBlock(other, "f");
        }
      });
      reader.start();
      Thread.sleep(1);
      // a change elsewhere sets the reader deriving again; the change of f.c comes while it does
      Path churn = dir.resolve("bulk0.c");
      index.put(churn, blocking(churn, "bulk0", round % 2 == 1, 1000 + round));
      LockSupport.parkNanos(50_000);
      index.put(file, blocking(file, "f", blocks, round));
      Thread.sleep(1);
      stop.set(true);
      reader.join();
      assertEquals(blocks, index.canBlock(other, "f"), "round " + round);
    }
  }
}
