package dev.ftls.core.index;

import static dev.ftls.core.index.Summaries.function;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link Summarizer} says about the functions of one file, from that file alone. */
class SummarizerTest {
  @TempDir Path dir;

  private static final String LOCKS = """
      #include <Python.h>
      static PyMutex m;
      #define MY_LOCK() PyMutex_Lock(&m)
      #define MY_UNLOCK() PyMutex_Unlock(&m)
      static long hits;
      static long guarded;
      void helper(void);
      void lock_it(void) { PyMutex_Lock(&m); }
      void unlock_it(void) { MY_UNLOCK(); }
      void lock_and_unlock(void) { MY_LOCK(); guarded++; MY_UNLOCK(); }
      static void work(void)
      {
          MY_LOCK();
          helper();
          MY_UNLOCK();
          helper();
          hits++;
          sleep(1);
      }
      """;

  /** The calls of a function to these names, in order. */
  private static List<FunctionSummary.Call> callsTo(FunctionSummary f, Set<String> names) {
    return f.calls().stream().filter(c -> names.contains(c.name())).toList();
  }

  @Test
  void callsSayWhetherALockIsHeldThere() {
    FunctionSummary work = function(Summaries.of(dir, "locks.c", LOCKS), "work");
    assertEquals(List.of(new FunctionSummary.Call("helper", true), new FunctionSummary.Call("helper", false),
        new FunctionSummary.Call("sleep", false)), callsTo(work, Set.of("helper", "sleep")), work.calls().toString());
    assertTrue(work.isStatic());
    assertEquals(LOCKS.lines().toList().indexOf("static void work(void)") + 1, work.line());
  }

  @Test
  void theLockEffectCountsLockCallsAndLockMacros() {
    FileSummary s = Summaries.of(dir, "locks.c", LOCKS);
    assertEquals(1, function(s, "lock_it").lockEffect());
    assertEquals(-1, function(s, "unlock_it").lockEffect());
    assertEquals(0, function(s, "lock_and_unlock").lockEffect());
    assertEquals(0, function(s, "work").lockEffect());
    assertFalse(function(s, "lock_it").isStatic());
  }

  @Test
  void blockingCallsAndUnprotectedGlobalWrites() {
    FileSummary s = Summaries.of(dir, "locks.c", LOCKS);
    assertTrue(function(s, "work").blocks());
    assertFalse(function(s, "unlock_it").blocks());
    assertEquals(List.of("hits"), function(s, "work").globalWrites());
    assertEquals(List.of(), function(s, "lock_and_unlock").globalWrites(), "the write under the lock is protected");
  }

  @Test
  void objectLikeMacrosAreNotCalls() {
    FileSummary s = Summaries.of(dir, "n.c", """
        #include <Python.h>
        #define LIMIT 10
        int other(int);
        static int f(PyObject *o)
        {
            if (o == NULL) {
                return LIMIT;
            }
            return other(LIMIT);
        }
        """);
    assertEquals(List.of(new FunctionSummary.Call("other", false)), function(s, "f").calls());
  }

  @Test
  void moduleCreationAndGilDeclaration() {
    FileSummary s = Summaries.of(dir, "create.c", """
        #include <Python.h>
        static struct PyModuleDef mod = {PyModuleDef_HEAD_INIT, "m", NULL, -1, NULL};
        PyObject *make(void)
        {
            PyObject *m = PyModule_Create(&mod);
        #ifdef Py_GIL_DISABLED
            PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
        #endif
            return m;
        }
        void declare(PyObject *m)
        {
            PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
        }
        void nothing(void)
        {
        }
        """);
    assertTrue(function(s, "make").createsModule());
    assertFalse(function(s, "declare").createsModule());
    assertTrue(function(s, "declare").declaresGil());
    assertFalse(function(s, "nothing").declaresGil());
    assertFalse(function(s, "nothing").createsModule());
    assertEquals(List.of(), s.multiPhaseDefs());
  }

  @Test
  void rootsValueUsesAndMultiPhaseDefinitions() {
    FileSummary s = Summaries.of(dir, "mod.c", """
        #include <Python.h>
        typedef int once_flag_t;
        int pthread_once(once_flag_t *flag, void (*init)(void));
        static once_flag_t once;
        static void init_once(void) { }
        void called(void);
        static PyObject *meth(PyObject *self, PyObject *arg) { called(); Py_RETURN_NONE; }
        static PyMethodDef methods[] = {{"meth", meth, METH_O, NULL}, {NULL, NULL, 0, NULL}};
        static int exec_mod(PyObject *m) { pthread_once(&once, init_once); return 0; }
        static void free_mod(void *m) { }
        static PyModuleDef_Slot slots[] = {{Py_mod_exec, exec_mod}, {0, NULL}};
        static struct PyModuleDef def = {
            PyModuleDef_HEAD_INIT, .m_name = "mod", .m_methods = methods, .m_slots = slots, .m_free = free_mod,
        };
        PyMODINIT_FUNC PyInit_mod(void) { return PyModuleDef_Init(&def); }
        """);
    assertEquals("module initialization", function(s, "PyInit_mod").rootReason());
    assertEquals("module initialization", function(s, "exec_mod").rootReason());
    assertEquals("module teardown", function(s, "free_mod").rootReason());
    assertEquals("a once-callback", function(s, "init_once").rootReason());
    assertNull(function(s, "meth").rootReason());
    assertTrue(s.valueUses().contains("meth"), s.valueUses().toString());
    assertFalse(s.valueUses().contains("called"), s.valueUses().toString());
    assertEquals(List.of("def"), s.multiPhaseDefs());
  }

  @Test
  void newReferencesAreFreshObjectsOnly() {
    FileSummary s = Summaries.of(dir, "ret.c", """
        #include <Python.h>
        PyObject *new_list(void)
        {
            return PyList_New(0);
        }
        PyObject *new_dict(void)
        {
            PyObject *d = PyDict_New();
            if (d == NULL) {
                return NULL;
            }
            return d;
        }
        PyObject *first(PyObject *list)
        {
            return PyList_GetItem(list, 0);
        }
        PyObject *first_local(PyObject *list)
        {
            PyObject *item = PyList_GetItem(list, 0);
            return item;
        }
        int count(void)
        {
            return 0;
        }
        """);
    assertTrue(function(s, "new_list").returnsNew());
    assertTrue(function(s, "new_dict").returnsNew());
    assertFalse(function(s, "first").returnsNew());
    assertFalse(function(s, "first_local").returnsNew());
    assertFalse(function(s, "count").returnsNew());
  }

  @Test
  void theStampChangesWithTheTextAndTheSettings() {
    String a = Summarizer.stamp("int x;", "flags-a");
    assertEquals(a, Summarizer.stamp("int x;", "flags-a"));
    assertNotEquals(a, Summarizer.stamp("int y;", "flags-a"));
    assertNotEquals(a, Summarizer.stamp("int x;", "flags-b"));
    // the separator keeps the two apart: moving a character from the key to the text changes it
    assertNotEquals(Summarizer.stamp("bc", "a"), Summarizer.stamp("c", "ab"));
  }

  @Test
  void theSummaryNamesItsFileAndStamp() {
    FileSummary s = Summaries.of(dir, "locks.c", LOCKS);
    assertEquals(dir.resolve("locks.c").toString(), s.path());
    assertEquals(FileSummary.FORMAT, s.format());
    assertEquals(32, s.stamp().length());
    assertEquals(List.of("lock_it", "unlock_it", "lock_and_unlock", "work"),
        s.functions().stream().map(FunctionSummary::name).toList());
  }
}
