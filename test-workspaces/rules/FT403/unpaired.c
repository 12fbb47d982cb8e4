/* Critical-section macros that are not paired in the same C block. */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *cache;
    PyObject *other;
} CacheObject;

static PyObject *
wrong_end(CacheObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *res = NULL;
    Py_BEGIN_CRITICAL_SECTION2(self, self->other);
    res = Py_XNewRef(self->cache);
    Py_END_CRITICAL_SECTION();   // expect: FT403 error "must be closed by Py_END_CRITICAL_SECTION2"
    return res;
}

static PyObject *
never_closed(CacheObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *res;
    Py_BEGIN_CRITICAL_SECTION(self);   // expect: FT403 "never closed"
    res = Py_XNewRef(self->cache);
    return res;
}   /* closes the BEGIN's brace in the default build */
}

static PyObject *
never_opened(CacheObject *self, PyObject *Py_UNUSED(ignored))
{
    {   /* stands in for the missing BEGIN in the default build */
    PyObject *res = Py_XNewRef(self->cache);
    Py_END_CRITICAL_SECTION();   // expect: FT403 "no matching BEGIN"
    return res;
}

/* the mutex forms pair with the same END macros */
static PyMutex table_mutex;
static PyMutex log_mutex;
static long table_size;

static long
table_grow(void)
{
    long n;
    Py_BEGIN_CRITICAL_SECTION2_MUTEX(&table_mutex, &log_mutex);
    n = ++table_size;
    Py_END_CRITICAL_SECTION();   // expect: FT403 "must be closed by Py_END_CRITICAL_SECTION2"
    return n;
}
