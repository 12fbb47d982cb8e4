/* Race proof for FT202, as the documented remedy leaves it: the strong reference to the value is
 * taken inside the critical section.
 * scripts/prove.sh builds unsafe.c and fixed.c against a free-threaded CPython and runs
 * stress.py on both; see test-workspaces/proof/README.md. */
#include <Python.h>

/* find(dict, key): the value stored under key, found by a scan (the dict may hold keys that
 * compare by identity only, so the scan compares pointers) */
static PyObject *
find(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyDict_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "find(dict, key)");
        return NULL;
    }
    PyObject *table = args[0], *wanted = args[1];
    PyObject *key = NULL, *value = NULL, *found = NULL;
    Py_ssize_t pos = 0;
    Py_BEGIN_CRITICAL_SECTION(table);
    while (PyDict_Next(table, &pos, &key, &value)) {
        if (key == wanted) {
            found = Py_NewRef(value);
            break;
        }
    }
    Py_END_CRITICAL_SECTION();
    if (found == NULL) {
        PyErr_SetObject(PyExc_KeyError, wanted);
    }
    return found;
}

static PyMethodDef methods[] = {
    {"find", (PyCFunction)(void (*)(void))find, METH_FASTCALL, NULL},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "proof_dictitem", NULL, 0, methods, slots,
};

PyMODINIT_FUNC
PyInit_proof_dictitem(void)
{
    return PyModuleDef_Init(&module);
}
