/* Race proof for FT102, as the documented remedy leaves it: a strong reference to the item is
 * taken before the callback runs and released after the last use.
 * scripts/prove.sh builds unsafe.c and fixed.c against a free-threaded CPython and runs
 * stress.py on both; see test-workspaces/proof/README.md. */
#include <Python.h>

/* first_after(list, callback): calls callback(), then returns the item that was first before */
static PyObject *
first_after(PyObject *self, PyObject *args)
{
    PyObject *list, *callback;
    if (!PyArg_ParseTuple(args, "O!O:first_after", &PyList_Type, &list, &callback)) {
        return NULL;
    }
    PyObject *result = NULL;
    Py_BEGIN_CRITICAL_SECTION(list);
    PyObject *item = PyList_GetItem(list, 0);
    if (item != NULL) {
        Py_INCREF(item);
        PyObject *r = PyObject_CallNoArgs(callback);
        if (r != NULL) {
            Py_DECREF(r);
            result = Py_NewRef(item);
        }
        Py_DECREF(item);
    }
    Py_END_CRITICAL_SECTION();
    return result;
}

static PyMethodDef methods[] = {
    {"first_after", first_after, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "proof_across", NULL, 0, methods, slots,
};

PyMODINIT_FUNC
PyInit_proof_across(void)
{
    return PyModuleDef_Init(&module);
}
