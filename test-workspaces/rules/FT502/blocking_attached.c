/* Blocking calls made while the thread is attached. */
#include <Python.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

static sem_t ready;
static pthread_mutex_t io_mutex = PTHREAD_MUTEX_INITIALIZER;

static PyObject *
wait_byte(PyObject *self, PyObject *args)
{
    int fd;
    if (!PyArg_ParseTuple(args, "i", &fd)) {
        return NULL;
    }
    char c;
    ssize_t n = read(fd, &c, 1);               // expect: FT502 information "read"
    if (n < 0) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    return PyLong_FromLong(c);
}

static PyObject *
pause_and_send(PyObject *self, PyObject *args)
{
    int sock;
    const char *data;
    Py_ssize_t len;
    if (!PyArg_ParseTuple(args, "is#", &sock, &data, &len)) {
        return NULL;
    }
    usleep(1000);                              // expect: FT502
    pthread_mutex_lock(&io_mutex);             // expect: FT502
    ssize_t sent = send(sock, data, (size_t)len, 0);   // expect: FT502
    pthread_mutex_unlock(&io_mutex);
    sem_wait(&ready);                          // expect: FT502
    return PyLong_FromSsize_t(sent);
}

static PyObject *
dump(PyObject *self, PyObject *obj)
{
    FILE *f = fopen("/tmp/dump.bin", "wb");   // expect: FT502 "opens a path"
    if (f == NULL) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    size_t written = fwrite("x", 1, 1, f);     // expect: FT502
    fclose(f);
    Py_BEGIN_ALLOW_THREADS
    sleep(1);
    Py_END_ALLOW_THREADS
    sleep(1);                                  // expect: FT502
    return PyLong_FromSize_t(written);
}
