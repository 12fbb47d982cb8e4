/* C API calls made while the thread state is detached. */
#include <Python.h>
#include <errno.h>
#include <unistd.h>

static void
report_short_read(Py_ssize_t n)
{
    PyErr_Format(PyExc_OSError, "short read: %zd bytes", n);
}

static PyObject *
read_some(PyObject *self, PyObject *args)
{
    int fd;
    Py_ssize_t size;
    if (!PyArg_ParseTuple(args, "in", &fd, &size)) {
        return NULL;
    }
    PyObject *buf = PyBytes_FromStringAndSize(NULL, size);
    if (buf == NULL) {
        return NULL;
    }
    Py_ssize_t n;
    Py_BEGIN_ALLOW_THREADS
    n = read(fd, PyBytes_AS_STRING(buf), (size_t)size);
    if (n < 0) {
        PyErr_SetFromErrno(PyExc_OSError);     // expect: FT501 error "Py_BEGIN_ALLOW_THREADS"
    }
    else if (n < size) {
        report_short_read(n);                  // expect: FT501 "PyErr_Format"
    }
    Py_END_ALLOW_THREADS
    if (n < 0) {
        Py_DECREF(buf);
        return NULL;
    }
    return buf;
}

static PyObject *
save_restore(PyObject *self, PyObject *obj)
{
    PyThreadState *ts = PyEval_SaveThread();
    long h = PyObject_Hash(obj);               // expect: FT501 "PyEval_SaveThread"
    PyEval_RestoreThread(ts);
    return PyLong_FromLong(h);
}

static PyObject *
unblocked(PyObject *self, PyObject *obj)
{
    Py_BEGIN_ALLOW_THREADS
    Py_BLOCK_THREADS
    Py_INCREF(obj);
    Py_UNBLOCK_THREADS
    Py_DECREF(obj);                            // expect: FT501 "Py_UNBLOCK_THREADS"
    Py_END_ALLOW_THREADS
    Py_RETURN_NONE;
}
