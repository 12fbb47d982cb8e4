/* Calls that can block inside a critical section. */
#include <Python.h>
#include <unistd.h>
#include <pthread.h>

typedef struct {
    PyObject_HEAD
    int fd;
    Py_ssize_t pos;
    pthread_mutex_t native_lock;
} FileObject;

static PyObject *
file_read(FileObject *self, PyObject *arg)
{
    char buf[256];
    ssize_t n;
    Py_BEGIN_CRITICAL_SECTION(self);
    n = read(self->fd, buf, sizeof(buf));   // expect: FT407 information "'self'"
    if (n > 0) {
        self->pos += n;
    }
    Py_END_CRITICAL_SECTION();
    return PyBytes_FromStringAndSize(buf, n > 0 ? n : 0);
}

static PyObject *
file_wait(FileObject *self, PyObject *Py_UNUSED(ignored))
{
    Py_BEGIN_CRITICAL_SECTION(self);
    usleep(1000);   // expect: FT407
    pthread_mutex_lock(&self->native_lock);   // expect: FT407
    pthread_mutex_unlock(&self->native_lock);
    Py_BEGIN_ALLOW_THREADS   // expect: FT407 "Py_BEGIN_ALLOW_THREADS"
    (void)fsync(self->fd);   /* reported once, through Py_BEGIN_ALLOW_THREADS */
    Py_END_ALLOW_THREADS
    Py_END_CRITICAL_SECTION();
    Py_RETURN_NONE;
}

/* A helper of this file that writes to a file descriptor: calling it blocks as write() does. */
static void
flush_position(FileObject *self)
{
    char line[32];
    int len = snprintf(line, sizeof(line), "%zd\n", self->pos);
    (void)write(self->fd, line, (size_t)len);
}

static PyObject *
file_flush(FileObject *self, PyObject *Py_UNUSED(ignored))
{
    Py_BEGIN_CRITICAL_SECTION(self);
    flush_position(self);   // expect: FT407 "flush_position()"
    Py_END_CRITICAL_SECTION();
    Py_RETURN_NONE;
}
