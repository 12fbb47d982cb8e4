/* The project's own header: what the Python version offers, and how the module's entry point
   is spelled. */
#ifndef PKG_PKG_H
#define PKG_PKG_H

#include <Python.h>

#if PY_VERSION_HEX >= 0x030D0000
#  define PKG_HAVE_PYMUTEX 1
#endif

#define PKG_MODULE_INIT(name) PyMODINIT_FUNC PyInit_##name(void)

#endif
