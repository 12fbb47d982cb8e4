/* Race proof for FT407, as ftls finds it: a critical section that detaches the thread state in
 * the middle (here around a wait that stands for I/O), so CPython suspends the section and
 * another thread updates the object in between. scripts/prove.sh builds unsafe.c and fixed.c
 * against a free-threaded CPython and runs stress.py on both; see test-workspaces/proof/README.md. */
#include <Python.h>
#include <unistd.h>

typedef struct {
    PyObject_HEAD
    long count;
} CounterObject;

/* Adds one to the count, "logging" the old value first (the usleep stands for the write). */
static PyObject *
Counter_bump(PyObject *op, PyObject *unused)
{
    CounterObject *self = (CounterObject *)op;
    long seen;
    Py_BEGIN_CRITICAL_SECTION(op);
    seen = self->count;
    Py_BEGIN_ALLOW_THREADS   // expect: FT407
    usleep(1);
    Py_END_ALLOW_THREADS
    self->count = seen + 1;
    Py_END_CRITICAL_SECTION();
    Py_RETURN_NONE;
}

static PyObject *
Counter_value(PyObject *op, PyObject *unused)
{
    CounterObject *self = (CounterObject *)op;
    long value;
    Py_BEGIN_CRITICAL_SECTION(op);
    value = self->count;
    Py_END_CRITICAL_SECTION();
    return PyLong_FromLong(value);
}

static PyMethodDef Counter_methods[] = {
    {"bump", Counter_bump, METH_NOARGS, NULL},
    {"value", Counter_value, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static void
Counter_dealloc(PyObject *op)
{
    PyTypeObject *tp = Py_TYPE(op);
    tp->tp_free(op);
    Py_DECREF(tp);
}

static PyType_Slot Counter_slots[] = {
    {Py_tp_dealloc, Counter_dealloc},
    {Py_tp_methods, Counter_methods},
    {Py_tp_new, PyType_GenericNew},
    {0, NULL}
};

static PyType_Spec Counter_spec = {
    "proof_csdetach.Counter", sizeof(CounterObject), 0, Py_TPFLAGS_DEFAULT, Counter_slots,
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
    PyModuleDef_HEAD_INIT, "proof_csdetach", NULL, 0, methods, slots,
};

PyMODINIT_FUNC
PyInit_proof_csdetach(void)
{
    return PyModuleDef_Init(&module);
}
