/* The project's own header: whether the counter needs its lock (only without the GIL), and
   how the module's entry point is spelled. */
#ifndef PKG_PKG_H
#define PKG_PKG_H

#include <Python.h>

#ifdef Py_GIL_DISABLED
#  define PKG_NEEDS_LOCK 1
#endif

#define PKG_MODULE_INIT(name) PyMODINIT_FUNC PyInit_##name(void)

#endif
