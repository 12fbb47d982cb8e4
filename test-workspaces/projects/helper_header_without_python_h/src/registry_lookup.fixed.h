/* Lookups of the registry. No #include <Python.h> here: registry.c includes it first. */
#ifndef REGISTRY_LOOKUP_H
#define REGISTRY_LOOKUP_H

static int
registry_index_ok(long i)
{
    return i >= 0;
}

#ifdef REGISTRY_MODULE
static PyObject *
first_callback(void)
{
#if PY_VERSION_HEX >= 0x030D0000
    PyObject *cb = PyList_GetItemRef(callbacks, 0); /* expect: FT101 (found in registry.c's context) */
#else
    PyObject *cb = PyList_GetItem(callbacks, 0); /* expect: FT101 (found in registry.c's context) */
#endif
#if PY_VERSION_HEX < 0x030D0000
    Py_XINCREF(cb);
#endif
    return cb;
}
#endif

#endif
