/* Every path restores the thread state, or the state is undone by another function. */
#include <Python.h>
#include <unistd.h>

static PyObject *callback;

static int
notify(int value)
{
    int rc = 0;
    PyGILState_STATE g = PyGILState_Ensure();
    PyObject *r = PyObject_CallFunction(callback, "i", value);
    if (r == NULL) {
        PyErr_Print();
        PyGILState_Release(g);
        return -1;
    }
    if (!PyObject_IsTrue(r)) {
        rc = 1;
        goto done;
    }
    rc = 2;
done:
    Py_DECREF(r);
    PyGILState_Release(g);
    return rc;
}

/* A pair of helpers: the state is handed to the caller. */
static PyGILState_STATE
acquire(void)
{
    PyGILState_STATE g = PyGILState_Ensure();
    return g;
}

static void
release(PyGILState_STATE g)
{
    PyGILState_Release(g);
}

typedef struct {
    PyThreadState *saved;
} Session;

static void
session_detach(Session *s)
{
    s->saved = PyEval_SaveThread();
}

static void
session_attach(Session *s)
{
    PyEval_RestoreThread(s->saved);
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
        Py_BLOCK_THREADS
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    Py_END_ALLOW_THREADS
    return PyLong_FromLong(c);
}

static void
call_twice(void)
{
    PyGILState_STATE g = acquire();
    PyObject *r = PyObject_CallNoArgs(callback);
    Py_XDECREF(r);
    release(g);
    Session s;
    session_detach(&s);
    session_attach(&s);
}
