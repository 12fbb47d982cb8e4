/* The 3.14 mutex forms of the critical section macros lock a PyMutex instead of an object's
 * lock; leaving one early leaves that mutex locked just the same. */
#include <Python.h>

static PyMutex cache_mutex;
static PyMutex stats_mutex;
static PyObject *cache;
static long hits;

static PyObject *
cache_get(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    PyObject *value;
    Py_BEGIN_CRITICAL_SECTION_MUTEX(&cache_mutex);
    if (cache == NULL) {
        return NULL;   // expect: FT404 "return leaves the critical section"
    }
    value = Py_NewRef(cache);
    Py_END_CRITICAL_SECTION();
    return value;
}

static PyObject *
cache_count(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    long n;
    Py_BEGIN_CRITICAL_SECTION2_MUTEX(&cache_mutex, &stats_mutex);
    if (cache == NULL) {
        Py_RETURN_NONE;   // expect: FT404
    }
    n = ++hits;
    Py_END_CRITICAL_SECTION2();
    return PyLong_FromLong(n);
}

/* the same code written to leave through the END: nothing to report */
static PyObject *
cache_get_ok(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    PyObject *value = NULL;
    Py_BEGIN_CRITICAL_SECTION_MUTEX(&cache_mutex);
    if (cache != NULL) {
        value = Py_NewRef(cache);
    }
    Py_END_CRITICAL_SECTION();
    return value;
}

static PyObject *
cache_count_ok(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    long n;
    Py_BEGIN_CRITICAL_SECTION2_MUTEX(&cache_mutex, &stats_mutex);
    n = ++hits;
    Py_END_CRITICAL_SECTION2();
    return PyLong_FromLong(n);
}
