/* ftls-test: target=3.13
 * With the GIL the count cannot lose an update: nothing to report. */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    Py_ssize_t exports;
} BufObject;

static void
buf_releasebuffer(BufObject *self, Py_buffer *view)
{
    self->exports--;
}
