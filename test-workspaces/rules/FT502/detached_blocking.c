/* Blocking calls made while detached, or in code that does not use the C API. */
#include <Python.h>
#include <pthread.h>
#include <unistd.h>

static pthread_mutex_t io_mutex = PTHREAD_MUTEX_INITIALIZER;

/* Plain C: no C API here, so no thread state to worry about. */
static ssize_t
read_byte(int fd, char *c)
{
    return read(fd, c, 1);
}

static PyObject *
wait_byte(PyObject *self, PyObject *args)
{
    int fd;
    if (!PyArg_ParseTuple(args, "i", &fd)) {
        return NULL;
    }
    char c = 0;
    ssize_t n;
    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&io_mutex);
    n = read_byte(fd, &c);
    usleep(10);
    pthread_mutex_unlock(&io_mutex);
    Py_END_ALLOW_THREADS
    if (n < 0) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    return PyLong_FromLong(c);
}

static PyObject *
save_and_sleep(PyObject *self, PyObject *unused)
{
    PyThreadState *ts = PyEval_SaveThread();
    sleep(1);
    PyEval_RestoreThread(ts);
    Py_RETURN_NONE;
}

static PyObject *
try_lock(PyObject *self, PyObject *unused)
{
    static PyThread_type_lock lock;            // expect: FT303
    int got = lock != NULL && PyThread_acquire_lock(lock, NOWAIT_LOCK);
    if (got) {
        PyThread_release_lock(lock);
    }
    return PyBool_FromLong(got);
}
