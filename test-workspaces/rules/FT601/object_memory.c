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
