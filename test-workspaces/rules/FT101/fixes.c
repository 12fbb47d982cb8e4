/* Borrowed results made strong by the code (at once, or after some reads): the fix swaps in the
 * strong API and drops the increment (exactly equivalent). */
#include <Python.h>

static PyObject *shared;

static PyObject *
new_ref_wrapped(PyObject *self, PyObject *args)
{
    PyObject *item = Py_NewRef(PyList_GetItem(shared, 0));   // expect: FT101
    return item;
}

static PyObject *
xnew_ref_wrapped(PyObject *self, PyObject *args)
{
    return Py_XNewRef(PyImport_AddModule("spam"));   // expect: FT101
}

static PyObject *
incref_after_check(PyObject *self, PyObject *args)
{
    PyObject *item = PyList_GetItem(shared, 1);   // expect: FT101
    if (item == NULL) {
        return NULL;
    }
    Py_INCREF(item);
    return item;
}

static PyObject *
incref_next(PyObject *self, PyObject *args)
{
    PyObject *item;
    item = PyList_GetItem(shared, 2);   // expect: FT101
    Py_XINCREF(item);
    return item;
}

static PyObject *
dict_lookup_with_incref(PyObject *self, PyObject *key)
{
    /* a lookup that hid errors: the fix keeps hiding them */
    PyObject *v = PyDict_GetItem(shared, key);   // expect: FT101
    Py_XINCREF(v);
    return v;
}

static PyObject *
incref_after_a_use(PyObject *self, PyObject *args)
{
    PyObject *item = PyList_GetItem(shared, 3);   // expect: FT101
    PyObject_Print(item, stdout, 0);
    /* FT101 reports the lookup: FT102 does not repeat it on the next line */
    Py_INCREF(item);
    return item;
}
