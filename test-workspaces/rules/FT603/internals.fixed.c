/* Reaching into object structs. */
#include <Python.h>

static PyObject *
peek(PyObject *self, PyObject *args)
{
    PyObject *list, *d;
    if (!PyArg_ParseTuple(args, "OO", &list, &d)) {
        return NULL;
    }
#if PY_VERSION_HEX >= 0x030E0000
    if (!PyUnstable_Object_IsUniquelyReferenced(self)) {                                  // expect: FT603 error
#else
    if (Py_REFCNT(self) > 1) {                                  // expect: FT603 error
#endif
        Py_RETURN_NONE;
    }
    PyObject *first = ((PyListObject *)list)->ob_item[0];       // expect: FT603 warning
    Py_ssize_t used = ((PyDictObject *)d)->ma_used;             // expect: FT603
    return Py_BuildValue("On", first, used);
}

static void
retype(PyObject *obj, PyTypeObject *type)
{
#if PY_VERSION_HEX >= 0x03090000
    Py_SET_TYPE(obj, type);                                        // expect: FT603 "Py_SET_TYPE"
#else
    obj->ob_type = type;                                        // expect: FT603 "Py_SET_TYPE"
#endif
}

static void
resize(PyVarObject *v, Py_ssize_t n)
{
#if PY_VERSION_HEX >= 0x03090000
    Py_SET_SIZE(v, n);                                             // expect: FT603 "Py_SET_SIZE"
#else
    v->ob_size = n;                                             // expect: FT603 "Py_SET_SIZE"
#endif
}
