/* ftls-test: target=3.13
 * A target without free threading: the GIL serializes the methods, nothing to report. */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *table;
} ParserObject;

static PyObject *
Parser_reset(ParserObject *self, PyObject *unused)
{
    Py_CLEAR(self->table);
    Py_RETURN_NONE;
}
