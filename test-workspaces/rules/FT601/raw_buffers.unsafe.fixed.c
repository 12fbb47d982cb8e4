/* The object allocator must only hold Python objects in the free-threaded build. */
#include <Python.h>
#include <string.h>

typedef struct {
    PyObject_HEAD
    double *values;
    Py_ssize_t n;
} VectorObject;

static char *
copy_bytes(const char *src, size_t n)
{
    char *buf = PyObject_Malloc(n + 1);   // expect: FT601 error "'char *buf'"
    if (buf == NULL) {
        return NULL;
    }
    memcpy(buf, src, n);
    buf[n] = '\0';
    return buf;
}

static int
vector_resize(VectorObject *self, Py_ssize_t n)
{
    double *values;
    values = PyMem_Realloc(self->values, n * sizeof(double));   // expect: FT601
    if (values == NULL) {
        return -1;
    }
    self->values = values;
    self->n = n;
    return 0;
}

static PyObject **
ref_array(Py_ssize_t n)
{
    return (PyObject **)PyMem_Calloc(n, sizeof(PyObject *));   // expect: FT601 "PyObject **"
}
