/* ftls-test: target=3.13
 * For a build with the GIL the declaration does not matter: nothing to report. */
#include <Python.h>

static PyModuleDef_Slot slots[] = {
    {0, NULL}
};

static struct PyModuleDef gil_module = {
    PyModuleDef_HEAD_INIT, "gil", NULL, 0, NULL, slots,
};

PyMODINIT_FUNC
PyInit_gil(void)
{
    return PyModuleDef_Init(&gil_module);
}
