/* Correctly paired sections, including ones inside blocks and preprocessor branches. */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *cache;
} CacheObject;

static PyObject *
get(CacheObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *value = NULL;
    Py_BEGIN_CRITICAL_SECTION(self);
    if (self->cache != NULL) {   /* a brace in a comment: { */
        value = Py_NewRef(self->cache);
    }
    Py_END_CRITICAL_SECTION();
    if (value == NULL) {
        Py_BEGIN_CRITICAL_SECTION(self);
        const char *s = "}";
        value = PyUnicode_FromString(s);
        Py_END_CRITICAL_SECTION();
    }
    return value;
}

static PyObject *
pair(CacheObject *self, PyObject *other)
{
    PyObject *value;
#ifdef Py_GIL_DISABLED
    Py_BEGIN_CRITICAL_SECTION2(self, other);
#else
    {
#endif
    value = PyTuple_Pack(2, self->cache, other);
#ifdef Py_GIL_DISABLED
    Py_END_CRITICAL_SECTION2();
#else
    }
#endif
    return value;
}

static PyObject *
with_mutex(CacheObject *self, PyObject *Py_UNUSED(ignored))
{
    static PyMutex cache_mutex = {0};
    PyObject *value;
    Py_BEGIN_CRITICAL_SECTION_MUTEX(&cache_mutex);
    value = Py_XNewRef(self->cache);
    Py_END_CRITICAL_SECTION();
    return value;
}
