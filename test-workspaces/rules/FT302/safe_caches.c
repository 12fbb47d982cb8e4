/* Caches that are filled safely: at import, under a lock, once, per thread, or only with the GIL. */
#include <Python.h>
#include <pthread.h>

static PyObject *at_import = NULL;
static PyObject *checked_twice = NULL;
static PyObject *once_value = NULL;
static pthread_once_t once_flag = PTHREAD_ONCE_INIT;
static _Thread_local char *scratch = NULL;
static PyObject *gil_only = NULL;
static _Atomic int initialized;

#ifdef Py_GIL_DISABLED
static PyMutex checked_twice_mutex;
#endif

static PyObject *
double_checked(PyObject *self, PyObject *unused)
{
    if (checked_twice == NULL) {
#ifdef Py_GIL_DISABLED
        PyMutex_Lock(&checked_twice_mutex);
#endif
        if (checked_twice == NULL) {
            checked_twice = PyUnicode_FromString("value");
        }
#ifdef Py_GIL_DISABLED
        PyMutex_Unlock(&checked_twice_mutex);
#endif
    }
    return Py_XNewRef(checked_twice);
}

static void
fill_once(void)
{
    if (once_value == NULL) {
        once_value = PyLong_FromLong(42);
    }
}

static PyObject *
get_once(PyObject *self, PyObject *unused)
{
    pthread_once(&once_flag, fill_once);
    return Py_XNewRef(once_value);
}

static PyObject *
per_thread(PyObject *self, PyObject *unused)
{
    if (scratch == NULL) {
        scratch = PyMem_RawMalloc(64);
    }
    if (!initialized) {
        initialized = 1;
    }
    return PyLong_FromVoidPtr(scratch);
}

static PyObject *
cached_with_gil(PyObject *self, PyObject *unused)
{
#ifndef Py_GIL_DISABLED
    if (gil_only == NULL) {
        gil_only = PyDict_New();
    }
    return Py_XNewRef(gil_only);
#else
    return PyDict_New();
#endif
}

static int
module_exec(PyObject *m)
{
    if (at_import == NULL) {
        at_import = PyUnicode_FromString("ready");
    }
    return at_import == NULL ? -1 : 0;
}

static PyMethodDef methods[] = {
    {"double_checked", double_checked, METH_NOARGS, NULL},
    {"get_once", get_once, METH_NOARGS, NULL},
    {"per_thread", per_thread, METH_NOARGS, NULL},
    {"cached_with_gil", cached_with_gil, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, module_exec},
#ifdef Py_GIL_DISABLED
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL},
};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT, "caches", NULL, 0, methods, slots,
};

PyMODINIT_FUNC
PyInit_caches(void)
{
    return PyModuleDef_Init(&moduledef);
}
