/* A PyMutex of the extension's own, and the object lock taken through a critical section. */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyMutex mutex;               /* the type's own lock */
    Py_ssize_t count;
} CounterObject;

static PyMutex table_mutex = {0};

static PyObject *
counter_incr(CounterObject *self, PyObject *Py_UNUSED(ignored))
{
    PyMutex_Lock(&self->mutex);
    self->count++;
    PyMutex_Unlock(&self->mutex);
    PyMutex_Lock(&table_mutex);
    PyMutex_Unlock(&table_mutex);
    Py_BEGIN_CRITICAL_SECTION(self);
    self->count++;
    Py_END_CRITICAL_SECTION();
    Py_RETURN_NONE;
}
