package dev.ftls.core.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DocsPagesTest {
  @ParameterizedTest
  @CsvSource({
    "PyList_GetItem, list.html",
    "PyDict_GetItemRef, dict.html",
    "PyWeakref_GetRef, weakref.html",
    "PyImport_AddModuleRef, import.html",
    "PyCell_Get, cell.html",
    "PyEval_GetGlobals, reflection.html",
    "PyEval_SaveThread, threads.html",
    "PyGILState_Ensure, threads.html",
    "Py_BEGIN_ALLOW_THREADS, threads.html",
    "PyMutex_Lock, synchronization.html",
    "Py_BEGIN_CRITICAL_SECTION2, synchronization.html",
    "Py_mod_gil, module.html",
    "Py_MOD_GIL_NOT_USED, module.html",
    "PyUnstable_Module_SetGIL, module.html",
    "PyObject_GetAttr, object.html",
    "PyObject_GC_Track, gcsupport.html",
    "PyObject_Malloc, memory.html",
    "PyUnicode_AsUTF8, unicode.html",
    "PyLong_FromLong, long.html",
    "PyErr_Occurred, exceptions.html",
    "PySys_GetObject, sys.html",
    "PyTuple_GetItem, tuple.html",
    "PySequence_Fast_GET_ITEM, sequence.html",
    "PyMem_Malloc, memory.html",
    "Py_INCREF, refcounting.html",
    "PyObject.ob_refcnt, structures.html",
    "PyObject, structures.html",
    "Py_ssize_t, intro.html",
    "PyTypeObject, type.html",
    "PyUnstable_TryIncRef, object.html"
  })
  void namesLandOnTheirPageWithTheCAnchor(String name, String page) {
    assertEquals(page, DocsPages.pageFor(name));
    assertEquals(
        "https://docs.python.org/3/c-api/" + page + "#c." + name,
        new ApiEntry(name, "function", null, null, null, null, null).docsUrl());
  }

  @ParameterizedTest
  @CsvSource({"Py_GIL_DISABLED", "_PyUnknown_Thing"})
  void unknownPagesFallBackToADocsSearch(String name) {
    assertEquals("https://docs.python.org/3/search.html?q=" + name, DocsPages.urlFor(name));
  }
}
