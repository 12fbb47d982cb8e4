// Hover goldens, types, data and struct members: each cursor marker in this file is a hover
// request, and types_and_data.c.hover.md holds the server's answers (see HoverFixturesIT).
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyMutex lock;
#if PY_VERSION_HEX >= 0x030D0000
    PyMutex legacy_lock;   // expect: FT303
#else
    PyThread_type_lock legacy_lock;   // expect: FT303
#endif
    Py_ssize_t count;
} CounterObject;

static PyObject *
counter_add(PyObject *self, PyObject *arg)
{
    if (!PyList_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "expected a list");
        return NULL;
    }
    if (Py_TYPE(arg) != &PyList_Type) {
        PyErr_SetString(PyExc_TypeError, "expected exactly a list");
        return NULL;
    }
    PyTypeObject *tp = arg->ob_type;
    ((CounterObject *)self)->count += 1;
    return PyLong_FromSsize_t(Py_REFCNT(self) + (tp == NULL));   // expect: FT603
}
