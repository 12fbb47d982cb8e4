/* Race proof for FT603, as ftls finds it: tail() copies a list's last items by reading its item
 * array directly while other threads change the list.
 * scripts/prove.sh builds unsafe.c and fixed.c against a free-threaded CPython and runs
 * stress.py on both; see test-workspaces/proof/README.md. */
#include <Python.h>

/* tail(list, k): a tuple of the list's last k items (fewer if the list is shorter) */
static PyObject *
tail(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyList_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "tail(list, k)");
        return NULL;
    }
    PyObject *list = args[0];
    Py_ssize_t k = PyLong_AsSsize_t(args[1]);
    if (k < 0) {
        return PyErr_Occurred() ? NULL : PyErr_Format(PyExc_ValueError, "negative k");
    }
    Py_ssize_t n = Py_SIZE(list);
    if (k > n) {
        k = n;
    }
    PyObject *result = PyTuple_New(k);
    if (result == NULL) {
        return NULL;
    }
    PyObject **items = ((PyListObject *)list)->ob_item;   // expect: FT603
    for (Py_ssize_t i = 0; i < k; i++) {
        PyTuple_SET_ITEM(result, i, Py_NewRef(items[n - k + i]));
    }
    return result;
}

static PyMethodDef methods[] = {
    {"tail", (PyCFunction)(void (*)(void))tail, METH_FASTCALL, NULL},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "proof_internals", NULL, 0, methods, slots,
};

PyMODINIT_FUNC
PyInit_proof_internals(void)
{
    return PyModuleDef_Init(&module);
}
