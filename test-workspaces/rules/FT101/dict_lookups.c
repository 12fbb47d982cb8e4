/* Dict lookups: PyDict_GetItemRef / PyDict_GetItemStringRef with an out parameter leave the value
 * NULL when the key is absent and NULL with an exception on error, as before, so the code's own
 * tests keep their meaning; lookups that hid errors keep hiding them. */
#include <Python.h>

static PyObject *registry;

static PyObject *
with_error(PyObject *self, PyObject *key)
{
    PyObject *value = PyDict_GetItemWithError(registry, key);   // expect: FT101
    if (value == NULL) {
        if (PyErr_Occurred()) {
            return NULL;
        }
        Py_RETURN_NONE;
    }
    return PyObject_Repr(value);
}

static PyObject *
hidden_errors(PyObject *self, PyObject *args)
{
    PyObject *value;
    value = PyDict_GetItemString(registry, "name");   // expect: FT101
    if (value == NULL) {
        Py_RETURN_NONE;
    }
    Py_INCREF(value);
    return value;
}

static long
absent_is_zero(PyObject *key)
{
    PyObject *value = PyDict_GetItem(registry, key);   // expect: FT101
    long n = value == NULL ? 0 : PyLong_AsLong(value);
    return n;
}

static long
inside_an_expression(PyObject *key)
{
    /* no statement of its own to rewrite: flagged, no fix */
    return PyLong_AsLong(PyDict_GetItemWithError(registry, key));   // expect: FT101
}
