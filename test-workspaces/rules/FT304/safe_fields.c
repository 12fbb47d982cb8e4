/* Fields changed where no other thread can race: nothing to report. */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *table;
    PyObject *name;
    Py_ssize_t count;
    int closed;
} ParserObject;

typedef struct {
    PyObject *cache;
    PyObject *error;
} module_state;

typedef struct {
    PyObject *owner;
} Plain;

static PyObject *build_table(ParserObject *self);

/* the object is fresh in tp_new and tp_init, about to die in tp_dealloc and tp_clear */
static PyObject *
Parser_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    ParserObject *self = (ParserObject *)type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    self->table = PyDict_New();
    return (PyObject *)self;
}

static void
fill_defaults(ParserObject *self)
{
    Py_XSETREF(self->name, PyUnicode_FromString("parser"));
}

static int
Parser_init(ParserObject *self, PyObject *args, PyObject *kwds)
{
    Py_CLEAR(self->table);
    fill_defaults(self);
    return 0;
}

static int
Parser_tp_clear(ParserObject *self)
{
    Py_CLEAR(self->table);
    Py_CLEAR(self->name);
    return 0;
}

static void
Parser_dealloc(ParserObject *self)
{
    Parser_tp_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* under a critical section on the object, also through a cast and an alias */
static PyObject *
Parser_get_table(ParserObject *self, void *closure)
{
    PyObject *table;
    Py_BEGIN_CRITICAL_SECTION(self);
    if (self->table == NULL) {
        self->table = build_table(self);
    }
    table = Py_XNewRef(self->table);
    Py_END_CRITICAL_SECTION();
    return table;
}

static int
Parser_set_name(PyObject *op, PyObject *value, void *closure)
{
    ParserObject *self = (ParserObject *)op;
    Py_BEGIN_CRITICAL_SECTION(op);
    Py_XSETREF(self->name, Py_NewRef(value));
    Py_END_CRITICAL_SECTION();
    return 0;
}

/* called with the object locked by its only caller */
static void
reset_locked(ParserObject *self)
{
    Py_CLEAR(self->table);
}

static PyObject *
Parser_reset(ParserObject *self, PyObject *unused)
{
    Py_BEGIN_CRITICAL_SECTION(self);
    reset_locked(self);
    Py_END_CRITICAL_SECTION();
    Py_RETURN_NONE;
}

/* under a mutex of the extension */
static PyMutex parser_lock;

static PyObject *
Parser_swap(ParserObject *self, PyObject *value)
{
    PyMutex_Lock(&parser_lock);
    Py_SETREF(self->table, Py_NewRef(value));
    PyMutex_Unlock(&parser_lock);
    Py_RETURN_NONE;
}

/* plain scalar fields, and a store that releases nothing */
static PyObject *
Parser_close(ParserObject *self, PyObject *unused)
{
    self->closed = 1;
    self->count = 0;
    if (self->table == NULL) {
        self->count = -1;
    }
    Py_RETURN_NONE;
}

/* a new object the function made itself */
static PyObject *
Parser_copy(ParserObject *self, PyObject *unused)
{
    ParserObject *copy = PyObject_New(ParserObject, Py_TYPE(self));
    if (copy == NULL) {
        return NULL;
    }
    copy->table = Py_XNewRef(self->table);
    copy->name = NULL;
    Py_XSETREF(copy->name, Py_NewRef(Py_None));
    return (PyObject *)copy;
}

/* structs without an object header: module state and plain C structs */
static PyObject *
get_cache(PyObject *module, PyObject *unused)
{
    module_state *st = (module_state *)PyModule_GetState(module);
    if (st->cache == NULL) {
        st->cache = PyDict_New();
    }
    Py_XSETREF(st->error, Py_NewRef(Py_None));
    return Py_XNewRef(st->cache);
}

static void
plain_reset(Plain *p)
{
    Py_CLEAR(p->owner);
}

/* reading and comparing the field changes nothing */
static PyObject *
Parser_has_table(ParserObject *self, PyObject *unused)
{
    return PyBool_FromLong(self->table != NULL);
}

static PyType_Slot Parser_slots[] = {
    {Py_tp_new, Parser_new},
    {Py_tp_init, Parser_init},
    {Py_tp_clear, Parser_tp_clear},
    {Py_tp_dealloc, Parser_dealloc},
    {0, NULL},
};

static PyMethodDef Parser_methods[] = {
    {"reset", (PyCFunction)Parser_reset, METH_NOARGS, NULL},
    {"swap", (PyCFunction)Parser_swap, METH_O, NULL},
    {"close", (PyCFunction)Parser_close, METH_NOARGS, NULL},
    {"copy", (PyCFunction)Parser_copy, METH_NOARGS, NULL},
    {"has_table", (PyCFunction)Parser_has_table, METH_NOARGS, NULL},
    {"get_cache", (PyCFunction)get_cache, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef Parser_getset[] = {
    {"table", (getter)Parser_get_table, NULL, NULL, NULL},
    {"name", NULL, (setter)Parser_set_name, NULL, NULL},
    {NULL},
};
