/* A reference count compared with a number too large for an int is no uniqueness test, and the
   rule must not fail on reading the number. */
#include <Python.h>

static int
crowded(PyObject *o)
{
    return Py_REFCNT(o) == 99999999999 || 100000000000000000000 != Py_REFCNT(o);
}

static int
unique_with_leading_zeros(PyObject *o)
{
#if PY_VERSION_HEX >= 0x030E0000
    return PyUnstable_Object_IsUniquelyReferenced(o);   // expect: FT602
#else
    return Py_REFCNT(o) == 0000000000001;   // expect: FT602
#endif
}
