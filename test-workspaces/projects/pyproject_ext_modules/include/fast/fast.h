/* Helpers shared by the extension's sources. */
#ifndef FAST_FAST_H
#define FAST_FAST_H
#include <Python.h>
#define FAST_MODULE_INIT(name) PyMODINIT_FUNC PyInit_##name(void)
#endif
