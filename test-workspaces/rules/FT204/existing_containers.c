/* SET_ITEM macros on containers this function did not create. */
#include <Python.h>

static PyObject *slots;          /* a module-level list */
static PyTypeObject *PointType;

typedef struct {
    PyObject_HEAD
    PyObject *cells;             /* a list owned by the object */
    PyObject *shape;             /* a tuple */
} GridObject;

static PyObject *
reset_first(PyObject *self, PyObject *list)
{
    PyList_SET_ITEM(list, 0, Py_NewRef(Py_None));   // expect: FT204 error "'list', a parameter"
    Py_RETURN_NONE;
}

static PyObject *
clear_slot(PyObject *self, PyObject *arg)
{
    Py_ssize_t i = PyLong_AsSsize_t(arg);
    if (i == -1 && PyErr_Occurred()) {
        return NULL;
    }
    PyList_SET_ITEM(slots, i, Py_NewRef(Py_None));   // expect: FT204 error "a global"
    Py_RETURN_NONE;
}

static PyObject *
grid_set(GridObject *self, PyObject *value)
{
    PyList_SET_ITEM(self->cells, 0, Py_NewRef(value));   // expect: FT204 warning "a field of another object"
    PyTuple_SET_ITEM(self->shape, 0, PyLong_FromLong(0));   // expect: FT204 warning
    Py_RETURN_NONE;
}

static PyObject *
patch_args(PyObject *self, PyObject *args)
{
    PyTuple_SET_ITEM(args, 0, Py_NewRef(Py_None));   // expect: FT204 warning "tuple"
    Py_RETURN_NONE;
}

static PyObject *
patch_point(PyObject *self, PyObject *point)
{
    PyStructSequence_SET_ITEM(point, 0, PyLong_FromLong(0));   // expect: FT204 warning "struct sequence"
    Py_RETURN_NONE;
}

/* A helper that is also used as a callback: its callers are unknown. */
static int
fill_row(PyObject *row, Py_ssize_t n)
{
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *v = PyLong_FromSsize_t(i);
        if (v == NULL) {
            return -1;
        }
        PyList_SET_ITEM(row, i, v);   // expect: FT204 error
    }
    return 0;
}

static int (*row_filler)(PyObject *, Py_ssize_t) = fill_row;
