/* Buffer export counters changed and checked without a lock on the object. */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    char *data;
    Py_ssize_t size;
    Py_ssize_t exports;
} BufObject;

static int
buf_getbuffer(BufObject *self, Py_buffer *view, int flags)
{
    if (PyBuffer_FillInfo(view, (PyObject *)self, self->data, self->size, 0, flags) < 0) {
        return -1;
    }
    self->exports++;   // expect: FT309 warning "count 'exports' is changed"
    return 0;
}

static void
buf_releasebuffer(BufObject *self, Py_buffer *view)
{
    self->exports -= 1;   // expect: FT309
}

static PyObject *
buf_resize(BufObject *self, PyObject *arg)
{
    Py_ssize_t n = PyLong_AsSsize_t(arg);
    if (n < 0 && PyErr_Occurred()) {
        return NULL;
    }
    if (self->exports > 0) {   // expect: FT309 "is checked without a lock"
        PyErr_SetString(PyExc_BufferError, "cannot resize an exported buffer");
        return NULL;
    }
    char *data = PyMem_Realloc(self->data, n);
    if (data == NULL) {
        return PyErr_NoMemory();
    }
    self->data = data;
    self->size = n;
    Py_RETURN_NONE;
}

static PyBufferProcs buf_as_buffer = {
    (getbufferproc)buf_getbuffer,
    (releasebufferproc)buf_releasebuffer,
};
