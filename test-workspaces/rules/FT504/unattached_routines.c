/* Thread start routines that call the C API before attaching a thread state. */
#include <Python.h>
#include <pthread.h>

static void
deliver(PyObject *callback)
{
    PyObject *r = PyObject_CallNoArgs(callback);
    Py_XDECREF(r);
}

static void *
worker(void *arg)
{
    PyObject *callback = (PyObject *)arg;
    PyObject *r = PyObject_CallNoArgs(callback);   // expect: FT504 error "pthread_create"
    Py_XDECREF(r);
    return NULL;
}

static void *
relay(void *arg)
{
    deliver((PyObject *)arg);                  // expect: FT504 "PyObject_CallNoArgs"
    return NULL;
}

static void
bare_thread(void *arg)
{
    Py_DECREF((PyObject *)arg);                // expect: FT504 "PyThread_start_new_thread"
}

static PyObject *
start(PyObject *self, PyObject *callback)
{
    pthread_t t1, t2;
    Py_INCREF(callback);
    if (pthread_create(&t1, NULL, worker, callback) != 0) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    if (pthread_create(&t2, NULL, &relay, callback) != 0) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    Py_INCREF(callback);
    PyThread_start_new_thread(bare_thread, callback);
    pthread_detach(t1);
    pthread_detach(t2);
    Py_RETURN_NONE;
}
