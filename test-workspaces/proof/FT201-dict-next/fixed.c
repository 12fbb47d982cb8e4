/* Race proof for FT201, as its fix leaves it: the loop runs in a critical section on the dict.
 * scripts/prove.sh builds this file and fixed.c against a free-threaded CPython and runs
 * stress.py on both; see test-workspaces/proof/README.md. */
#include <Python.h>

static PyObject *
sum_values(PyObject *self, PyObject *dict)
{
    long total = 0;
    Py_BEGIN_CRITICAL_SECTION(dict);
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(dict, &pos, &key, &value)) {
        total += PyLong_AsLong(value);
    }
    Py_END_CRITICAL_SECTION();
    return PyLong_FromLong(total);
}

static PyMethodDef methods[] = {
    {"sum_values", sum_values, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "proof_dictnext", NULL, 0, methods, slots,
};

PyMODINIT_FUNC
PyInit_proof_dictnext(void)
{
    return PyModuleDef_Init(&module);
}
