/* Reference counts set by hand: on objects other threads may hold (reported) and in teardown or on
   fresh objects (not reported). */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *payload;
} Holder;

static PyObject *pinned;

static PyObject *
pin(PyObject *self, PyObject *obj)
{
    Py_SET_REFCNT(obj, 1 << 30);   // expect: FT604
    pinned = obj;                  // expect: FT301
    Py_RETURN_NONE;
}

static PyObject *
patch_count(Holder *self, PyObject *unused)
{
    Py_SET_REFCNT(self->payload, Py_REFCNT(self->payload) + 1);   // expect: FT604
    Py_RETURN_NONE;
}

static int
run_last_callback(Holder *self)
{
    /* resurrect for a moment to run a callback, then drop it again */
    Py_SET_REFCNT(self, 1);
    Py_CLEAR(self->payload);
    Py_SET_REFCNT(self, 0);
    return 0;
}

static void
holder_dealloc(Holder *self)
{
    run_last_callback(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static void
holder_finalize(PyObject *self)
{
    Py_SET_REFCNT(self, Py_REFCNT(self));
}

static PyObject *
fresh_holder(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    Holder *h = (Holder *)type->tp_alloc(type, 0);
    if (h == NULL) {
        return NULL;
    }
    Py_SET_REFCNT(h, 1);
    return (PyObject *)h;
}

static PyMethodDef holder_methods[] = {
    {"patch_count", (PyCFunction)patch_count, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject HolderType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "set_counts.Holder",
    .tp_basicsize = sizeof(Holder),
    .tp_dealloc = (destructor)holder_dealloc,
    .tp_finalize = holder_finalize,
    .tp_methods = holder_methods,
    .tp_new = fresh_holder,
};

static PyMethodDef methods[] = {
    {"pin", pin, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "set_counts", NULL, -1, methods,
};

PyMODINIT_FUNC
PyInit_set_counts(void)
{
    PyObject *m = PyModule_Create(&module);
    if (m == NULL) {
        return NULL;
    }
    if (PyType_Ready(&HolderType) < 0) {
        return NULL;
    }
    Py_SET_REFCNT(m, Py_REFCNT(m));
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    return m;
}
