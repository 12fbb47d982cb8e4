/* Race proof for FT504, as the documented remedy leaves it: the thread attaches with
 * PyGILState_Ensure. scripts/prove.sh builds unsafe.c and fixed.c against a free-threaded CPython
 * and runs stress.py on both; see test-workspaces/proof/README.md. */
#include <Python.h>
#include <pthread.h>

static void *
worker(void *arg)
{
    PyObject *list = (PyObject *)arg;
    PyGILState_STATE state = PyGILState_Ensure();
    PyObject *n = PyLong_FromLong(123456789);
    if (n == NULL || PyList_Append(list, n) < 0) {
        PyErr_Clear();
    }
    Py_XDECREF(n);
    PyGILState_Release(state);
    return NULL;
}

static PyObject *
append_from_thread(PyObject *self, PyObject *list)
{
    pthread_t thread;
    int err;
    Py_BEGIN_ALLOW_THREADS
    err = pthread_create(&thread, NULL, worker, list);
    if (err == 0) {
        pthread_join(thread, NULL);
    }
    Py_END_ALLOW_THREADS
    if (err != 0) {
        PyErr_SetString(PyExc_RuntimeError, "pthread_create failed");
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"append_from_thread", append_from_thread, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "proof_nostate", NULL, 0, methods, slots,
};

PyMODINIT_FUNC
PyInit_proof_nostate(void)
{
    return PyModuleDef_Init(&module);
}
