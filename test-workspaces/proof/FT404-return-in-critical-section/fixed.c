/* Race proof for FT404, as the documented remedy leaves it: the result is set and the section
 * ends on every path. scripts/prove.sh builds unsafe.c and fixed.c against a free-threaded
 * CPython and runs stress.py on both; see test-workspaces/proof/README.md. */
#include <Python.h>

static PyObject *
take_first(PyObject *self, PyObject *list)
{
    PyObject *item;
    Py_BEGIN_CRITICAL_SECTION(list);
    if (PyList_GET_SIZE(list) == 0) {
        item = Py_NewRef(Py_None);
    }
    else {
        item = Py_NewRef(PyList_GET_ITEM(list, 0));
    }
    Py_END_CRITICAL_SECTION();
    return item;
}

static PyMethodDef methods[] = {
    {"take_first", take_first, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "proof_csexit", NULL, 0, methods, slots,
};

PyMODINIT_FUNC
PyInit_proof_csexit(void)
{
    return PyModuleDef_Init(&module);
}
