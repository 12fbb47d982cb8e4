/* Name lookups, file locks and helpers of the file that block. */
#include <Python.h>
#include <fcntl.h>
#include <netdb.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static PyObject *
resolve(PyObject *self, PyObject *arg)
{
    const char *host = PyUnicode_AsUTF8(arg);
    struct addrinfo *res = NULL;
    if (host == NULL) {
        return NULL;
    }
    int rc = getaddrinfo(host, NULL, NULL, &res);   // expect: FT502 information "waits for the network"
    if (rc == 0) {
        freeaddrinfo(res);
    }
    return PyLong_FromLong(rc);
}

static PyObject *
lock_file(PyObject *self, PyObject *arg)
{
    int fd = PyLong_AsInt(arg);
    struct flock fl = {0};
    fl.l_type = F_WRLCK;
    int flags = fcntl(fd, F_GETFL);             /* returns at once */
    char host[64];
    getnameinfo(NULL, 0, host, sizeof host, NULL, 0, NI_NUMERICHOST);   /* formats, no lookup */
    if (fcntl(fd, F_SETLK, &fl) < 0) {          /* a try-lock: returns at once */
        fcntl(fd, F_SETLKW, &fl);               // expect: FT502 "file lock"
    }
    int status;
    waitpid(-1, &status, 0);                    // expect: FT502
    return PyLong_FromLong(flags);
}

/* A plain C helper: no C API, blocks when its caller is attached. */
static ssize_t
read_all(int fd, char *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, buf + got, n - got);
        if (r <= 0) {
            return r;
        }
        got += (size_t)r;
    }
    return (ssize_t)got;
}

/* Blocks through read_all. */
static ssize_t
read_header(int fd, char *buf)
{
    return read_all(fd, buf, 16);
}

/* A helper that detaches around its own blocking call. */
static int
fsync_detached(int fd)
{
    int rc;
    Py_BEGIN_ALLOW_THREADS
    rc = fsync(fd);
    Py_END_ALLOW_THREADS
    return rc;
}

/* Uses the C API: its own blocking call is reported where it is. */
static int
sleep_then_check(void)
{
    sleep(1);                                   // expect: FT502
    return PyErr_CheckSignals();
}

static PyObject *
read_block(PyObject *self, PyObject *arg)
{
    int fd = PyLong_AsInt(arg);
    char buf[64];
    ssize_t n = read_all(fd, buf, sizeof buf);  // expect: FT502 "calls read (line 48)"
    n += read_header(fd, buf);                  // expect: FT502 "read_header()"
    if (fsync_detached(fd) < 0 || sleep_then_check() < 0) {
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
    n += read_all(fd, buf, sizeof buf);         /* detached: fine */
    Py_END_ALLOW_THREADS
    return PyBytes_FromStringAndSize(buf, n);
}
