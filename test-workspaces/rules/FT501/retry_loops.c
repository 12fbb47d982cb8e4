/* Detach and re-attach inside a retry loop whose body ends with a jump: after the loop the
 * thread is attached again (the loop is left by `break` right after the re-attach). */
#include <Python.h>
#include <unistd.h>

static PyObject *
read_retrying(PyObject *self, PyObject *args)
{
    int fd;
    char buf[64];
    ssize_t n;
    if (!PyArg_ParseTuple(args, "i", &fd)) {
        return NULL;
    }
    while (1) {
        Py_BEGIN_ALLOW_THREADS
        n = read(fd, buf, sizeof(buf));
        Py_END_ALLOW_THREADS
        if (n >= 0) {
            break;
        }
        PyErr_SetFromErrno(PyExc_OSError);
        goto error;
    }
    return PyBytes_FromStringAndSize(buf, n);

error:
    return NULL;
}

static PyObject *
wait_or_give_up(PyObject *self, PyObject *args)
{
    int fd, timed_out;
    if (!PyArg_ParseTuple(args, "ii", &fd, &timed_out)) {
        return NULL;
    }
    if (timed_out) {
        /* detach and re-attach within a branch that returns */
        Py_BEGIN_ALLOW_THREADS
        close(fd);
        Py_END_ALLOW_THREADS
        return PyLong_FromLong(-1);
    }
    return PyLong_FromLong(fd);
}
