/* Race proof for FT101, as ftls finds it: a borrowed item of a list that other threads change.
 * scripts/prove.sh builds unsafe.c and fixed.c against a free-threaded CPython and runs
 * stress.py on both; see test-workspaces/proof/README.md. */
#include <Python.h>

static PyObject *
first_value(PyObject *self, PyObject *list)
{
    PyObject *item = PyList_GetItem(list, 0);   // expect: FT101
    if (item == NULL) {
        return NULL;
    }
    return PyObject_GetAttrString(item, "value");
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
