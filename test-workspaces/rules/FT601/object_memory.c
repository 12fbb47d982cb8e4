/* Memory for objects, or through PyMem: nothing to report. */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    int value;
} BoxObject;

static BoxObject *
box_alloc(void)
{
    BoxObject *b = (BoxObject *)PyObject_Malloc(sizeof(BoxObject));
    return b;
}

static char *
text_buffer(size_t n)
{
    char *buf = PyMem_Malloc(n);
    return buf;
}

static void *
opaque(size_t n)
{
    void *p = PyObject_Malloc(n);   /* ftls cannot tell what it holds */
    return p;
}

typedef struct {
    BoxObject base;   /* a subtype's struct starts with its base object */
    int extra;
} SubBoxObject;

static SubBoxObject *
sub_alloc(void)
{
    return (SubBoxObject *)PyObject_Malloc(sizeof(SubBoxObject));
}

static PyObject *
custom_alloc(PyTypeObject *type)
{
    void *mem = PyObject_Malloc(type->tp_basicsize);   /* an object's size */
    if (mem == NULL) {
        return PyErr_NoMemory();
    }
    return PyObject_Init((PyObject *)mem, type);
}

static PyObject *
init_here(PyTypeObject *type, size_t n)
{
    void *mem = PyObject_Malloc(n);   /* becomes an object below */
    if (mem == NULL) {
        return PyErr_NoMemory();
    }
    return PyObject_Init(mem, type);
}

struct opaque_handle;   /* declared, never defined here: ftls cannot tell */

static struct opaque_handle *
handle_alloc(size_t n)
{
    return (struct opaque_handle *)PyObject_Malloc(n);
}
