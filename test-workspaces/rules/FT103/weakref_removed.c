/* ftls-test: target=3.15t
 * PyWeakref_GetObject and PyWeakref_GET_OBJECT are gone in 3.15. */
#include <Python.h>

static PyObject *
deref(PyObject *self, PyObject *ref)
{
    PyObject *a = PyWeakref_GetObject(ref);    // expect: FT103 error "PyWeakref_GetRef"
    PyObject *b = PyWeakref_GET_OBJECT(ref);   // expect: FT103
    return PyTuple_Pack(2, a, b);
}
