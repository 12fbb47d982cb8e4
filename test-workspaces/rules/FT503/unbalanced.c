/* Thread-state changes that are not undone on every path. */
#include <Python.h>
#include <unistd.h>

static PyObject *callback;

static int
notify(int value)
{
    PyGILState_STATE g = PyGILState_Ensure();
    PyObject *r = PyObject_CallFunction(callback, "i", value);
    if (r == NULL) {
        return -1;                             // expect: FT503 error "without PyGILState_Release"
    }
    Py_DECREF(r);
    PyGILState_Release(g);
    return 0;
}

static void
log_from_thread(const char *msg)
{
    PyGILState_STATE g = PyGILState_Ensure();  // expect: FT503 "log_from_thread"
    PySys_WriteStderr("%s\n", msg);
}

static PyObject *
slow_read(PyObject *self, PyObject *args)
{
    int fd;
    if (!PyArg_ParseTuple(args, "i", &fd)) {
        return NULL;
    }
    char c;
    ssize_t n;
    Py_BEGIN_ALLOW_THREADS
    n = read(fd, &c, 1);
    if (n < 0) {
        return NULL;                           // expect: FT503 "still detached"
    }
    Py_END_ALLOW_THREADS
    return PyLong_FromLong(c);
}

static PyObject *
saved(PyObject *self, PyObject *arg)
{
    PyThreadState *ts = PyEval_SaveThread();
    if (arg == NULL) {
        return NULL;                           // expect: FT503 "PyEval_SaveThread"
    }
    PyEval_RestoreThread(ts);
    Py_RETURN_NONE;
}
