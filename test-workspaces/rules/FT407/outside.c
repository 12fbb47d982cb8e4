/* Blocking calls made outside critical sections: nothing to report. */
#include <Python.h>
#include <unistd.h>

typedef struct {
    PyObject_HEAD
    int fd;
    Py_ssize_t pos;
} FileObject;

static PyObject *
file_read(FileObject *self, PyObject *arg)
{
    char buf[256];
    ssize_t n;
    int fd;
    Py_BEGIN_CRITICAL_SECTION(self);
    fd = self->fd;
    Py_END_CRITICAL_SECTION();
    Py_BEGIN_ALLOW_THREADS
    n = read(fd, buf, sizeof(buf));
    Py_END_ALLOW_THREADS
    Py_BEGIN_CRITICAL_SECTION(self);
    if (n > 0) {
        self->pos += n;
    }
    Py_END_CRITICAL_SECTION();
    return PyBytes_FromStringAndSize(buf, n > 0 ? n : 0);
}
