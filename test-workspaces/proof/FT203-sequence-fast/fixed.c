/* Race proof for FT203, as the documented remedy leaves it: the size-then-index copy runs in a
 * critical section on the sequence.
 * scripts/prove.sh builds unsafe.c and fixed.c against a free-threaded CPython and runs
 * stress.py on both; see test-workspaces/proof/README.md. */
#include <Python.h>

static PyObject *
snapshot(PyObject *self, PyObject *iterable)
{
    PyObject *seq = PySequence_Fast(iterable, "snapshot() needs a sequence");
    if (seq == NULL) {
        return NULL;
    }
    PyObject *copy;
    Py_BEGIN_CRITICAL_SECTION(iterable);
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    copy = PyTuple_New(n);
    for (Py_ssize_t i = 0; copy != NULL && i < n; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(seq, i);
        PyTuple_SET_ITEM(copy, i, Py_NewRef(item));
    }
    Py_END_CRITICAL_SECTION();
    Py_DECREF(seq);
    return copy;
}

static PyMethodDef methods[] = {
    {"snapshot", snapshot, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "proof_seqfast", NULL, 0, methods, slots,
};

PyMODINIT_FUNC
PyInit_proof_seqfast(void)
{
    return PyModuleDef_Init(&module);
}
