/* How the module's entry point is spelled. */
#ifndef COUNTER_API_H
#define COUNTER_API_H
#include <Python.h>
#define COUNTER_MODULE_INIT(name) PyMODINIT_FUNC PyInit_##name(void)
#endif
