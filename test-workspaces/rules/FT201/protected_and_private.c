/* PyDict_Next loops that are safe without the GIL: nothing to report here. */
#include <Python.h>

static PyObject *registry;

typedef struct {
    PyObject_HEAD
    PyObject *attrs;
} NodeObject;

static PyObject *
sum_registry(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    long total = 0;
    Py_BEGIN_CRITICAL_SECTION(registry);
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(registry, &pos, &key, &value)) {
        total += PyLong_AsLong(value);
    }
    Py_END_CRITICAL_SECTION();
    return PyLong_FromLong(total);
}

static PyObject *
merge(PyObject *self, PyObject *args)
{
    PyObject *dst, *src;
    int err = 0;
    if (!PyArg_ParseTuple(args, "O!O!", &PyDict_Type, &dst, &PyDict_Type, &src)) {
        return NULL;
    }
    Py_BEGIN_CRITICAL_SECTION2(dst, src);
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next((PyObject *)src, &pos, &key, &value)) {
        if (PyDict_SetItem(dst, key, value) < 0) {
            err = 1;
            break;
        }
    }
    Py_END_CRITICAL_SECTION2();
    if (err) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
node_size(NodeObject *self, PyObject *Py_UNUSED(ignored))
{
    Py_ssize_t n = 0;
    Py_BEGIN_CRITICAL_SECTION(self);   /* the owner's lock guards its dict */
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(self->attrs, &pos, &key, &value)) {
        n++;
    }
    Py_END_CRITICAL_SECTION();
    return PyLong_FromSsize_t(n);
}

static PyObject *
fresh_dict(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *d = Py_BuildValue("{s:i,s:i}", "a", 1, "b", 2);
    if (d == NULL) {
        return NULL;
    }
    long total = 0;
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(d, &pos, &key, &value)) {     /* private: nobody else has it */
        total += PyLong_AsLong(value);
    }
    Py_DECREF(d);
    return PyLong_FromLong(total);
}

static PyObject *
snapshot(PyObject *self, PyObject *shared)
{
    PyObject *copy = PyDict_Copy(shared);
    if (copy == NULL) {
        return NULL;
    }
    Py_ssize_t pos = 0, n = 0;
    PyObject *key, *value;
    while (PyDict_Next(copy, &pos, &key, &value)) {   /* a private snapshot */
        n++;
    }
    Py_DECREF(copy);
    return PyLong_FromSsize_t(n);
}

static PyObject *
with_kwargs(PyObject *self, PyObject *args, PyObject *kwargs)
{
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    if (kwargs == NULL) {
        Py_RETURN_NONE;
    }
    while (PyDict_Next(kwargs, &pos, &key, &value)) {   /* every call gets its own */
        if (PyObject_SetAttr(self, key, value) < 0) {
            return NULL;
        }
    }
    Py_RETURN_NONE;
}

/* Runs with the dict's lock held: its only caller holds the critical section. */
static Py_ssize_t
count_lock_held(PyObject *dict)
{
    Py_ssize_t pos = 0, n = 0;
    PyObject *key, *value;
    while (PyDict_Next(dict, &pos, &key, &value)) {
        n++;
    }
    return n;
}

static Py_ssize_t
count_entries(PyObject *dict)
{
    Py_ssize_t pos = 0, n = 0;
    PyObject *key, *value;
    while (PyDict_Next(dict, &pos, &key, &value)) {
        n++;
    }
    return n;
}

static PyObject *
count(PyObject *self, PyObject *dict)
{
    Py_ssize_t a, b;
    Py_BEGIN_CRITICAL_SECTION(dict);
    a = count_lock_held(dict);
    b = count_entries((PyObject *)dict);
    Py_END_CRITICAL_SECTION();
    return Py_BuildValue("nn", a, b);
}

static PyObject *
legacy(PyObject *self, PyObject *dict)
{
    Py_ssize_t pos = 0, n = 0;
    PyObject *key, *value;
#ifndef Py_GIL_DISABLED
    while (PyDict_Next(dict, &pos, &key, &value)) {   /* only built with the GIL */
        n++;
    }
#else
    Py_BEGIN_CRITICAL_SECTION(dict);
    while (PyDict_Next(dict, &pos, &key, &value)) {
        n++;
    }
    Py_END_CRITICAL_SECTION();
#endif
    return PyLong_FromSsize_t(n);
}

typedef struct {
    PyObject_HEAD
    PyObject *named_lists;   /* a read-only table: this file never changes it or hands it out */
} CompiledObject;

static Py_ssize_t
count_named(CompiledObject *self)
{
    PyObject *key, *value;
    Py_ssize_t pos = 0, n = 0;
    while (PyDict_Next(self->named_lists, &pos, &key, &value)) {
        n += PyList_Check(value);
    }
    return n;
}
