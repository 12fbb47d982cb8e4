/* Reaching into object structs. */
#include <Python.h>

static PyObject *
peek(PyObject *self, PyObject *args)
{
    PyObject *list, *d;
    if (!PyArg_ParseTuple(args, "OO", &list, &d)) {
        return NULL;
    }
    if (self->ob_refcnt > 1) {                                  // expect: FT603 error
        Py_RETURN_NONE;
    }
    PyObject *first = ((PyListObject *)list)->ob_item[0];       // expect: FT603 warning
    Py_ssize_t used = ((PyDictObject *)d)->ma_used;             // expect: FT603
    return Py_BuildValue("On", first, used);
}

static void
retype(PyObject *obj, PyTypeObject *type)
{
    obj->ob_type = type;                                        // expect: FT603 "Py_SET_TYPE"
}

static void
resize(PyVarObject *v, Py_ssize_t n)
{
    v->ob_size = n;                                             // expect: FT603 "Py_SET_SIZE"
}
