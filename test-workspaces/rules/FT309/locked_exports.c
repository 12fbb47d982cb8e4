/* Export counts kept under the object's critical section: nothing to report. */
#include <Python.h>
#include <assert.h>

typedef struct {
    PyObject_HEAD
    char *data;
    Py_ssize_t size;
    Py_ssize_t ob_exports;
} BufObject;

static int
buf_getbuffer(BufObject *self, Py_buffer *view, int flags)
{
    int ret;
    Py_BEGIN_CRITICAL_SECTION(self);
    ret = PyBuffer_FillInfo(view, (PyObject *)self, self->data, self->size, 0, flags);
    if (ret == 0) {
        self->ob_exports++;
    }
    Py_END_CRITICAL_SECTION();
    return ret;
}

static void
buf_releasebuffer(BufObject *self, Py_buffer *view)
{
    Py_BEGIN_CRITICAL_SECTION(self);
    self->ob_exports--;
    Py_END_CRITICAL_SECTION();
}

/* Only called with the object's critical section held. */
static int
resize(BufObject *self, Py_ssize_t n)
{
    if (self->ob_exports > 0) {
        PyErr_SetString(PyExc_BufferError, "cannot resize an exported buffer");
        return -1;
    }
    char *data = PyMem_Realloc(self->data, n);
    if (data == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    self->data = data;
    self->size = n;
    return 0;
}

static PyObject *
buf_resize(BufObject *self, PyObject *arg)
{
    Py_ssize_t n = PyLong_AsSsize_t(arg);
    int rc;
    if (n < 0 && PyErr_Occurred()) {
        return NULL;
    }
    Py_BEGIN_CRITICAL_SECTION(self);
    rc = resize(self, n);
    Py_END_CRITICAL_SECTION();
    if (rc < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
buf_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    BufObject *self = (BufObject *)type->tp_alloc(type, 0);
    if (self != NULL) {
        self->ob_exports = 0;
    }
    return (PyObject *)self;
}

static void
buf_dealloc(BufObject *self)
{
    assert(self->ob_exports == 0);
    PyMem_Free(self->data);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyBufferProcs buf_as_buffer = {
    (getbufferproc)buf_getbuffer,
    (releasebufferproc)buf_releasebuffer,
};
