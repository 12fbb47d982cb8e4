/* ftls-test: target=3.15t
 * Hover goldens for a name the target Python removed: the finding comes first, then the entry
 * with the version that removed it and its replacement. */
#include <Python.h>

static PyObject *
target_of(PyObject *self, PyObject *ref)
{
    PyObject *obj = /*|*/PyWeakref_GetObject(ref);   // expect: FT103
    return Py_XNewRef(obj);
}

static PyObject *
target_ref(PyObject *self, PyObject *ref)
{
    PyObject *obj;
    if (/*|*/PyWeakref_GetRef(ref, &obj) < 0) {
        return NULL;
    }
    return obj;
}
