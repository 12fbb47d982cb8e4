/* ftls-test: target=3.14
 * Slots without Py_mod_gil (multi-phase before any port; FT001's business on free-threaded targets)
 * and a definition defined elsewhere: FT005 stays quiet. */
#include <Python.h>

extern struct PyModuleDef other_def;

static int bacon_exec(PyObject *m) { return 0; }

static PyModuleDef_Slot bacon_slots[] = {
    {Py_mod_exec, bacon_exec},
    {0, NULL}
};

static struct PyModuleDef bacon_def = {
    PyModuleDef_HEAD_INIT, "bacon", NULL, 0, NULL, bacon_slots,
};

PyObject *
lookups(void)
{
    PyObject *a = PyState_FindModule(&bacon_def);
    PyObject *b = PyState_FindModule(&other_def);
    return a != NULL ? a : b;
}

PyMODINIT_FUNC
PyInit_bacon(void)
{
    return PyModuleDef_Init(&bacon_def);
}
