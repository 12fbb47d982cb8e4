/* Thread start routines that attach before they touch Python. */
#include <Python.h>
#include <pthread.h>
#include <string.h>

typedef struct {
    PyInterpreterState *interp;
    PyObject *callback;
    char *scratch;
} Job;

static void
run_callback(PyObject *callback)
{
    PyGILState_STATE g = PyGILState_Ensure();
    PyObject *r = PyObject_CallNoArgs(callback);
    Py_XDECREF(r);
    Py_DECREF(callback);
    PyGILState_Release(g);
}

static void *
ensure_worker(void *arg)
{
    Job *job = arg;
    memset(job->scratch, 0, 16);
    PyMem_RawFree(job->scratch);
    PyGILState_STATE g = PyGILState_Ensure();
    PyObject *r = PyObject_CallNoArgs(job->callback);
    Py_XDECREF(r);
    PyGILState_Release(g);
    return NULL;
}

static void *
helper_worker(void *arg)
{
    Job *job = arg;
    run_callback(job->callback);
    return NULL;
}

static void *
tstate_worker(void *arg)
{
    Job *job = arg;
    PyThreadState *ts = PyThreadState_New(job->interp);
    PyEval_RestoreThread(ts);
    PyObject *r = PyObject_CallNoArgs(job->callback);
    Py_XDECREF(r);
    PyThreadState_Clear(ts);
    PyThreadState_DeleteCurrent();
    return NULL;
}

static PyObject *
start(PyObject *self, PyObject *callback)
{
    Job *job = PyMem_RawMalloc(sizeof(Job));
    if (job == NULL) {
        return PyErr_NoMemory();
    }
    pthread_t t;
    job->interp = PyInterpreterState_Get();
    job->callback = Py_NewRef(callback);
    job->scratch = PyMem_RawMalloc(16);
    pthread_create(&t, NULL, ensure_worker, job);
    pthread_create(&t, NULL, helper_worker, job);
    pthread_create(&t, NULL, tstate_worker, job);
    Py_RETURN_NONE;
}
