/* BEGIN inside an if body, END after it: they do not compile in the free-threaded build. */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *cache;
} CacheObject;

static PyObject *
split(CacheObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *value = NULL;
    if (self->cache != NULL) {
        Py_BEGIN_CRITICAL_SECTION(self);   // expect: FT403 "different C blocks"
        value = Py_NewRef(self->cache);
    }
    Py_END_CRITICAL_SECTION();     /* with the GIL the braces still balance: it compiles there */
    return value;
}
