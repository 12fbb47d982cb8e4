/* Reaching into object structs. */
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

#if PY_VERSION_HEX < 0x03090000
/* Py_SET_TYPE is new in Python 3.9; older versions get this definition. */
#  define Py_SET_TYPE(ob, type) ((void)(Py_TYPE(ob) = (type)))
#endif

#if PY_VERSION_HEX < 0x03090000
/* Py_SET_SIZE is new in Python 3.9; older versions get this definition. */
#  define Py_SET_SIZE(ob, size) ((void)(Py_SIZE(ob) = (size)))
#endif

static PyObject *
peek(PyObject *self, PyObject *args)
{
    PyObject *list, *d;
    if (!PyArg_ParseTuple(args, "OO", &list, &d)) {
        return NULL;
    }
    if (!PyUnstable_Object_IsUniquelyReferenced(self)) {                                  // expect: FT603 error
        Py_RETURN_NONE;
    }
    PyObject *first = ((PyListObject *)list)->ob_item[0];       // expect: FT603 warning
    Py_ssize_t used = ((PyDictObject *)d)->ma_used;             // expect: FT603
    return Py_BuildValue("On", first, used);
}

static void
retype(PyObject *obj, PyTypeObject *type)
{
    Py_SET_TYPE(obj, type);                                        // expect: FT603 "Py_SET_TYPE"
}

static void
resize(PyVarObject *v, Py_ssize_t n)
{
    Py_SET_SIZE(v, n);                                             // expect: FT603 "Py_SET_SIZE"
}
