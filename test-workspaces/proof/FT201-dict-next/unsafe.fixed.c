/* Race proof for FT201, as ftls finds it: PyDict_Next over a dict that other threads change.
 * scripts/prove.sh builds this file and fixed.c against a free-threaded CPython and runs
 * stress.py on both; see test-workspaces/proof/README.md. */
#include <Python.h>

#if PY_VERSION_HEX < 0x030D0000
/* Py_BEGIN_CRITICAL_SECTION is new in Python 3.13; older versions get this definition. */
#  define Py_BEGIN_CRITICAL_SECTION(op) {
#  define Py_END_CRITICAL_SECTION() }
#endif

static PyObject *
sum_values(PyObject *self, PyObject *dict)
{
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    long total = 0;
    Py_BEGIN_CRITICAL_SECTION(dict);
    while (PyDict_Next(dict, &pos, &key, &value)) {   // expect: FT201
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
