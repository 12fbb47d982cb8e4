/* A vendored compatibility header: its shims are built from the old APIs on purpose, so ftls
 * does not report inside it. (A tiny stand-in written for this test, not the real header.) */
#ifndef FTLS_TEST_COMPAT_H
#define FTLS_TEST_COMPAT_H
#include <Python.h>

static inline PyObject *
compat_first_item(PyObject *list)
{
    return Py_XNewRef(PyList_GetItem(list, 0));
}
#endif
