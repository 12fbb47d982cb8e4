/* A dict created here and filled by a helper of this file that keeps no reference to it:
 * still private when it is iterated. */
#include <Python.h>

static int
fill(PyObject *tree, PyObject *dict)
{
    if (PyDict_SetItemString(dict, "root", tree) < 0) {
        return -1;
    }
    return 0;
}

static PyObject *
to_list(PyObject *self, PyObject *tree)
{
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    PyObject *dict = PyDict_New();
    if (dict == NULL) {
        return NULL;
    }
    if (fill(tree, dict) < 0) {
        Py_DECREF(dict);
        return NULL;
    }
    PyObject *list = PyList_New(0);
    if (list == NULL) {
        Py_DECREF(dict);
        return NULL;
    }
    while (PyDict_Next(dict, &pos, &key, &value)) {
        if (PyList_Append(list, value) < 0) {
            Py_DECREF(list);
            list = NULL;
            break;
        }
    }
    Py_DECREF(dict);
    return list;
}
