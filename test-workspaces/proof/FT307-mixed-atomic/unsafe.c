/* Race proof for FT307, as ftls finds it: a counter that one method bumps atomically and another
 * plainly. scripts/prove.sh builds unsafe.c and fixed.c against a free-threaded CPython and runs
 * stress.py on both; see test-workspaces/proof/README.md. */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    /* volatile keeps the compiler from folding the loop below into one addition; it does not
     * make the update atomic */
    volatile Py_ssize_t hits;
} CounterObject;

/* counts n hits from a thread that may run at the same time as others */
static PyObject *
Counter_add(PyObject *op, PyObject *arg)
{
    CounterObject *self = (CounterObject *)op;
    Py_ssize_t n = PyLong_AsSsize_t(arg);
    if (n < 0 && PyErr_Occurred()) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        __atomic_fetch_add(&self->hits, 1, __ATOMIC_RELAXED);
    }
    Py_RETURN_NONE;
}

/* the same, written when only one thread could run at a time */
static PyObject *
Counter_bump(PyObject *op, PyObject *arg)
{
    CounterObject *self = (CounterObject *)op;
    Py_ssize_t n = PyLong_AsSsize_t(arg);
    if (n < 0 && PyErr_Occurred()) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        self->hits++;   // expect: FT307
    }
    Py_RETURN_NONE;
}

static PyObject *
Counter_total(PyObject *op, PyObject *unused)
{
    CounterObject *self = (CounterObject *)op;
    return PyLong_FromSsize_t(__atomic_load_n(&self->hits, __ATOMIC_RELAXED));
}

static PyMethodDef Counter_methods[] = {
    {"add", Counter_add, METH_O, NULL},
    {"bump", Counter_bump, METH_O, NULL},
    {"total", Counter_total, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static PyType_Slot Counter_slots[] = {
    {Py_tp_methods, Counter_methods},
    {Py_tp_new, PyType_GenericNew},
    {0, NULL}
};

static PyType_Spec Counter_spec = {
    "proof_mixed.Counter", sizeof(CounterObject), 0, Py_TPFLAGS_DEFAULT, Counter_slots,
};

static int
exec_module(PyObject *m)
{
    PyObject *type = PyType_FromModuleAndSpec(m, &Counter_spec, NULL);
    if (type == NULL) {
        return -1;
    }
    int r = PyModule_AddObjectRef(m, "Counter", type);
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
    PyModuleDef_HEAD_INIT, "proof_mixed", NULL, 0, methods, slots,
};

PyMODINIT_FUNC
PyInit_proof_mixed(void)
{
    return PyModuleDef_Init(&module);
}
