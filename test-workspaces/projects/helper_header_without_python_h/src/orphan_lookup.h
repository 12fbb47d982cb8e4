/* An old copy of the lookups that no file includes any more. */
#ifndef ORPHAN_LOOKUP_H
#define ORPHAN_LOOKUP_H

#ifdef REGISTRY_MODULE
static PyObject *
orphan_first_callback(void)
{
    PyObject *cb = PyList_GetItem(callbacks, 0);
    Py_XINCREF(cb);
    return cb;
}
#endif

#endif
