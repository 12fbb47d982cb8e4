/* SET_ITEM macros filling containers created right here: nothing to report. */
#include <Python.h>

static PyTypeObject *PointType;

typedef struct {
    PyObject_HEAD
    PyObject *cells;
} GridObject;

static PyObject *
make_pair(PyObject *self, PyObject *args)
{
    PyObject *a, *b;
    if (!PyArg_ParseTuple(args, "OO", &a, &b)) {
        return NULL;
    }
    PyObject *list = PyList_New(2);
    if (list == NULL) {
        return NULL;
    }
    PyList_SET_ITEM(list, 0, Py_NewRef(a));
    PyList_SET_ITEM(list, 1, Py_NewRef(b));
    PyObject *tuple = PyTuple_New(1);
    if (tuple == NULL) {
        Py_DECREF(list);
        return NULL;
    }
    PyTuple_SET_ITEM(tuple, 0, list);
    return tuple;
}

static PyObject *
make_point(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *point = PyStructSequence_New(PointType);
    if (point == NULL) {
        return NULL;
    }
    PyStructSequence_SET_ITEM(point, 0, PyLong_FromLong(1));
    PyStructSequence_SET_ITEM(point, 1, PyLong_FromLong(2));
    return point;
}

static PyObject *
grid_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    GridObject *self = (GridObject *)type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    self->cells = PyList_New(1);
    if (self->cells == NULL) {
        Py_DECREF(self);
        return NULL;
    }
    PyList_SET_ITEM(self->cells, 0, Py_NewRef(Py_None));   /* being built: nobody else has it */
    return (PyObject *)self;
}

/* Fills the list its only caller has just created. */
static int
fill_range(PyObject *row, Py_ssize_t n)
{
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *v = PyLong_FromSsize_t(i);
        if (v == NULL) {
            return -1;
        }
        PyList_SET_ITEM(row, i, v);
    }
    return 0;
}

static PyObject *
range_list(PyObject *self, PyObject *arg)
{
    Py_ssize_t n = PyLong_AsSsize_t(arg);
    if (n < 0) {
        return NULL;
    }
    PyObject *row = PyList_New(n);
    if (row == NULL || fill_range(row, n) < 0) {
        Py_XDECREF(row);
        return NULL;
    }
    return row;
}

static PyObject *
from_helper(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *t = Py_BuildValue("(OO)", Py_None, Py_None);
    if (t == NULL) {
        return NULL;
    }
    PyTuple_SET_ITEM(t, 1, Py_NewRef(Py_True));   /* still being built (the old item is Py_None) */
    return t;
}
