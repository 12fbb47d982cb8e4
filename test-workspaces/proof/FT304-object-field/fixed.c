/* Race proof for FT304, as the documented remedy leaves it: set and get both run in a critical
 * section on the object.
 * scripts/prove.sh builds unsafe.c and fixed.c against a free-threaded CPython and runs
 * stress.py on both; see test-workspaces/proof/README.md. */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *value;
} BoxObject;

static PyObject *
Box_set(PyObject *op, PyObject *value)
{
    BoxObject *self = (BoxObject *)op;
    Py_BEGIN_CRITICAL_SECTION(op);
    Py_XSETREF(self->value, Py_NewRef(value));
    Py_END_CRITICAL_SECTION();
    Py_RETURN_NONE;
}

static PyObject *
Box_get(PyObject *op, PyObject *unused)
{
    BoxObject *self = (BoxObject *)op;
    PyObject *result;
    Py_BEGIN_CRITICAL_SECTION(op);
    result = Py_NewRef(self->value != NULL ? self->value : Py_None);
    Py_END_CRITICAL_SECTION();
    return result;
}

static void
Box_dealloc(PyObject *op)
{
    PyTypeObject *tp = Py_TYPE(op);
    Py_CLEAR(((BoxObject *)op)->value);
    tp->tp_free(op);
    Py_DECREF(tp);
}

static PyMethodDef Box_methods[] = {
    {"set", Box_set, METH_O, NULL},
    {"get", Box_get, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static PyType_Slot Box_slots[] = {
    {Py_tp_dealloc, Box_dealloc},
    {Py_tp_methods, Box_methods},
    {Py_tp_new, PyType_GenericNew},
    {0, NULL}
};

static PyType_Spec Box_spec = {
    "proof_field.Box", sizeof(BoxObject), 0, Py_TPFLAGS_DEFAULT, Box_slots,
};

static int
exec_module(PyObject *m)
{
    PyObject *type = PyType_FromModuleAndSpec(m, &Box_spec, NULL);
    if (type == NULL) {
        return -1;
    }
    int r = PyModule_AddObjectRef(m, "Box", type);
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
    PyModuleDef_HEAD_INIT, "proof_field", NULL, 0, methods, slots,
};

PyMODINIT_FUNC
PyInit_proof_field(void)
{
    return PyModuleDef_Init(&module);
}
