/* Race proof for FT406, as ftls finds it: a counter table guarded by a PyMutex whose error path
 * returns with the mutex still locked. scripts/prove.sh builds unsafe.c and fixed.c against a
 * free-threaded CPython and runs stress.py on both; see test-workspaces/proof/README.md. */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyMutex lock;          /* guards the read-modify-write of counts */
    PyObject *counts;      /* dict: key -> int */
} TallyObject;

/* tally.add(key): counts one more of key. */
static PyObject *
Tally_add(PyObject *op, PyObject *key)
{
    TallyObject *self = (TallyObject *)op;
    long n = 0;
    PyMutex_Lock(&self->lock);
    PyObject *old = PyDict_GetItemWithError(self->counts, key);
    if (old == NULL && PyErr_Occurred()) {
        return NULL;   // expect: FT406
    }
    if (old != NULL) {
        n = PyLong_AsLong(old);
    }
    PyObject *now = PyLong_FromLong(n + 1);
    int err = now == NULL ? -1 : PyDict_SetItem(self->counts, key, now);
    Py_XDECREF(now);
    PyMutex_Unlock(&self->lock);
    if (err < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

/* tally.get(key): how many of key were counted. */
static PyObject *
Tally_get(PyObject *op, PyObject *key)
{
    TallyObject *self = (TallyObject *)op;
    PyMutex_Lock(&self->lock);
    PyObject *n = PyDict_GetItemWithError(self->counts, key);
    Py_XINCREF(n);
    PyMutex_Unlock(&self->lock);
    if (n == NULL && !PyErr_Occurred()) {
        n = PyLong_FromLong(0);
    }
    return n;
}

static PyObject *
Tally_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    TallyObject *self = (TallyObject *)type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    self->counts = PyDict_New();
    if (self->counts == NULL) {
        Py_DECREF(self);
        return NULL;
    }
    return (PyObject *)self;
}

static void
Tally_dealloc(PyObject *op)
{
    PyTypeObject *tp = Py_TYPE(op);
    Py_CLEAR(((TallyObject *)op)->counts);
    tp->tp_free(op);
    Py_DECREF(tp);
}

static PyMethodDef Tally_methods[] = {
    {"add", Tally_add, METH_O, NULL},
    {"get", Tally_get, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};

static PyType_Slot Tally_slots[] = {
    {Py_tp_dealloc, Tally_dealloc},
    {Py_tp_methods, Tally_methods},
    {Py_tp_new, Tally_new},
    {0, NULL}
};

static PyType_Spec Tally_spec = {
    "proof_unlock.Tally", sizeof(TallyObject), 0, Py_TPFLAGS_DEFAULT, Tally_slots,
};

static int
exec_module(PyObject *m)
{
    PyObject *type = PyType_FromModuleAndSpec(m, &Tally_spec, NULL);
    if (type == NULL) {
        return -1;
    }
    int r = PyModule_AddObjectRef(m, "Tally", type);
    Py_DECREF(type);
    return r;
}

static PyMethodDef methods[] = {
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, exec_module},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "proof_unlock", NULL, 0, methods, slots,
};

PyMODINIT_FUNC
PyInit_proof_unlock(void)
{
    return PyModuleDef_Init(&module);
}
