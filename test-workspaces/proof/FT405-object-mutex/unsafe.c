/* Race proof for FT405, as ftls finds it: a function that walks a list holding the list's own
 * per-object lock through PyMutex_Lock, calling back into Python for each item. That lock belongs
 * to the critical-section machinery; held this way it is not released when the thread waits, so
 * it deadlocks against a list operation of a thread the callback waits for.
 * scripts/prove.sh builds unsafe.c and fixed.c against a free-threaded CPython and runs stress.py
 * on both; see test-workspaces/proof/README.md. */
#include <Python.h>

/* each_item(list, func): calls func(item) for every item of the list, with the list locked. */
static PyObject *
each_item(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyList_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "each_item(list, func) takes a list and a callable");
        return NULL;
    }
    PyObject *list = args[0];
    int failed = 0;
    PyMutex_Lock(&list->ob_mutex);   // expect: FT405
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); i++) {
        PyObject *item = Py_NewRef(PyList_GET_ITEM(list, i));
        PyObject *r = PyObject_CallOneArg(args[1], item);
        Py_DECREF(item);
        if (r == NULL) {
            failed = 1;
            break;
        }
        Py_DECREF(r);
    }
    PyMutex_Unlock(&list->ob_mutex);   // expect: FT405
    if (failed) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"each_item", (PyCFunction)(void (*)(void))each_item, METH_FASTCALL, NULL},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "proof_obmutex", NULL, 0, methods, slots,
};

PyMODINIT_FUNC
PyInit_proof_obmutex(void)
{
    return PyModuleDef_Init(&module);
}
