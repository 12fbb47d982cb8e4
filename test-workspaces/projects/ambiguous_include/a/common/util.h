/* One of two headers with the same path under different folders (a). */
#ifndef COMMON_UTIL_H
#define COMMON_UTIL_H
#define AMB_MODULE_INIT(name) PyMODINIT_FUNC PyInit_##name(void)
#endif
