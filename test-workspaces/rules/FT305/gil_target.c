/* ftls-test: target=3.13
 * With the GIL, building from C constructors cannot interleave with another thread: no FT305. */
#include <Python.h>

static PyObject *cache;

static PyObject *
get(PyObject *self, PyObject *key)
{
    PyObject *v = PyDict_GetItemWithError(cache, key);   // expect: FT101
    if (v != NULL) {
        return Py_NewRef(v);
    }
    v = PyTuple_Pack(1, key);
    if (v == NULL || PyDict_SetItem(cache, key, v) < 0) {
        Py_XDECREF(v);
        return NULL;
    }
    return v;
}
