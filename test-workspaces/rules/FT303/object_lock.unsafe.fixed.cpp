// ftls-test: minimumPython=3.13
// A C++ extension type with a lock per object; the project needs Python 3.13 (it uses PyMutex
// already), so the fix needs no version check.
#include <Python.h>

struct Cache {
    PyObject_HEAD
    PyMutex lock;                   // expect: FT303
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
    self->lock = PyMutex{};
    return reinterpret_cast<PyObject *>(self);
}

static PyObject *
cache_hit(PyObject *op, PyObject *)
{
    Cache *self = reinterpret_cast<Cache *>(op);
    PyMutex_Lock(&self->lock);   // expect: FT502
    long hits = ++self->hits;
    PyMutex_Unlock(&self->lock);
    PyMutex_Lock(&self->stats_lock);
    PyMutex_Unlock(&self->stats_lock);
    return PyLong_FromLong(hits);
}

static void
cache_dealloc(PyObject *op)
{
    Cache *self = reinterpret_cast<Cache *>(op);
    Py_TYPE(op)->tp_free(op);
}
