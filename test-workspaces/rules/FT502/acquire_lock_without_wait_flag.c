/* A PyThread_acquire_lock call that lost its wait flag (a typo the compiler rejects) is still
   analyzed: the rule must not fail on the missing argument. */
#include <Python.h>

static PyObject *
take(PyObject *self, PyObject *lock)
{
    PyThread_acquire_lock(PyCapsule_GetPointer(lock, NULL));   // expect: FT502
    Py_RETURN_NONE;
}
