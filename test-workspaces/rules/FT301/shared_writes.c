/* Globals and function statics written by methods that any thread can call. */
#include <Python.h>

static PyObject *last_result = NULL;
static long call_count = 0;
static double totals[4];
static struct {
    int hits;
    int misses;
} stats;

static PyObject *
record(PyObject *self, PyObject *arg)
{
    call_count++;                              // expect: FT301 warning "call_count"
    totals[0] += 1.0;                          // expect: FT301 warning
    stats.hits = stats.hits + 1;               // expect: FT301 warning "stats"
    Py_XSETREF(last_result, Py_NewRef(arg));   // expect: FT301 error "holds a Python object"
    Py_RETURN_NONE;
}

static PyObject *
reset(PyObject *self, PyObject *unused)
{
    static int resets;
    resets += 1;                               // expect: FT301 warning "static variable 'resets'"
    Py_CLEAR(last_result);                     // expect: FT301 error
    call_count = 0;                            // expect: FT301
    Py_RETURN_NONE;
}

/* A helper reached from a method: it runs in whatever thread calls the method. */
static void
bump(void)
{
    --call_count;                              // expect: FT301
}

static PyObject *
undo(PyObject *self, PyObject *unused)
{
    bump();
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"record", record, METH_O, NULL},
    {"reset", reset, METH_NOARGS, NULL},
    {"undo", undo, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT, "counters", NULL, -1, methods,
};

PyMODINIT_FUNC
PyInit_counters(void)
{
    PyObject *m = PyModule_Create(&moduledef);
    if (m == NULL) {
        return NULL;
    }
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    return m;
}
