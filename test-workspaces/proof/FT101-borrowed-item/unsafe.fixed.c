/* Race proof for FT101, as ftls finds it: a borrowed item of a list that other threads change.
 * scripts/prove.sh builds unsafe.c and fixed.c against a free-threaded CPython and runs
 * stress.py on both; see test-workspaces/proof/README.md. */
#include <Python.h>

#if PY_VERSION_HEX < 0x030D0000
/* PyList_GetItemRef is new in Python 3.13; older versions get this definition. */
static inline PyObject *
PyList_GetItemRef(PyObject *list, Py_ssize_t index)
{
    PyObject *item = PyList_GetItem(list, index);
    Py_XINCREF(item);
    return item;
}
#endif

static PyObject *
first_value(PyObject *self, PyObject *list)
{
    PyObject *item = PyList_GetItemRef(list, 0);   // expect: FT101
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
