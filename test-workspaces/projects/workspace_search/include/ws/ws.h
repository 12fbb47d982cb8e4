/* The project's header, found by the workspace search. */
#ifndef WS_WS_H
#define WS_WS_H
#include <Python.h>
#ifdef Py_GIL_DISABLED
#  define WS_NEEDS_LOCK 1
#endif
#define WS_MODULE_INIT(name) PyMODINIT_FUNC PyInit_##name(void)
#endif
