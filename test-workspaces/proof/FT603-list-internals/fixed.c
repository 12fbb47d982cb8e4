/* Race proof for FT603, as the documented remedy leaves it: the list's size and items are read
 * through the list API in a critical section on the list.
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
    PyObject *result;
    Py_BEGIN_CRITICAL_SECTION(list);
    Py_ssize_t n = PyList_GET_SIZE(list);
    if (k > n) {
        k = n;
    }
    result = PyTuple_New(k);
    for (Py_ssize_t i = 0; result != NULL && i < k; i++) {
        PyTuple_SET_ITEM(result, i, Py_NewRef(PyList_GET_ITEM(list, n - k + i)));
    }
    Py_END_CRITICAL_SECTION();
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
