/* The per-object lock locked directly instead of through a critical section. */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    Py_ssize_t count;
} CounterObject;

static PyObject *
counter_incr(CounterObject *self, PyObject *Py_UNUSED(ignored))
{
#ifdef Py_GIL_DISABLED
    PyMutex_Lock(&self->ob_base.ob_mutex);   // expect: FT405 error "Py_BEGIN_CRITICAL_SECTION(self)"
#endif
    self->count++;
#ifdef Py_GIL_DISABLED
    PyMutex_Unlock(&self->ob_base.ob_mutex);   // expect: FT405
#endif
    Py_RETURN_NONE;
}

static PyObject *
touch(PyObject *self, PyObject *obj)
{
#ifdef Py_GIL_DISABLED
    PyMutex_Lock(&((PyObject *)obj)->ob_mutex);   // expect: FT405 "'obj'"
    PyMutex_Unlock(&obj->ob_mutex);   // expect: FT405
#endif
    Py_RETURN_NONE;
}
