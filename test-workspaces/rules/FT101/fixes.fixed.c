/* Borrowed results made strong by the code (at once, or after some reads): the fix swaps in the
 * strong API and drops the increment (exactly equivalent). */
#include <Python.h>

static PyObject *shared;

static PyObject *
new_ref_wrapped(PyObject *self, PyObject *args)
{
#if PY_VERSION_HEX >= 0x030D0000
    PyObject *item = PyList_GetItemRef(shared, 0);   // expect: FT101
#else
    PyObject *item = Py_NewRef(PyList_GetItem(shared, 0));   // expect: FT101
#endif
    return item;
}

static PyObject *
xnew_ref_wrapped(PyObject *self, PyObject *args)
{
#if PY_VERSION_HEX >= 0x030D0000
    return PyImport_AddModuleRef("spam");   // expect: FT101
#else
    return Py_XNewRef(PyImport_AddModule("spam"));   // expect: FT101
#endif
}

static PyObject *
incref_after_check(PyObject *self, PyObject *args)
{
#if PY_VERSION_HEX >= 0x030D0000
    PyObject *item = PyList_GetItemRef(shared, 1);   // expect: FT101
#else
    PyObject *item = PyList_GetItem(shared, 1);   // expect: FT101
#endif
    if (item == NULL) {
        return NULL;
    }
#if PY_VERSION_HEX < 0x030D0000
    Py_INCREF(item);
#endif
    return item;
}

static PyObject *
incref_next(PyObject *self, PyObject *args)
{
    PyObject *item;
#if PY_VERSION_HEX >= 0x030D0000
    item = PyList_GetItemRef(shared, 2);   // expect: FT101
#else
    item = PyList_GetItem(shared, 2);   // expect: FT101
#endif
#if PY_VERSION_HEX < 0x030D0000
    Py_XINCREF(item);
#endif
    return item;
}

static PyObject *
no_fix_for_dicts(PyObject *self, PyObject *key)
{
    /* PyDict_GetItemRef has another signature: flagged, but no automatic fix */
    PyObject *v = PyDict_GetItem(shared, key);   // expect: FT101
    Py_XINCREF(v);
    return v;
}

static PyObject *
incref_after_a_use(PyObject *self, PyObject *args)
{
#if PY_VERSION_HEX >= 0x030D0000
    PyObject *item = PyList_GetItemRef(shared, 3);   // expect: FT101
#else
    PyObject *item = PyList_GetItem(shared, 3);   // expect: FT101
#endif
    PyObject_Print(item, stdout, 0);
    /* FT101 reports the lookup: FT102 does not repeat it on the next line */
#if PY_VERSION_HEX < 0x030D0000
    Py_INCREF(item);
#endif
    return item;
}
