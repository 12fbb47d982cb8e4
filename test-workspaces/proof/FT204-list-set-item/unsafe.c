/* Race proof for FT204, as ftls finds it: put() stores into a caller's list with the
 * PyList_SET_ITEM macro (no lock, and the old item is never released).
 * scripts/prove.sh builds unsafe.c and fixed.c against a free-threaded CPython and runs
 * stress.py on both; see test-workspaces/proof/README.md. */
#include <Python.h>

/* put(list, index, value): list[index] = value */
static PyObject *
put(PyObject *self, PyObject *args)
{
    PyObject *list, *value;
    Py_ssize_t index;
    if (!PyArg_ParseTuple(args, "O!nO:put", &PyList_Type, &list, &index, &value)) {
        return NULL;
    }
    if (index < 0 || index >= PyList_Size(list)) {
        PyErr_SetString(PyExc_IndexError, "put() index out of range");
        return NULL;
    }
    PyList_SET_ITEM(list, index, Py_NewRef(value));   // expect: FT204
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"put", put, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "proof_setitem", NULL, 0, methods, slots,
};

PyMODINIT_FUNC
PyInit_proof_setitem(void)
{
    return PyModuleDef_Init(&module);
}
