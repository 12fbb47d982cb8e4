/* Race proof for FT602, as the documented remedy leaves it: PyUnstable_Object_IsUniquelyReferenced,
 * which also answers no when other threads could take a reference (here through a weak
 * reference). CPython 3.13 lacks the function; the definition below makes 3.14's test there.
 * scripts/prove.sh builds unsafe.c and fixed.c against a free-threaded CPython and runs
 * stress.py on both; see test-workspaces/proof/README.md. */
#include <Python.h>
#include <stddef.h>   /* offsetof */

#if PY_VERSION_HEX < 0x030E0000
/* PyUnstable_Object_IsUniquelyReferenced is new in Python 3.14; older versions get this definition. */
#  ifdef Py_GIL_DISABLED
#    define PyUnstable_Object_IsUniquelyReferenced(op) \
        (_Py_IsOwnedByCurrentThread(op) \
         && _Py_atomic_load_uint32_relaxed(&(op)->ob_ref_local) == 1 \
         && _Py_atomic_load_ssize_relaxed(&(op)->ob_ref_shared) == 0)
#  else
#    define PyUnstable_Object_IsUniquelyReferenced(op) (Py_REFCNT(op) == 1)
#  endif
#endif

#define ITEMS 2048

typedef struct {
    PyObject_HEAD
    PyObject *weakreflist;
    double items[ITEMS];   /* a vector value: every item holds the same number */
} VecObject;

static PyObject *
vec_make(PyTypeObject *type, double x)
{
    VecObject *v = (VecObject *)type->tp_alloc(type, 0);
    if (v != NULL) {
        for (int i = 0; i < ITEMS; i++) {
            v->items[i] = x;
        }
    }
    return (PyObject *)v;
}

static PyObject *
Vec_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    double x;
    if (!PyArg_ParseTuple(args, "d:Vec", &x)) {
        return NULL;
    }
    return vec_make(type, x);
}

static void
Vec_dealloc(PyObject *op)
{
    PyTypeObject *tp = Py_TYPE(op);
    PyObject_ClearWeakRefs(op);
    tp->tp_free(op);
    Py_DECREF(tp);
}

/* whether every item holds the same number (a vector is only ever changed as a whole) */
static PyObject *
Vec_whole(PyObject *op, PyObject *unused)
{
    VecObject *v = (VecObject *)op;
    for (int i = 1; i < ITEMS; i++) {
        if (v->items[i] != v->items[0]) {
            Py_RETURN_FALSE;
        }
    }
    Py_RETURN_TRUE;
}

static PyObject *
Vec_first(PyObject *op, PyObject *unused)
{
    return PyFloat_FromDouble(((VecObject *)op)->items[0]);
}

/* scaled(v, k): v * k, reusing v when nobody else holds it (the arguments of a fast call are
 * borrowed from the caller: scaled(Vec(1.0), 2.0) gets a vector only the call holds) */
static PyObject *
scaled(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "scaled(v, k)");
        return NULL;
    }
    PyObject *op = args[0];
    double k = PyFloat_AsDouble(args[1]);
    if (k == -1.0 && PyErr_Occurred()) {
        return NULL;
    }
    VecObject *v = (VecObject *)op;
    if (PyUnstable_Object_IsUniquelyReferenced(op)) {
        for (int i = 0; i < ITEMS; i++) {
            v->items[i] *= k;
        }
        return Py_NewRef(op);
    }
    return vec_make(Py_TYPE(op), v->items[0] * k);
}

static PyMemberDef Vec_members[] = {
    {"__weaklistoffset__", Py_T_PYSSIZET, offsetof(VecObject, weakreflist), Py_READONLY, NULL},
    {NULL, 0, 0, 0, NULL}
};

static PyMethodDef Vec_methods[] = {
    {"whole", Vec_whole, METH_NOARGS, NULL},
    {"first", Vec_first, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static PyType_Slot Vec_slots[] = {
    {Py_tp_new, Vec_new},
    {Py_tp_dealloc, Vec_dealloc},
    {Py_tp_members, Vec_members},
    {Py_tp_methods, Vec_methods},
    {0, NULL}
};

static PyType_Spec Vec_spec = {
    "proof_unique.Vec", sizeof(VecObject), 0, Py_TPFLAGS_DEFAULT, Vec_slots,
};

static int
exec_module(PyObject *m)
{
    PyObject *type = PyType_FromModuleAndSpec(m, &Vec_spec, NULL);
    if (type == NULL) {
        return -1;
    }
    int r = PyModule_AddObjectRef(m, "Vec", type);
    Py_DECREF(type);
    return r;
}

static PyMethodDef methods[] = {
    {"scaled", (PyCFunction)(void (*)(void))scaled, METH_FASTCALL, NULL},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, exec_module},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "proof_unique", NULL, 0, methods, slots,
};

PyMODINIT_FUNC
PyInit_proof_unique(void)
{
    return PyModuleDef_Init(&module);
}
