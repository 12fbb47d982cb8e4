/* ftls-test: minimumPython=3.13
 * A lock per object: allocated in tp_new, freed in tp_dealloc. The project needs Python 3.13
 * (it already uses PyMutex elsewhere), so the fix needs no version check. */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyMutex lock;                   // expect: FT303
    Py_ssize_t hits;
} CounterObject;

typedef struct {
    PyObject_HEAD
    PyMutex lock;                              /* another struct's member of the same name */
    Py_ssize_t total;
} TotalObject;

static PyObject *
counter_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    CounterObject *self = (CounterObject *)type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    self->lock = (PyMutex){0};
    return (PyObject *)self;
}

static void
counter_dealloc(CounterObject *self)
{
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *
counter_hit(CounterObject *self, PyObject *unused)
{
    Py_ssize_t hits;
    PyMutex_Lock(&self->lock);
    hits = ++self->hits;
    PyMutex_Unlock(&self->lock);
    return PyLong_FromSsize_t(hits);
}

static PyObject *
total_add(TotalObject *other, PyObject *unused)
{
    Py_ssize_t total;
    PyMutex_Lock(&other->lock);
    total = ++other->total;
    PyMutex_Unlock(&other->lock);
    return PyLong_FromSsize_t(total);
}
