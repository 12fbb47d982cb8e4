/* Reporter fixture: tests find every offset by searching for a marker string. */
#include <Python.h>

static PyObject *registry;   /* shared by every thread */

static PyObject *
spam_first(PyObject *self, PyObject *args)
{
    PyObject *item = PyList_GetItem(registry, 0);
    if (item == NULL) {
        return NULL;
    }
    return Py_NewRef(item);
}

static PyObject *
spam_lookup(PyObject *self, PyObject *key)
{
    PyObject *v = PyDict_GetItem(registry, key);
    return v ? Py_NewRef(v) : Py_NewRef(Py_None);
}

static struct PyModuleDef spam_module = {
    PyModuleDef_HEAD_INIT, "spam", NULL, -1, NULL
};

PyMODINIT_FUNC
PyInit_spam(void)
{
    return PyModule_Create(&spam_module);
}
