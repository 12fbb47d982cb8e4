/* Borrowed keys and values from PyDict_Next used after the critical section has ended. */
#include <Python.h>

static PyObject *handlers;

static PyObject *
find_handler(PyObject *self, PyObject *name)
{
    Py_ssize_t pos = 0;
    PyObject *key = NULL, *value = NULL;
    int found = 0;
    Py_BEGIN_CRITICAL_SECTION(handlers);
    while (PyDict_Next(handlers, &pos, &key, &value)) {
        if (PyUnicode_Check(key) && PyUnicode_Compare(key, name) == 0) {
            found = 1;
            break;
        }
    }
    Py_END_CRITICAL_SECTION();
    if (!found) {
        Py_RETURN_NONE;
    }
    return Py_NewRef(value);   // expect: FT202 warning "'value' is a borrowed value"
}

static PyObject *
last_key(PyObject *self, PyObject *dict)
{
    Py_ssize_t pos = 0;
    PyObject *key = NULL, *value = NULL;
    Py_BEGIN_CRITICAL_SECTION(dict);
    while (PyDict_Next(dict, &pos, &key, &value)) {
        /* only walk to the end */
    }
    Py_END_CRITICAL_SECTION();
    if (key == NULL) {
    //  ^^^ FT202
        Py_RETURN_NONE;
    }
    return PyObject_Repr(key);
}
