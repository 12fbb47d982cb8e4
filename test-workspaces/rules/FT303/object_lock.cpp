// ftls-test: minimumPython=3.13
// A C++ extension type with a lock per object; the project needs Python 3.13 (it uses PyMutex
// already), so the fix needs no version check.
#include <Python.h>

struct Cache {
    PyObject_HEAD
    PyThread_type_lock lock;                   // expect: FT303
    PyMutex stats_lock;
    long hits;
};

static PyObject *
cache_new(PyTypeObject *type, PyObject *, PyObject *)
{
    Cache *self = reinterpret_cast<Cache *>(type->tp_alloc(type, 0));
    if (self == nullptr) {
        return nullptr;
    }
    self->lock = PyThread_allocate_lock();
    if (!self->lock) {
        Py_DECREF(self);
        return PyErr_NoMemory();
    }
    return reinterpret_cast<PyObject *>(self);
}

static PyObject *
cache_hit(PyObject *op, PyObject *)
{
    Cache *self = reinterpret_cast<Cache *>(op);
    PyThread_acquire_lock(self->lock, WAIT_LOCK);   // expect: FT502
    long hits = ++self->hits;
    PyThread_release_lock(self->lock);
    PyMutex_Lock(&self->stats_lock);
    PyMutex_Unlock(&self->stats_lock);
    return PyLong_FromLong(hits);
}

static void
cache_dealloc(PyObject *op)
{
    Cache *self = reinterpret_cast<Cache *>(op);
    PyThread_free_lock(self->lock);
    Py_TYPE(op)->tp_free(op);
}
