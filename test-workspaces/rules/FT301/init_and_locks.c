/* Writes that cannot race: module initialization, teardown, locks, atomics, thread-locals. */
#include <Python.h>
#include <pthread.h>

static PyObject *error_type = NULL;
static PyObject *registry = NULL;
static long generation = 0;
static int verbose = 0;
static const char *const names[] = {"a", "b"};
static _Atomic long atomic_calls;
static _Thread_local int depth;
static pthread_mutex_t table_mutex = PTHREAD_MUTEX_INITIALIZER;
static PyThread_type_lock legacy_lock;         // expect: FT303
static long legacy_counter;

/* What pythoncapi-compat provides for Pythons without critical sections. */
#ifndef Py_BEGIN_CRITICAL_SECTION
#  define Py_BEGIN_CRITICAL_SECTION(op) {
#  define Py_END_CRITICAL_SECTION() }
#endif

#ifdef Py_GIL_DISABLED
static PyMutex registry_lock;
#define LOCK_REGISTRY() PyMutex_Lock(&registry_lock)
#define UNLOCK_REGISTRY() PyMutex_Unlock(&registry_lock)
#else
#define LOCK_REGISTRY()
#define UNLOCK_REGISTRY()
#endif

/* Only called from the exec slot and from a locked region below. */
static int
fill_registry(PyObject *m)
{
    registry = PyDict_New();
    if (registry == NULL) {
        return -1;
    }
    generation++;
    return 0;
}

static int
counters_exec(PyObject *m)
{
    error_type = PyErr_NewException("counters.Error", NULL, NULL);
    if (error_type == NULL) {
        return -1;
    }
    return fill_registry(m);
}

static PyObject *
rebuild(PyObject *self, PyObject *unused)
{
    LOCK_REGISTRY();
    Py_CLEAR(registry);
    if (fill_registry(self) < 0) {
        UNLOCK_REGISTRY();
        return NULL;
    }
    generation += 1;
    UNLOCK_REGISTRY();
    Py_RETURN_NONE;
}

static PyObject *
count(PyObject *self, PyObject *unused)
{
    atomic_calls++;
    depth++;
    pthread_mutex_lock(&table_mutex);              // expect: FT502
    generation++;
    pthread_mutex_unlock(&table_mutex);
    if (PyThread_acquire_lock(legacy_lock, WAIT_LOCK)) {   // expect: FT502
        legacy_counter++;
        PyThread_release_lock(legacy_lock);
    }
    depth--;
    return PyLong_FromLong(generation);
}

static PyObject *
set_verbose(PyObject *self, PyObject *args)
{
    /* Only the address is taken: PyArg_ParseTuple writes through the pointer. */
    if (!PyArg_ParseTuple(args, "p", &verbose)) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
touch(PyObject *self, PyObject *obj)
{
    Py_BEGIN_CRITICAL_SECTION(obj);
    generation++;
    Py_END_CRITICAL_SECTION();
    Py_RETURN_NONE;
}

static int
counters_clear(PyObject *m)
{
    Py_CLEAR(registry);
    Py_CLEAR(error_type);
    return 0;
}

static void
counters_free(void *m)
{
    counters_clear((PyObject *)m);
}

static PyMethodDef methods[] = {
    {"rebuild", rebuild, METH_NOARGS, NULL},
    {"count", count, METH_NOARGS, NULL},
    {"set_verbose", set_verbose, METH_VARARGS, NULL},
    {"touch", touch, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, counters_exec},
#ifdef Py_GIL_DISABLED
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL},
};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT,
    .m_name = "counters",
    .m_size = 0,
    .m_methods = methods,
    .m_slots = slots,
    .m_clear = counters_clear,
    .m_free = counters_free,
};

PyMODINIT_FUNC
PyInit_counters(void)
{
    legacy_lock = PyThread_allocate_lock();
    return PyModuleDef_Init(&moduledef);
}
