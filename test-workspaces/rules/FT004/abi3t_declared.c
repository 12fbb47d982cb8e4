/* ftls-test: target=3.15t
 * Py_TARGET_ABI3T says the build targets abi3t, the stable ABI of free-threaded builds
 * (PEP 803), on purpose: nothing to report, with or without Py_LIMITED_API. */
#define Py_TARGET_ABI3T 0x030F0000
#define Py_LIMITED_API 0x030F0000
#include <Python.h>
