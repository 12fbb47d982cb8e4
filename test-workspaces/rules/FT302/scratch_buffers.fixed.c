/* Scratch space filled on first use and then overwritten by every caller: the fix gives each
 * thread its own copy (a lock around the fill alone would leave the shared contents racing). */
#include <Python.h>
#include <stdio.h>
#include <string.h>

static char *format_buffer = NULL;

static PyObject *
format_number(PyObject *self, PyObject *arg)
{
    long v = PyLong_AsLong(arg);
    if (v == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (format_buffer == NULL) {               // expect: FT302 "thread-local"
        format_buffer = PyMem_RawMalloc(64);
        if (format_buffer == NULL) {
            return PyErr_NoMemory();
        }
    }
    snprintf(format_buffer, 64, "%ld", v);
    return PyUnicode_FromString(format_buffer);
}

static PyObject *
zero_digest(PyObject *self, PyObject *unused)
{
    static unsigned char *digest;
    if (!digest) {                             // expect: FT302 "scratch space"
        digest = calloc(32, 1);
        if (!digest) {
            return PyErr_NoMemory();
        }
    }
    digest[0] = 1;
    return PyBytes_FromStringAndSize((const char *)digest, 32);
}

/* A table filled once and only read afterwards is shared, not scratch: the PyMutex fix applies. */
static double *squares = NULL;
#ifdef Py_GIL_DISABLED
static PyMutex squares_mutex;
#endif

static double
square_of(int i)
{
#ifdef Py_GIL_DISABLED
    PyMutex_Lock(&squares_mutex);
#endif
    if (squares == NULL) {                     // expect: FT302 "under a PyMutex"
        double *t = PyMem_RawMalloc(16 * sizeof(double));
        for (int k = 0; t != NULL && k < 16; k++) {
            t[k] = (double)k * k;
        }
        squares = t;
    }
#ifdef Py_GIL_DISABLED
    PyMutex_Unlock(&squares_mutex);
#endif
    return squares != NULL ? squares[i & 15] : -1.0;
}

static PyObject *
square(PyObject *self, PyObject *arg)
{
    return PyFloat_FromDouble(square_of((int)PyLong_AsLong(arg)));
}
