/* The usual patterns: only plain C and the allowed calls run while detached. */
#include <Python.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

static ssize_t
read_all(int fd, char *buf, size_t size)
{
    size_t done = 0;
    while (done < size) {
        ssize_t n = read(fd, buf + done, size - done);
        if (n <= 0) {
            return n;
        }
        done += (size_t)n;
    }
    return (ssize_t)done;
}

static PyObject *
read_exact(PyObject *self, PyObject *args)
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
    ssize_t n;
    char *scratch;
    Py_BEGIN_ALLOW_THREADS
    scratch = PyMem_RawMalloc(16);
    if (scratch != NULL) {
        PyOS_snprintf(scratch, 16, "fd %d", fd);
    }
    n = read_all(fd, PyBytes_AS_STRING(buf), (size_t)size);
    if (n < 0) {
        Py_BLOCK_THREADS
        PyMem_RawFree(scratch);
        Py_DECREF(buf);
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    PyMem_RawFree(scratch);
    Py_END_ALLOW_THREADS
    return buf;
}

static PyObject *
with_callback(PyObject *self, PyObject *callback)
{
    PyObject *result = NULL;
    Py_BEGIN_ALLOW_THREADS
    usleep(10);
    /* Re-attach for a moment inside the detached region. */
    PyGILState_STATE g = PyGILState_Ensure();
    result = PyObject_CallNoArgs(callback);
    PyGILState_Release(g);
    usleep(10);
    Py_END_ALLOW_THREADS
    return result;
}

static PyObject *
blocked_then_unblocked(PyObject *self, PyObject *args)
{
    int fd;
    if (!PyArg_ParseTuple(args, "i", &fd)) {
        return NULL;
    }
    char c = 0;
    ssize_t n;
    Py_BEGIN_ALLOW_THREADS
    n = read(fd, &c, 1);
    Py_BLOCK_THREADS
    if (n < 0) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    Py_UNBLOCK_THREADS
    n = read(fd, &c, 1);
    Py_END_ALLOW_THREADS
    return PyLong_FromSsize_t(n);
}
