/* Fields of the extension's own objects changed by methods that other threads can call at once. */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *table;
    PyObject *name;
    char *buffer;
    Py_ssize_t count;
} ParserObject;

typedef struct {
    PyObject_HEAD
    PyObject *seq;
    Py_ssize_t index;
} ReaderObject;

static PyObject *build_table(ParserObject *self);

static PyObject *
Parser_get_table(ParserObject *self, void *closure)
{
    if (self->table == NULL) {
        self->table = build_table(self);                        // expect: FT304 warning "filled on first use"
    }
    return Py_XNewRef(self->table);
}

static PyObject *
Parser_cached_name(PyObject *op, PyObject *unused)
{
    ParserObject *self = (ParserObject *)op;
    if (self->name != NULL) {
        return Py_NewRef(self->name);
    }
    self->name = PyUnicode_FromString("parser");                // expect: FT304 "filled on first use"
    return Py_XNewRef(self->name);
}

static PyObject *
Parser_cached_name_assigned(PyObject *op, PyObject *unused)
{
    ParserObject *self;
    int calls = 0;
    self = (ParserObject *)op;                                  /* the rename, after its declaration */
    if (self->name != NULL) {
        return Py_NewRef(self->name);
    }
    self->name = PyUnicode_FromString("parser");                // expect: FT304 "filled on first use"
    return Py_XNewRef(self->name);
}

static PyObject *
Parser_buffer(ParserObject *self, PyObject *unused)
{
    if (!self->buffer) {
        self->buffer = PyMem_Malloc(64);                        // expect: FT304 "filled on first use"
    }
    return PyLong_FromVoidPtr(self->buffer);
}

static int
Parser_set_name(ParserObject *self, PyObject *value, void *closure)
{
    Py_XSETREF(self->name, Py_NewRef(value));                   // expect: FT304 "replaced"
    return 0;
}

static PyObject *
Parser_reset(ParserObject *self, PyObject *unused)
{
    Py_CLEAR(self->table);                                      // expect: FT304 "so is 'self->name' in this function"
    Py_XDECREF(self->name);
    self->name = Py_NewRef(Py_None);
    Py_RETURN_NONE;
}

static PyObject *
Parser_swap(ParserObject *self, PyObject *value)
{
    PyObject *old = self->table;
    self->table = Py_NewRef(value);                             // expect: FT304 "replaced"
    Py_XDECREF(old);
    Py_RETURN_NONE;
}

static PyObject *
Reader_next(ReaderObject *it)
{
    if (it->seq == NULL) {
        return NULL;
    }
    if (it->index < PyTuple_GET_SIZE(it->seq)) {
        return Py_NewRef(PyTuple_GET_ITEM(it->seq, it->index++));
    }
    Py_CLEAR(it->seq);                                          // expect: FT304 "double DECREF"
    return NULL;
}

static PyObject *
Reader2_next(ReaderObject *it)
{
    if (it->seq != NULL && it->index >= PyTuple_GET_SIZE(it->seq)) {
        Py_DECREF(it->seq);
        it->seq = NULL;                                         // expect: FT304 "double DECREF"
    }
    return NULL;
}

static PyMethodDef Parser_methods[] = {
    {"cached_name", (PyCFunction)Parser_cached_name, METH_NOARGS, NULL},
    {"buffer", (PyCFunction)Parser_buffer, METH_NOARGS, NULL},
    {"reset", (PyCFunction)Parser_reset, METH_NOARGS, NULL},
    {"swap", (PyCFunction)Parser_swap, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef Parser_getset[] = {
    {"table", (getter)Parser_get_table, NULL, NULL, NULL},
    {"name", NULL, (setter)Parser_set_name, NULL, NULL},
    {NULL},
};

static PyType_Slot Reader_slots[] = {
    {Py_tp_iternext, Reader_next},
    {0, NULL},
};
