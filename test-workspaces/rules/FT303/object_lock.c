/* ftls-test: minimumPython=3.13
 * A lock per object: allocated in tp_new, freed in tp_dealloc. The project needs Python 3.13
 * (it already uses PyMutex elsewhere), so the fix needs no version check. */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyThread_type_lock lock;                   // expect: FT303
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
    self->lock = PyThread_allocate_lock();
    if (self->lock == NULL) {
        Py_DECREF(self);
        return PyErr_NoMemory();
    }
    return (PyObject *)self;
}

static void
counter_dealloc(CounterObject *self)
{
    if (self->lock != NULL)
        PyThread_free_lock(self->lock);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *
counter_hit(CounterObject *self, PyObject *unused)
{
    Py_ssize_t hits;
    if (!PyThread_acquire_lock(self->lock, WAIT_LOCK)) {   // expect: FT502
        PyErr_SetString(PyExc_RuntimeError, "cannot take the lock");
        return NULL;
    }
    hits = ++self->hits;
    PyThread_release_lock(self->lock);
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
