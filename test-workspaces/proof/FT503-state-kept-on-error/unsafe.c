/* Race proof for FT503, as ftls finds it: a native thread that attaches with PyGILState_Ensure to
 * run a callback and, when the callback fails, returns without PyGILState_Release. The thread
 * ends still attached, so the next stop-the-world pause (the garbage collector) waits for it
 * forever. scripts/prove.sh builds unsafe.c and fixed.c against a free-threaded CPython and runs
 * stress.py on both; see test-workspaces/proof/README.md. */
#include <Python.h>
#include <pthread.h>

static void *
worker(void *arg)
{
    PyObject *callback = (PyObject *)arg;
    PyGILState_STATE state = PyGILState_Ensure();
    PyObject *r = PyObject_CallNoArgs(callback);
    if (r == NULL) {
        PyErr_WriteUnraisable(callback);
        return NULL;   // expect: FT503
    }
    Py_DECREF(r);
    PyGILState_Release(state);
    return NULL;
}

/* call_in_thread(callback): runs callback() in a new native thread and waits for it. */
static PyObject *
call_in_thread(PyObject *module, PyObject *callback)
{
    pthread_t thread;
    int err;
    Py_BEGIN_ALLOW_THREADS
    err = pthread_create(&thread, NULL, worker, callback);
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
    {"call_in_thread", call_in_thread, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "proof_keptstate", NULL, 0, methods, slots,
};

PyMODINIT_FUNC
PyInit_proof_keptstate(void)
{
    return PyModuleDef_Init(&module);
}
