// Hover goldens, locks, critical sections and thread states: each cursor marker in this file is
// a hover request, and free_threading.c.hover.md holds the server's answers (see HoverFixturesIT).
#include <Python.h>

static PyMutex cache_lock;
static PyObject *cache;

static PyObject *
cached(PyObject *self, PyObject *unused)
{
    /*|*/PyMutex_Lock(&cache_lock);
    PyObject *value = Py_XNewRef(cache);
    /*|*/PyMutex_Unlock(&cache_lock);
    return value;
}

static PyObject *
cached_in_section(PyObject *self, PyObject *unused)
{
    PyObject *value;
    /*|*/Py_BEGIN_CRITICAL_SECTION_MUTEX(&cache_lock);
    value = Py_XNewRef(cache);
    Py_END_CRITICAL_SECTION();
    return value;
}

static PyObject *
dict_size(PyObject *self, PyObject *dict)
{
    Py_ssize_t n;
    /*|*/Py_BEGIN_CRITICAL_SECTION(dict);
    n = PyDict_Size(dict);
    /*|*/Py_END_CRITICAL_SECTION();
    return PyLong_FromSsize_t(n);
}

static PyObject *
merge(PyObject *self, PyObject *args)
{
    PyObject *into, *from;
    int rc;
    if (!PyArg_ParseTuple(args, "O!O!", &PyDict_Type, &into, &PyDict_Type, &from)) {
        return NULL;
    }
    /*|*/Py_BEGIN_CRITICAL_SECTION2(into, from);
    rc = PyDict_Update(into, from);
    Py_END_CRITICAL_SECTION2();
    if (rc < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
take_if_unique(PyObject *self, PyObject *obj)
{
    if (/*|*/PyUnstable_Object_IsUniquelyReferenced(obj)) {
        return Py_NewRef(obj);
    }
    if (/*|*/PyUnstable_TryIncRef(obj)) {
        return obj;
    }
    Py_RETURN_NONE;
}

static long
crunch(long n)
{
    long total = 0;
    for (long i = 0; i < n; i++) {
        total += i % 7;
    }
    return total;
}

static PyObject *
crunch_detached(PyObject *self, PyObject *arg)
{
    long n = PyLong_AsLong(arg);
    long total;
    if (n == -1 && PyErr_Occurred()) {
        return NULL;
    }
    /*|*/Py_BEGIN_ALLOW_THREADS
    total = crunch(n);
    Py_END_ALLOW_THREADS
    return PyLong_FromLong(total);
}

static PyObject *
crunch_saved(PyObject *self, PyObject *arg)
{
    long n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred()) {
        return NULL;
    }
    PyThreadState *state = /*|*/PyEval_SaveThread();
    long total = crunch(n);
    PyEval_RestoreThread(state);
    return PyLong_FromLong(total);
}

/* called by a C library on a thread Python did not create */
void
on_library_event(void *payload)
{
    PyGILState_STATE st = /*|*/PyGILState_Ensure();
    PyObject *r = PyObject_CallNoArgs((PyObject *)payload);
    Py_XDECREF(r);
    PyGILState_Release(st);
}
