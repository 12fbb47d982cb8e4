package dev.ftls.core.kb;

import java.util.List;
import java.util.Map;

/**
 * Which docs.python.org C API page documents a name. Exact names first, then the longest matching
 * prefix; names on no known page get a docs search link. Page names follow the current (3.14+)
 * layout, where thread-state and lock APIs moved out of init.html into threads.html and
 * synchronization.html.
 */
public final class DocsPages {
  public static final String BASE = "https://docs.python.org/3/c-api/";

  private static final Map<String, String> EXACT =
      Map.ofEntries(
          Map.entry("PyEval_GetBuiltins", "reflection.html"),
          Map.entry("PyEval_GetLocals", "reflection.html"),
          Map.entry("PyEval_GetGlobals", "reflection.html"),
          Map.entry("PyEval_GetFrame", "reflection.html"),
          Map.entry("PyEval_GetFrameBuiltins", "reflection.html"),
          Map.entry("PyEval_GetFrameLocals", "reflection.html"),
          Map.entry("PyEval_GetFrameGlobals", "reflection.html"),
          Map.entry("PyEval_GetFuncName", "reflection.html"),
          Map.entry("PyEval_GetFuncDesc", "reflection.html"),
          Map.entry("PyObject_Malloc", "memory.html"),
          Map.entry("PyObject_Calloc", "memory.html"),
          Map.entry("PyObject_Realloc", "memory.html"),
          Map.entry("PyObject_Free", "memory.html"),
          Map.entry("PyObject_Init", "allocation.html"),
          Map.entry("PyObject_InitVar", "allocation.html"),
          Map.entry("PyModuleDef_Init", "module.html"),
          Map.entry("Py_TYPE", "structures.html"),
          Map.entry("Py_SET_TYPE", "structures.html"),
          Map.entry("Py_IS_TYPE", "structures.html"),
          Map.entry("Py_SIZE", "structures.html"),
          Map.entry("Py_SET_SIZE", "structures.html"),
          Map.entry("Py_REFCNT", "refcounting.html"),
          Map.entry("Py_SET_REFCNT", "refcounting.html"),
          Map.entry("Py_INCREF", "refcounting.html"),
          Map.entry("Py_XINCREF", "refcounting.html"),
          Map.entry("Py_DECREF", "refcounting.html"),
          Map.entry("Py_XDECREF", "refcounting.html"),
          Map.entry("Py_CLEAR", "refcounting.html"),
          Map.entry("Py_NewRef", "refcounting.html"),
          Map.entry("Py_XNewRef", "refcounting.html"),
          Map.entry("Py_SETREF", "refcounting.html"),
          Map.entry("Py_XSETREF", "refcounting.html"),
          Map.entry("Py_BEGIN_ALLOW_THREADS", "threads.html"),
          Map.entry("Py_END_ALLOW_THREADS", "threads.html"),
          Map.entry("Py_BLOCK_THREADS", "threads.html"),
          Map.entry("Py_UNBLOCK_THREADS", "threads.html"),
          Map.entry("PyUnstable_Module_SetGIL", "module.html"),
          Map.entry("PyUnstable_Object_IsUniquelyReferenced", "object.html"),
          Map.entry("PyUnstable_TryIncRef", "object.html"),
          Map.entry("PyUnstable_EnableTryIncRef", "object.html"),
          Map.entry("Py_IncRef", "refcounting.html"),
          Map.entry("Py_DecRef", "refcounting.html"),
          Map.entry("Py_ssize_t", "intro.html"),
          Map.entry("PyObject", "structures.html"),
          Map.entry("PyVarObject", "structures.html"),
          Map.entry("PyTypeObject", "type.html"),
          Map.entry("PyThreadState", "threads.html"),
          Map.entry("Py_buffer", "buffer.html"),
          Map.entry("Py_BuildValue", "arg.html"),
          Map.entry("Py_VaBuildValue", "arg.html"),
          Map.entry("Py_Is", "structures.html"),
          Map.entry("Py_IsNone", "structures.html"),
          Map.entry("Py_IsTrue", "structures.html"),
          Map.entry("Py_IsFalse", "structures.html"),
          Map.entry("PyCFunction", "structures.html"),
          Map.entry("PyCFunctionWithKeywords", "structures.html"),
          Map.entry("PyCFunctionFast", "structures.html"),
          Map.entry("PyCFunctionFastWithKeywords", "structures.html"),
          Map.entry("PyMethodDef", "structures.html"),
          Map.entry("PyMemberDef", "structures.html"),
          Map.entry("PyGetSetDef", "structures.html"));

  /** Prefix to page; the longest matching prefix wins, so order does not matter. */
  private static final List<Map.Entry<String, String>> PREFIXES =
      List.of(
          Map.entry("PyAnySet_", "set.html"),
          Map.entry("PyArg_", "arg.html"),
          Map.entry("PyBool_", "bool.html"),
          Map.entry("PyBuffer_", "buffer.html"),
          Map.entry("PyByteArray_", "bytearray.html"),
          Map.entry("PyBytes_", "bytes.html"),
          Map.entry("PyCallable_", "call.html"),
          Map.entry("PyCapsule_", "capsule.html"),
          Map.entry("PyCell_", "cell.html"),
          Map.entry("PyCode_", "code.html"),
          Map.entry("PyCodec_", "codec.html"),
          Map.entry("PyComplex_", "complex.html"),
          Map.entry("PyContext", "contextvars.html"),
          Map.entry("PyCoro_", "coro.html"),
          Map.entry("PyCriticalSection", "synchronization.html"),
          Map.entry("PyDate", "datetime.html"),
          Map.entry("PyDelta_", "datetime.html"),
          Map.entry("PyDescr_", "descriptor.html"),
          Map.entry("PyDict_", "dict.html"),
          Map.entry("PyErr_", "exceptions.html"),
          Map.entry("PyEval_", "threads.html"),
          Map.entry("PyExc_", "exceptions.html"),
          Map.entry("PyException_", "exceptions.html"),
          Map.entry("PyFile_", "file.html"),
          Map.entry("PyFloat_", "float.html"),
          Map.entry("PyFrame_", "frame.html"),
          Map.entry("PyFrozenSet_", "set.html"),
          Map.entry("PyFunction_", "function.html"),
          Map.entry("PyGC_", "gcsupport.html"),
          Map.entry("PyGILState_", "threads.html"),
          Map.entry("PyGen_", "gen.html"),
          Map.entry("PyImport_", "import.html"),
          Map.entry("PyInstanceMethod_", "method.html"),
          Map.entry("PyInterpreterState_", "subinterpreters.html"),
          Map.entry("PyIter_", "iter.html"),
          Map.entry("PyList_", "list.html"),
          Map.entry("PyLong_", "long.html"),
          Map.entry("PyMapping_", "mapping.html"),
          Map.entry("PyMarshal_", "marshal.html"),
          Map.entry("PyMem_", "memory.html"),
          Map.entry("PyMemoryView_", "memoryview.html"),
          Map.entry("PyMethod_", "method.html"),
          Map.entry("PyModuleDef", "module.html"),
          Map.entry("PyModule_", "module.html"),
          Map.entry("PyMutex", "synchronization.html"),
          Map.entry("PyNumber_", "number.html"),
          Map.entry("PyOS_", "sys.html"),
          Map.entry("PyObject.", "structures.html"),
          Map.entry("PyObject_", "object.html"),
          Map.entry("PyObject_GC_", "gcsupport.html"),
          Map.entry("PyRun_", "veryhigh.html"),
          Map.entry("PySeqIter_", "iterator.html"),
          Map.entry("PySequence_", "sequence.html"),
          Map.entry("PySet_", "set.html"),
          Map.entry("PySlice_", "slice.html"),
          Map.entry("PyState_", "module.html"),
          Map.entry("PyStructSequence_", "tuple.html"),
          Map.entry("PySys_", "sys.html"),
          Map.entry("PyThreadState_", "threads.html"),
          Map.entry("PyTuple_", "tuple.html"),
          Map.entry("PyType_", "type.html"),
          Map.entry("PyUnicode", "unicode.html"),
          Map.entry("PyVarObject.", "structures.html"),
          Map.entry("PyVectorcall_", "call.html"),
          Map.entry("PyWeakref_", "weakref.html"),
          Map.entry("Py_BEGIN_CRITICAL_SECTION", "synchronization.html"),
          Map.entry("Py_END_CRITICAL_SECTION", "synchronization.html"),
          Map.entry("Py_MOD_", "module.html"),
          Map.entry("Py_mod_", "module.html"));

  private DocsPages() {}

  /** The docs page (file name such as "list.html") for a name, null when none is known. */
  public static String pageFor(String name) {
    String exact = EXACT.get(name);
    if (exact != null) {
      return exact;
    }
    String best = null;
    int bestLength = -1;
    for (Map.Entry<String, String> prefix : PREFIXES) {
      if (name.startsWith(prefix.getKey()) && prefix.getKey().length() > bestLength) {
        best = prefix.getValue();
        bestLength = prefix.getKey().length();
      }
    }
    return best;
  }

  /** A docs.python.org link for a name: its page and {@code #c.NAME} anchor, else a docs search. */
  public static String urlFor(String name) {
    String page = pageFor(name);
    if (page == null) {
      return "https://docs.python.org/3/search.html?q=" + name;
    }
    return BASE + page + "#c." + name;
  }
}
