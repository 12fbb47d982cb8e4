/* Reference-count uniqueness tests. */
#include <Python.h>

static PyObject *
append_in_place(PyObject *self, PyObject *args)
{
    PyObject *acc, *item;
    if (!PyArg_ParseTuple(args, "OO", &acc, &item)) {
        return NULL;
    }
#if PY_VERSION_HEX >= 0x030E0000
    if (PyUnstable_Object_IsUniquelyReferenced(acc)) {   // expect: FT602
#else
    if (Py_REFCNT(acc) == 1) {   // expect: FT602
#endif
        if (PyList_Append(acc, item) < 0) {
            return NULL;
        }
        return Py_NewRef(acc);
    }
#if PY_VERSION_HEX >= 0x030E0000
    if (!PyUnstable_Object_IsUniquelyReferenced(item)) {   // expect: FT602
#else
    if (1 < Py_REFCNT(item)) {   // expect: FT602
#endif
        Py_RETURN_NONE;
    }
    return PyList_New(0);
}
