/* A plain flag polled by a worker thread and a detached loop while a method sets it. */
#include <Python.h>
#include <pthread.h>
#include <unistd.h>

static int stop_requested;
static int paused;
static pthread_t worker;

static void *
worker_main(void *arg)
{
    while (!stop_requested) {               // expect: FT307 "polled"
        usleep(1000);
    }
    return NULL;
}

static PyObject *
start(PyObject *self, PyObject *unused)
{
    stop_requested = 0;                     // expect: FT301
    pthread_create(&worker, NULL, worker_main, NULL);
    Py_RETURN_NONE;
}

static PyObject *
stop(PyObject *self, PyObject *unused)
{
    stop_requested = 1;                     // expect: FT301
    Py_RETURN_NONE;
}

static PyObject *
wait_unpaused(PyObject *self, PyObject *unused)
{
    Py_BEGIN_ALLOW_THREADS
    while (paused) {                        // expect: FT307
        usleep(100);
    }
    Py_END_ALLOW_THREADS
    Py_RETURN_NONE;
}

static PyObject *
set_paused(PyObject *self, PyObject *arg)
{
    paused = PyObject_IsTrue(arg);          // expect: FT301
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"start", start, METH_NOARGS, NULL},
    {"stop", stop, METH_NOARGS, NULL},
    {"wait_unpaused", wait_unpaused, METH_NOARGS, NULL},
    {"set_paused", set_paused, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef moddef = {
    PyModuleDef_HEAD_INIT, "polled_flag", NULL, 0, methods,
};

PyMODINIT_FUNC
PyInit_polled_flag(void)
{
    PyObject *m = PyModule_Create(&moddef);
#ifdef Py_GIL_DISABLED
    if (m != NULL) {
        PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
    }
#endif
    return m;
}
