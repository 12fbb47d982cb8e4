/* Uniqueness tests through a variable, with a threshold of two, and CPython's internal test. */
#include <Python.h>
#include <assert.h>

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

int _PyObject_IsUniquelyReferenced(PyObject *ob);

static PyObject *
extend_in_place(PyObject *self, PyObject *args)
{
    PyObject *acc, *item;
    if (!PyArg_ParseTuple(args, "OO", &acc, &item)) {
        return NULL;
    }
    Py_ssize_t rc = Py_REFCNT(acc);
    if (rc == 1) {   // expect: FT602 warning "'rc' holds Py_REFCNT(acc)"
        if (PyList_Append(acc, item) < 0) {
            return NULL;
        }
        return Py_NewRef(acc);
    }
    return PyList_New(0);
}

static PyObject *
concat(PyObject *self, PyObject *args)
{
    PyObject *left, *right;
    if (!PyArg_ParseTuple(args, "OO", &left, &right)) {
        return NULL;
    }
    /* only we and the caller hold left: grow it in place */
    if (Py_REFCNT(left) == 2) {   // expect: FT602 "compared with 2"
        return Py_NewRef(left);
    }
    if (PyUnstable_Object_IsUniquelyReferenced(right)) {   // expect: FT602 information "internal"
        return Py_NewRef(right);
    }
    return PySequence_Concat(left, right);
}

static PyObject *
not_uniqueness(PyObject *self, PyObject *obj)
{
    Py_ssize_t n = Py_REFCNT(obj);
    assert(n >= 1);
    if (Py_REFCNT(obj) == 2) {   /* no comment saying what it means: not flagged */
        n += 1;
    }
    Py_ssize_t count = Py_REFCNT(obj);
    count = PyList_GET_SIZE(obj);   /* no longer the count */
    if (count == 1) {
        Py_RETURN_TRUE;
    }
    return PyLong_FromSsize_t(n);
}
