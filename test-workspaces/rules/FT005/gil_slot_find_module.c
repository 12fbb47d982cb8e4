/* A single-phase module given a Py_mod_gil slot during the port: PyState_FindModule now returns NULL. */
#include <Python.h>

typedef struct {
    long calls;
} spam_state;

static PyObject *spam_count(PyObject *self, PyObject *args);

static PyMethodDef spam_methods[] = {
    {"count", spam_count, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot spam_slots[] = {
#ifdef Py_GIL_DISABLED
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef spam_def = {
    PyModuleDef_HEAD_INIT, "spam", NULL, sizeof(spam_state), spam_methods, spam_slots,
};

static PyObject *
spam_count(PyObject *self, PyObject *args)
{
    PyObject *m = PyState_FindModule(&spam_def);  // expect: FT005 warning "always returns NULL"
    if (m == NULL) {
        return NULL;
    }
    spam_state *st = PyModule_GetState(m);
    return PyLong_FromLong(st->calls);
}

PyMODINIT_FUNC
PyInit_spam(void)
{
    return PyModuleDef_Init(&spam_def);
}
