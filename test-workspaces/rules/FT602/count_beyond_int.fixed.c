/* A reference count compared with a number too large for an int is no uniqueness test, and the
   rule must not fail on reading the number. */
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

static int
crowded(PyObject *o)
{
    return Py_REFCNT(o) == 99999999999 || 100000000000000000000 != Py_REFCNT(o);
}

static int
unique_with_leading_zeros(PyObject *o)
{
    return PyUnstable_Object_IsUniquelyReferenced(o);   // expect: FT602
}
