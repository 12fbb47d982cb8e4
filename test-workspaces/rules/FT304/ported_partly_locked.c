/* A module that declares it runs without the GIL, with a type that locks some of its methods:
 * the type is shared between threads, so a method that replaces a field without the lock is a gap.
 * Lazy fills are reported on every type of a ported module. */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *table;
    PyObject *name;
} SessionObject;

typedef struct {
    PyObject_HEAD
    PyObject *cache;
} HandleObject;

typedef struct {
    PyObject_HEAD
    PyMutex mutex;
    PyObject *buffer;
    PyObject *peer;
} ChannelObject;

static PyObject *build_table(void);

static PyObject *
Channel_set_buffer(ChannelObject *self, PyObject *buffer)
{
    PyMutex_Lock(&self->mutex);
    Py_XSETREF(self->buffer, Py_NewRef(buffer));
    PyMutex_Unlock(&self->mutex);
    Py_RETURN_NONE;
}

static PyObject *
Channel_set_peer(ChannelObject *self, PyObject *peer)
{
    Py_XSETREF(self->peer, Py_NewRef(peer));                   // expect: FT304 "locks objects of this type elsewhere"
    Py_RETURN_NONE;
}

static PyObject *
Session_set_table(SessionObject *self, PyObject *table)
{
    Py_BEGIN_CRITICAL_SECTION(self);
    Py_XSETREF(self->table, Py_NewRef(table));
    Py_END_CRITICAL_SECTION();
    Py_RETURN_NONE;
}

static PyObject *
Session_set_name(SessionObject *self, PyObject *name)
{
    Py_XSETREF(self->name, Py_NewRef(name));                   // expect: FT304 warning "locks objects of this type elsewhere"
    Py_RETURN_NONE;
}

static PyObject *
Handle_get_cache(HandleObject *self, void *closure)
{
    if (self->cache == NULL) {
        self->cache = build_table();                            // expect: FT304 "filled on first use"
    }
    return Py_XNewRef(self->cache);
}

static PyMethodDef Session_methods[] = {
    {"set_table", (PyCFunction)Session_set_table, METH_O, NULL},
    {"set_name", (PyCFunction)Session_set_name, METH_O, NULL},
    {"set_buffer", (PyCFunction)Channel_set_buffer, METH_O, NULL},
    {"set_peer", (PyCFunction)Channel_set_peer, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef Handle_getset[] = {
    {"cache", (getter)Handle_get_cache, NULL, NULL, NULL},
    {NULL},
};

static PyModuleDef_Slot module_slots[] = {
#ifdef Py_GIL_DISABLED
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "sessions", NULL, 0, Session_methods, module_slots,
};

PyMODINIT_FUNC
PyInit_sessions(void)
{
    return PyModuleDef_Init(&module_def);
}
