/* Reference-count uniqueness tests. */
#include <Python.h>

#if PY_VERSION_HEX < 0x030E0000
/* PyUnstable_Object_IsUniquelyReferenced is new in Python 3.14; older versions get this definition. */
#  ifdef Py_GIL_DISABLED
#    define PyUnstable_Object_IsUniquelyReferenced(op) \
        (_Py_IsOwnedByCurrentThread(op) \
         && _Py_atomic_load_uint32_relaxed(&(op)->ob_ref_local) == 1 \
         && _Py_atomic_load_ssize_relaxed(&(op)->ob_ref_shared) == 0)
#  else
#    define PyUnstable_Object_IsUniquelyReferenced(op) (Py_REFCNT(op) == 1)
#  endif
#endif

static PyObject *
append_in_place(PyObject *self, PyObject *args)
{
    PyObject *acc, *item;
    if (!PyArg_ParseTuple(args, "OO", &acc, &item)) {
        return NULL;
    }
    if (PyUnstable_Object_IsUniquelyReferenced(acc)) {   // expect: FT602
        if (PyList_Append(acc, item) < 0) {
            return NULL;
        }
        return Py_NewRef(acc);
    }
    if (!PyUnstable_Object_IsUniquelyReferenced(item)) {   // expect: FT602
        Py_RETURN_NONE;
    }
    return PyList_New(0);
}
