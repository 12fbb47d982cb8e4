/* Thread start routines and PEP 788 (3.15): attaching with PyThreadState_EnsureFromView counts. */
#include <Python.h>
#include <pthread.h>

#if PY_VERSION_HEX < 0x030F0000
/* what the 3.15 headers declare, for older headers */
typedef struct PyThreadStateToken PyThreadStateToken;
typedef struct PyInterpreterView PyInterpreterView;
PyThreadStateToken *PyThreadState_EnsureFromView(PyInterpreterView *view);
void PyThreadState_Release(PyThreadStateToken *token);
#endif

typedef struct {
    PyInterpreterView *view;
    PyObject *callback;
} Job;

static void *
attached_worker(void *arg)
{
    Job *job = arg;
    PyThreadStateToken *token = PyThreadState_EnsureFromView(job->view);
    if (token == NULL) {
        return NULL;
    }
    PyObject *r = PyObject_CallNoArgs(job->callback);
    Py_XDECREF(r);
    PyThreadState_Release(token);
    return NULL;
}

static void *
bare_worker(void *arg)
{
    Job *job = arg;
    PyObject *r = PyObject_CallNoArgs(job->callback);   // expect: FT504 "has no Python thread state"
    Py_XDECREF(r);
    return NULL;
}

static int
start(Job *job)
{
    pthread_t a, b;
    if (pthread_create(&a, NULL, attached_worker, job) != 0) {
        return -1;
    }
    return pthread_create(&b, NULL, bare_worker, job);
}
