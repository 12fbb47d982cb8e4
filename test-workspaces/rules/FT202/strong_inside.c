/* The borrowed items are made strong, or not used, once the section ends: nothing to report. */
#include <Python.h>

static PyObject *handlers;

static PyObject *
find_handler(PyObject *self, PyObject *name)
{
    Py_ssize_t pos = 0;
    PyObject *key, *value, *result = NULL;
    Py_BEGIN_CRITICAL_SECTION(handlers);
    while (PyDict_Next(handlers, &pos, &key, &value)) {
        if (PyUnicode_Check(key) && PyUnicode_Compare(key, name) == 0) {
            result = Py_NewRef(value);
            break;
        }
    }
    Py_END_CRITICAL_SECTION();
    if (result == NULL) {
        Py_RETURN_NONE;
    }
    return result;
}

static PyObject *
first_value(PyObject *self, PyObject *dict)
{
    Py_ssize_t pos = 0;
    PyObject *key = NULL, *value = NULL;
    Py_BEGIN_CRITICAL_SECTION(dict);
    if (PyDict_Next(dict, &pos, &key, &value)) {
        Py_INCREF(value);
    }
    Py_END_CRITICAL_SECTION();
    if (value == NULL) {
        Py_RETURN_NONE;
    }
    return value;          /* strong: incremented while the dict was locked */
}

static PyObject *
count_then_reuse(PyObject *self, PyObject *dict)
{
    Py_ssize_t pos = 0, n = 0;
    PyObject *key, *value;
    Py_BEGIN_CRITICAL_SECTION(dict);
    while (PyDict_Next(dict, &pos, &key, &value)) {
        n++;
    }
    Py_END_CRITICAL_SECTION();
    value = PyLong_FromSsize_t(n);   /* a new object: no longer the borrowed one */
    return value;
}

static PyObject *
scoped_variables(PyObject *self, PyObject *dict)
{
    Py_ssize_t n = 0;
    Py_BEGIN_CRITICAL_SECTION(dict);
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(dict, &pos, &key, &value)) {
        if (value == Py_None) {
            n++;
        }
    }
    Py_END_CRITICAL_SECTION();
    return PyLong_FromSsize_t(n);
}
