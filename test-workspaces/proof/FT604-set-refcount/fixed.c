/* Race proof for FT604, as the documented remedy leaves it: share() takes a new reference with
 * Py_NewRef.
 * scripts/prove.sh builds unsafe.c and fixed.c against a free-threaded CPython and runs
 * stress.py on both; see test-workspaces/proof/README.md. */
#include <Python.h>

static PyObject *
share(PyObject *self, PyObject *obj)
{
    return Py_NewRef(obj);
}

static PyMethodDef methods[] = {
    {"share", share, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "proof_setrefcnt", NULL, 0, methods, slots,
};

PyMODINIT_FUNC
PyInit_proof_setrefcnt(void)
{
    return PyModuleDef_Init(&module);
}
