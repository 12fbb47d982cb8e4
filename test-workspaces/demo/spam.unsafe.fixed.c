/* Demo: a single-phase extension module written before free threading.
 * `./ftls check test-workspaces/demo` reports what has to change. */
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

static PyObject *registry;   /* a list shared by every thread */

static PyObject *
spam_first(PyObject *self, PyObject *args)
{
    PyObject *item = PyList_GetItemRef(registry, 0);   // expect: FT101
    if (item == NULL) {
        return NULL;
    }
    return item;
}

static PyObject *
spam_lookup(PyObject *self, PyObject *key)
{
    PyObject *d = PyDict_New();
    if (d == NULL) {
        return NULL;
    }
    /* d was created here and no other thread can see it yet: not flagged */
    PyObject *v = PyDict_GetItem(d, key);
    PyObject *result = v ? Py_NewRef(v) : Py_NewRef(Py_None);
    Py_DECREF(d);
    return result;
}

static PyMethodDef spam_methods[] = {
    {"first", spam_first, METH_NOARGS, "Return the first registered item."},
    {"lookup", spam_lookup, METH_O, "Look a key up."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef spam_module = {
    PyModuleDef_HEAD_INIT, "spam", NULL, -1, spam_methods
};

PyMODINIT_FUNC
PyInit_spam(void)   // expect: FT001
{
    PyObject *m = PyModule_Create(&spam_module);
    if (m == NULL) {
        return NULL;
    }
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    registry = PyList_New(0);
    return m;
}
