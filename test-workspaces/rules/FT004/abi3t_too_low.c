/* ftls-test: target=3.15t
 * abi3t starts at 3.15: the headers reject a lower Py_TARGET_ABI3T with #error. */
#define Py_TARGET_ABI3T 0x030D0000   // expect: FT004 error "abi3t starts at 3.15"
#include <Python.h>
