/* ftls-test: minimumPython=3.13
 * The project supports only Pythons that have PyDict_SetDefaultRef: the fix needs no version guard. */
#include <Python.h>

static PyObject *cache;

static PyObject *
get(PyObject *self, PyObject *key)
{
    PyObject *v = PyDict_GetItemWithError(cache, key);   // expect: FT101
    if (v != NULL) {
        return Py_NewRef(v);
    }
    if (PyErr_Occurred()) {
        return NULL;
    }
    v = PyTuple_Pack(1, key);
    if (v == NULL) {
        return NULL;
    }
    if (PyDict_SetItem(cache, key, v) < 0) {   // expect: FT305
        Py_DECREF(v);
        return NULL;
    }
    return v;
}
