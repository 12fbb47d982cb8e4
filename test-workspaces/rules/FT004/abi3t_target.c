/* ftls-test: target=3.15t
 * 3.15 has a stable ABI for free-threaded builds: a pointer to it, not an error. */
#define Py_LIMITED_API 0x030F0000   // expect: FT004 information "Py_TARGET_ABI3T"
#include <Python.h>
