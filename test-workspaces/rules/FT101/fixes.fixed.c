/* Borrowed results made strong by the code (at once, or after some reads): the fix swaps in the
 * strong API and drops the increment (exactly equivalent). */
#include <Python.h>

#if PY_VERSION_HEX < 0x030D0000
/* PyList_GetItemRef is new in Python 3.13; older versions get this definition. */
static inline PyObject *
PyList_GetItemRef(PyObject *list, Py_ssize_t index)
{
    PyObject *item = PyList_GetItem(list, index);
    Py_XINCREF(item);
    return item;
}
#endif

#if PY_VERSION_HEX < 0x030D0000
/* PyImport_AddModuleRef is new in Python 3.13; older versions get this definition. */
static inline PyObject *
PyImport_AddModuleRef(const char *name)
{
    PyObject *module = PyImport_AddModule(name);
    Py_XINCREF(module);
    return module;
}
#endif

#if PY_VERSION_HEX < 0x030D0000
/* PyDict_GetItemRef is new in Python 3.13; older versions get this definition. */
static inline int
PyDict_GetItemRef(PyObject *dict, PyObject *key, PyObject **result)
{
    PyObject *value = PyDict_GetItemWithError(dict, key);
    Py_XINCREF(value);
    *result = value;
    if (value != NULL) {
        return 1;
    }
    return PyErr_Occurred() ? -1 : 0;
}
#endif

static PyObject *shared;

static PyObject *
new_ref_wrapped(PyObject *self, PyObject *args)
{
    PyObject *item = PyList_GetItemRef(shared, 0);   // expect: FT101
    return item;
}

static PyObject *
xnew_ref_wrapped(PyObject *self, PyObject *args)
{
    return PyImport_AddModuleRef("spam");   // expect: FT101
}

static PyObject *
incref_after_check(PyObject *self, PyObject *args)
{
    PyObject *item = PyList_GetItemRef(shared, 1);   // expect: FT101
    if (item == NULL) {
        return NULL;
    }
    return item;
}

static PyObject *
incref_next(PyObject *self, PyObject *args)
{
    PyObject *item;
    item = PyList_GetItemRef(shared, 2);   // expect: FT101
    return item;
}

static PyObject *
dict_lookup_with_incref(PyObject *self, PyObject *key)
{
    /* a lookup that hid errors: the fix keeps hiding them */
    PyObject *v;
    if (PyDict_GetItemRef(shared, key, &v) < 0) {   // expect: FT101
        PyErr_Clear();
    }
    return v;
}

static PyObject *
incref_after_a_use(PyObject *self, PyObject *args)
{
    PyObject *item = PyList_GetItemRef(shared, 3);   // expect: FT101
    PyObject_Print(item, stdout, 0);
    /* FT101 reports the lookup: FT102 does not repeat it on the next line */
    return item;
}
