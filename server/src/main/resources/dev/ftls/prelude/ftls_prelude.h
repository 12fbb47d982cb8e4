/* ftls built-in prelude.
 *
 * ftls reads this header before every file it analyzes. It gives the parser the CPython C API
 * names, types and macros that the ftls rules look for, so that a file still parses well when
 * no Python headers can be found, and so that headers older than the target Python (3.11
 * headers checked for 3.14t, say) still know the free-threading API.
 *
 * Every macro is guarded: when the real headers define a name, their definition wins.
 * The declarations are simplified for the parser; they are not the real prototypes.
 */
#ifndef FTLS_PRELUDE_H
#define FTLS_PRELUDE_H

/* ---- basic types ---- */
typedef long Py_ssize_t;
typedef long Py_hash_t;
typedef struct { unsigned char _bits; } PyMutex;
/* ob_mutex is the per-object lock of the free-threaded build (reserved for critical sections) */
typedef struct _object { Py_ssize_t ob_refcnt; struct _typeobject *ob_type; PyMutex ob_mutex; } PyObject;
typedef struct { PyObject ob_base; Py_ssize_t ob_size; } PyVarObject;
typedef struct _typeobject PyTypeObject;
typedef struct _ts PyThreadState;
typedef struct _is PyInterpreterState;
typedef PyObject *(*PyCFunction)(PyObject *, PyObject *);
typedef struct PyMethodDef { const char *ml_name; PyCFunction ml_meth; int ml_flags; const char *ml_doc; } PyMethodDef;
typedef struct PyModuleDef_Base { PyObject ob_base; PyObject *(*m_init)(void); Py_ssize_t m_index; PyObject *m_copy; } PyModuleDef_Base;
typedef struct PyModuleDef_Slot { int slot; void *value; } PyModuleDef_Slot;
typedef struct PyModuleDef {
  PyModuleDef_Base m_base; const char *m_name; const char *m_doc; Py_ssize_t m_size;
  PyMethodDef *m_methods; PyModuleDef_Slot *m_slots; void *m_traverse; void *m_clear; void *m_free;
} PyModuleDef;
typedef struct { PyVarObject ob_base; PyObject **ob_item; Py_ssize_t allocated; } PyListObject;
typedef struct { PyVarObject ob_base; PyObject *ob_item[1]; } PyTupleObject;
typedef struct { PyObject ob_base; Py_ssize_t ma_used; unsigned long long ma_version_tag; void *ma_keys; PyObject **ma_values; } PyDictObject;
typedef unsigned int Py_UCS4;
typedef unsigned short Py_UCS2;
typedef unsigned char Py_UCS1;
typedef struct { void *_cs_prev; PyMutex *_cs_mutex; } PyCriticalSection;
typedef struct { PyCriticalSection _cs_base; PyMutex *_cs_mutex2; } PyCriticalSection2;
typedef enum { PyGILState_LOCKED, PyGILState_UNLOCKED } PyGILState_STATE;
typedef void *PyThread_type_lock;

/* ---- declarations of the C API functions the rules look at ---- */
PyObject *PyList_New(Py_ssize_t);
PyObject *PyList_GetItem(PyObject *, Py_ssize_t);
PyObject *PyList_GetItemRef(PyObject *, Py_ssize_t);
int PyList_SetItem(PyObject *, Py_ssize_t, PyObject *);
int PyList_Append(PyObject *, PyObject *);
Py_ssize_t PyList_Size(PyObject *);
PyObject *PyDict_New(void);
PyObject *PyDict_GetItem(PyObject *, PyObject *);
PyObject *PyDict_GetItemWithError(PyObject *, PyObject *);
PyObject *PyDict_GetItemString(PyObject *, const char *);
int PyDict_GetItemRef(PyObject *, PyObject *, PyObject **);
int PyDict_GetItemStringRef(PyObject *, const char *, PyObject **);
PyObject *PyDict_SetDefault(PyObject *, PyObject *, PyObject *);
int PyDict_SetDefaultRef(PyObject *, PyObject *, PyObject *, PyObject **);
int PyDict_SetItem(PyObject *, PyObject *, PyObject *);
int PyDict_SetItemString(PyObject *, const char *, PyObject *);
int PyDict_Next(PyObject *, Py_ssize_t *, PyObject **, PyObject **);
PyObject *PyDict_Copy(PyObject *);
PyObject *PyTuple_New(Py_ssize_t);
PyObject *PyTuple_GetItem(PyObject *, Py_ssize_t);
PyObject *PyTuple_Pack(Py_ssize_t, ...);
PyObject *PySequence_Fast(PyObject *, const char *);
PyObject *PySequence_List(PyObject *);
PyObject *PySequence_Tuple(PyObject *);
PyObject *PyStructSequence_New(PyTypeObject *);
void PyStructSequence_SetItem(PyObject *, Py_ssize_t, PyObject *);
PyObject *PyStructSequence_GetItem(PyObject *, Py_ssize_t);
PyObject *PySet_New(PyObject *);
PyObject *PyWeakref_GetObject(PyObject *);
int PyWeakref_GetRef(PyObject *, PyObject **);
PyObject *PyImport_AddModule(const char *);
PyObject *PyImport_AddModuleRef(const char *);
PyObject *PyImport_AddModuleObject(PyObject *);
PyObject *PyImport_ImportModule(const char *);
PyObject *PyCell_Get(PyObject *);
PyObject *PySys_GetObject(const char *);
PyObject *PyEval_GetGlobals(void);
PyObject *PyEval_GetLocals(void);
PyObject *PyEval_GetBuiltins(void);
PyObject *Py_BuildValue(const char *, ...);
PyObject *PyModule_Create2(PyModuleDef *, int);
PyObject *PyModuleDef_Init(PyModuleDef *);
int PyModule_AddObject(PyObject *, const char *, PyObject *);
int PyModule_AddObjectRef(PyObject *, const char *, PyObject *);
int PyUnstable_Module_SetGIL(PyObject *, void *);
PyObject *Py_NewRef(PyObject *);
PyObject *Py_XNewRef(PyObject *);
void Py_IncRef(PyObject *);
void Py_DecRef(PyObject *);
void PyMutex_Lock(PyMutex *);
void PyMutex_Unlock(PyMutex *);
void PyCriticalSection_Begin(PyCriticalSection *, PyObject *);
void PyCriticalSection_BeginMutex(PyCriticalSection *, PyMutex *);
void PyCriticalSection_End(PyCriticalSection *);
void PyCriticalSection2_Begin(PyCriticalSection2 *, PyObject *, PyObject *);
void PyCriticalSection2_BeginMutex(PyCriticalSection2 *, PyMutex *, PyMutex *);
void PyCriticalSection2_End(PyCriticalSection2 *);
PyThreadState *PyEval_SaveThread(void);
void PyEval_RestoreThread(PyThreadState *);
PyGILState_STATE PyGILState_Ensure(void);
void PyGILState_Release(PyGILState_STATE);
int PyUnstable_Object_IsUniquelyReferenced(PyObject *);
PyObject *PyErr_Occurred(void);
void PyErr_SetString(PyObject *, const char *);
PyObject *PyErr_NoMemory(void);
int PyArg_ParseTuple(PyObject *, const char *, ...);
int PyArg_ParseTupleAndKeywords(PyObject *, PyObject *, const char *, char **, ...);
void *PyObject_Malloc(size_t);
void *PyObject_Calloc(size_t, size_t);
void *PyObject_Realloc(void *, size_t);
void PyObject_Free(void *);
void *PyMem_Malloc(size_t);
void PyMem_Free(void *);
PyThread_type_lock PyThread_allocate_lock(void);
void PyThread_free_lock(PyThread_type_lock);
int PyThread_acquire_lock(PyThread_type_lock, int);
void PyThread_release_lock(PyThread_type_lock);
extern PyObject _Py_NoneStruct;
extern PyObject *PyExc_RuntimeError;
extern PyObject *PyExc_TypeError;
extern PyObject *PyExc_ValueError;

/* ---- macros: each only when the real headers did not define it ---- */
#ifndef PyAPI_FUNC
#define PyAPI_FUNC(RTYPE) RTYPE
#endif
#ifndef PyAPI_DATA
#define PyAPI_DATA(RTYPE) extern RTYPE
#endif
#ifndef PyMODINIT_FUNC
#define PyMODINIT_FUNC PyObject *
#endif
#ifndef PyObject_HEAD
#define PyObject_HEAD PyObject ob_base;
#endif
#ifndef PyObject_VAR_HEAD
#define PyObject_VAR_HEAD PyVarObject ob_base;
#endif
#ifndef PyObject_HEAD_INIT
#define PyObject_HEAD_INIT(type) { 1, type },
#endif
#ifndef PyVarObject_HEAD_INIT
#define PyVarObject_HEAD_INIT(type, size) { PyObject_HEAD_INIT(type) size },
#endif
#ifndef PyModuleDef_HEAD_INIT
#define PyModuleDef_HEAD_INIT { PyObject_HEAD_INIT(0) 0, 0, 0 }
#endif
#ifndef PYTHON_API_VERSION
#define PYTHON_API_VERSION 1013
#endif
#ifndef PyModule_Create
#define PyModule_Create(module) PyModule_Create2(module, PYTHON_API_VERSION)
#endif
#ifndef Py_mod_create
#define Py_mod_create 1
#endif
#ifndef Py_mod_exec
#define Py_mod_exec 2
#endif
#ifndef Py_mod_multiple_interpreters
#define Py_mod_multiple_interpreters 3
#endif
#ifndef Py_mod_gil
#define Py_mod_gil 4
#endif
#ifndef Py_MOD_GIL_USED
#define Py_MOD_GIL_USED ((void *)0)
#endif
#ifndef Py_MOD_GIL_NOT_USED
#define Py_MOD_GIL_NOT_USED ((void *)1)
#endif
#ifndef Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED
#define Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED ((void *)0)
#endif
#ifndef Py_MOD_PER_INTERPRETER_GIL_SUPPORTED
#define Py_MOD_PER_INTERPRETER_GIL_SUPPORTED ((void *)2)
#endif
#ifndef METH_VARARGS
#define METH_VARARGS 0x0001
#endif
#ifndef METH_KEYWORDS
#define METH_KEYWORDS 0x0002
#endif
#ifndef METH_NOARGS
#define METH_NOARGS 0x0004
#endif
#ifndef METH_O
#define METH_O 0x0008
#endif
#ifndef METH_FASTCALL
#define METH_FASTCALL 0x0080
#endif
#ifndef NULL
#define NULL ((void *)0)
#endif
#ifndef Py_None
#define Py_None (&_Py_NoneStruct)
#endif
#ifndef Py_RETURN_NONE
#define Py_RETURN_NONE return Py_None
#endif
#ifndef Py_INCREF
#define Py_INCREF(op) Py_IncRef((PyObject *)(op))
#endif
#ifndef Py_XINCREF
#define Py_XINCREF(op) Py_IncRef((PyObject *)(op))
#endif
#ifndef Py_DECREF
#define Py_DECREF(op) Py_DecRef((PyObject *)(op))
#endif
#ifndef Py_XDECREF
#define Py_XDECREF(op) Py_DecRef((PyObject *)(op))
#endif
#ifndef Py_CLEAR
#define Py_CLEAR(op) do { Py_DecRef((PyObject *)(op)); (op) = NULL; } while (0)
#endif
#ifndef Py_SETREF
#define Py_SETREF(dst, src) do { PyObject *_py_tmp = (PyObject *)(dst); (dst) = (src); Py_DecRef(_py_tmp); } while (0)
#endif
#ifndef Py_XSETREF
#define Py_XSETREF(dst, src) do { PyObject *_py_tmp = (PyObject *)(dst); (dst) = (src); Py_DecRef(_py_tmp); } while (0)
#endif
#ifndef Py_TYPE
#define Py_TYPE(ob) (((PyObject *)(ob))->ob_type)
#endif
#ifndef PySequence_Fast_GET_ITEM
#define PySequence_Fast_GET_ITEM(o, i) PyList_GetItem((PyObject *)(o), (i))
#endif
#ifndef Py_REFCNT
#define Py_REFCNT(ob) (((PyObject *)(ob))->ob_refcnt)
#endif
#ifndef PyList_GET_ITEM
#define PyList_GET_ITEM(op, i) PyList_GetItem((PyObject *)(op), (i))
#endif
#ifndef PyList_SET_ITEM
#define PyList_SET_ITEM(op, i, v) ((void)PyList_SetItem((PyObject *)(op), (i), (v)))
#endif
#ifndef PyList_GET_SIZE
#define PyList_GET_SIZE(op) PyList_Size((PyObject *)(op))
#endif
#ifndef PyTuple_GET_ITEM
#define PyTuple_GET_ITEM(op, i) PyTuple_GetItem((PyObject *)(op), (i))
#endif
#ifndef PyTuple_SET_ITEM
#define PyTuple_SET_ITEM(op, i, v) ((void)(op), (void)(i), (void)(v))
#endif
#ifndef PyStructSequence_SET_ITEM
#define PyStructSequence_SET_ITEM(op, i, v) PyStructSequence_SetItem((PyObject *)(op), (i), (v))
#endif
#ifndef PyStructSequence_GET_ITEM
#define PyStructSequence_GET_ITEM(op, i) PyStructSequence_GetItem((PyObject *)(op), (i))
#endif
#ifndef PySequence_Fast_GET_SIZE
#define PySequence_Fast_GET_SIZE(o) PyList_Size((PyObject *)(o))
#endif
#ifndef PySequence_Fast_GET_ITEM
#define PySequence_Fast_GET_ITEM(o, i) PyList_GetItem((PyObject *)(o), (i))
#endif
#ifndef PySequence_Fast_ITEMS
#define PySequence_Fast_ITEMS(o) ((PyObject **)(o))
#endif
#ifndef PyWeakref_GET_OBJECT
#define PyWeakref_GET_OBJECT(ref) PyWeakref_GetObject((PyObject *)(ref))
#endif
#ifndef PyCell_GET
#define PyCell_GET(op) PyCell_Get((PyObject *)(op))
#endif
#ifndef Py_BEGIN_CRITICAL_SECTION
#define Py_BEGIN_CRITICAL_SECTION(op) { PyCriticalSection _py_cs; PyCriticalSection_Begin(&_py_cs, (PyObject *)(op));
#endif
#ifndef Py_END_CRITICAL_SECTION
#define Py_END_CRITICAL_SECTION() PyCriticalSection_End(&_py_cs); }
#endif
#ifndef Py_BEGIN_CRITICAL_SECTION2
#define Py_BEGIN_CRITICAL_SECTION2(a, b) { PyCriticalSection2 _py_cs2; PyCriticalSection2_Begin(&_py_cs2, (PyObject *)(a), (PyObject *)(b));
#endif
#ifndef Py_END_CRITICAL_SECTION2
#define Py_END_CRITICAL_SECTION2() PyCriticalSection2_End(&_py_cs2); }
#endif
#ifndef Py_BEGIN_CRITICAL_SECTION_MUTEX
#define Py_BEGIN_CRITICAL_SECTION_MUTEX(mutex) { PyCriticalSection _py_cs; PyCriticalSection_BeginMutex(&_py_cs, (mutex));
#endif
#ifndef Py_BEGIN_CRITICAL_SECTION2_MUTEX
#define Py_BEGIN_CRITICAL_SECTION2_MUTEX(m1, m2) { PyCriticalSection2 _py_cs2; PyCriticalSection2_BeginMutex(&_py_cs2, (m1), (m2));
#endif
#ifndef Py_BEGIN_ALLOW_THREADS
#define Py_BEGIN_ALLOW_THREADS { PyThreadState *_save; _save = PyEval_SaveThread();
#endif
#ifndef Py_END_ALLOW_THREADS
#define Py_END_ALLOW_THREADS PyEval_RestoreThread(_save); }
#endif
#ifndef Py_BLOCK_THREADS
#define Py_BLOCK_THREADS PyEval_RestoreThread(_save);
#endif
#ifndef Py_UNBLOCK_THREADS
#define Py_UNBLOCK_THREADS _save = PyEval_SaveThread();
#endif
#ifndef PyMUTEX_INIT
#define PyMUTEX_INIT { 0 }
#endif
#ifndef Py_UNUSED
#define Py_UNUSED(name) _unused_ ## name
#endif

/* ---- C++ binding libraries: just enough for their module macros to parse ---- */
#ifdef __cplusplus
namespace pybind11 {
class module_ {
 public:
  template <typename... Args> module_ &def(const char *name, Args... args);
  module_ def_submodule(const char *name, const char *doc = 0);
};
struct mod_gil_not_used {
  explicit mod_gil_not_used(bool flag = true);
};
}  // namespace pybind11
#ifndef PYBIND11_MODULE
#define PYBIND11_MODULE(name, variable, ...) static void ftls_pybind11_init_##name(::pybind11::module_ &variable)
#endif
namespace nanobind {
class module_ {
 public:
  template <typename... Args> module_ &def(const char *name, Args... args);
};
}  // namespace nanobind
#ifndef NB_MODULE
#define NB_MODULE(name, variable) static void ftls_nanobind_init_##name(::nanobind::module_ &variable)
#endif
#endif

#endif /* FTLS_PRELUDE_H */
