/* Race proof for FT101, as its fix leaves it: PyList_GetItemRef gives a strong reference.
 * scripts/prove.sh builds unsafe.c and fixed.c against a free-threaded CPython and runs
 * stress.py on both; see test-workspaces/proof/README.md. */
#include <Python.h>

static PyObject *
first_value(PyObject *self, PyObject *list)
{
    PyObject *item = PyList_GetItemRef(list, 0);
    if (item == NULL) {
        return NULL;
    }
    PyObject *ret = PyObject_GetAttrString(item, "value");
    Py_DECREF(item);
    return ret;
}

static PyMethodDef methods[] = {
    {"first_value", first_value, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "proof_borrowed", NULL, 0, methods, slots,
};

PyMODINIT_FUNC
PyInit_proof_borrowed(void)
{
    return PyModuleDef_Init(&module);
}
