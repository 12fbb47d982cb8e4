/* A PyModuleDef without slots whose use this file does not show: ftls cannot tell, so it is quiet. */
#include <Python.h>

struct PyModuleDef shared_def = {
    PyModuleDef_HEAD_INIT, "shared", NULL, -1, NULL
};
