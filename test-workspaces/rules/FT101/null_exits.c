/* The strong-reference API returns NULL when the index is gone (the list shrank after the size
 * check); where the code had no check, the fix adds one that leaves like the function's other
 * errors do. */
#include <Python.h>

static PyObject *shared;

static PyObject *
no_check_at_all(PyObject *self, PyObject *args)
{
    PyObject *item = PyList_GetItem(shared, 0);   // expect: FT101
    PyObject *text = PyObject_Str(item);
    return text;
}

static PyObject *
goto_style(PyObject *self, PyObject *args)
{
    PyObject *result = NULL;
    PyObject *name = PyUnicode_FromString("x");
    if (name == NULL) {
        goto error;
    }
    PyObject *item = PyList_GetItem(shared, 1);   // expect: FT101
    result = PyObject_GetAttr(item, name);
    if (result == NULL) {
        goto error;
    }
    Py_DECREF(name);
    return result;
error:
    Py_XDECREF(name);
    return NULL;
}

static int
int_style(PyObject *self)
{
    if (shared == NULL) {
        return -1;
    }
    PyObject *item = PyList_GetItem(shared, 2);   // expect: FT101
    int truth = PyObject_IsTrue(item);
    return truth;
}

static PyObject *
something_held(PyObject *self, PyObject *args)
{
    PyObject *prefix = PyUnicode_FromString("p");
    if (prefix == NULL) {
        return NULL;
    }
    PyObject *item = PyList_GetItem(shared, 3);   // expect: FT101
    PyObject *joined = PyUnicode_Concat(prefix, item);
    Py_DECREF(prefix);
    return joined;
}

static PyObject *
tested_by_the_code(PyObject *self, PyObject *args)
{
    PyObject *item = PyList_GetItem(shared, 4);   // expect: FT101
    if (item) {
        PyObject_Print(item, stdout, 0);
    }
    Py_RETURN_NONE;
}

static void
no_error_exit(PyObject *self)
{
    PyObject *item = PyList_GetItem(shared, 5);   // expect: FT101
    PyObject_Print(item, stdout, 0);
}
