/* Race proof for FT309, as the documented remedy leaves it: the export count is changed, and
 * checked together with the resize, in a critical section on the object.
 * scripts/prove.sh builds unsafe.c and fixed.c against a free-threaded CPython and runs
 * stress.py on both; see test-workspaces/proof/README.md. */
#include <Python.h>
#include <stddef.h>   /* offsetof */

typedef struct {
    PyObject_HEAD
    char *data;
    Py_ssize_t size;
    Py_ssize_t exports;
} BufObject;

static PyObject *
Buf_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    BufObject *self = (BufObject *)type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    self->data = PyMem_Calloc(64, 1);
    if (self->data == NULL) {
        Py_DECREF(self);
        return PyErr_NoMemory();
    }
    self->size = 64;
    self->exports = 0;
    return (PyObject *)self;
}

static void
Buf_dealloc(PyObject *op)
{
    PyTypeObject *tp = Py_TYPE(op);
    PyMem_Free(((BufObject *)op)->data);
    tp->tp_free(op);
    Py_DECREF(tp);
}

static int
Buf_getbuffer(PyObject *op, Py_buffer *view, int flags)
{
    BufObject *self = (BufObject *)op;
    int ret;
    Py_BEGIN_CRITICAL_SECTION(op);
    ret = PyBuffer_FillInfo(view, op, self->data, self->size, 0, flags);
    if (ret == 0) {
        self->exports++;
    }
    Py_END_CRITICAL_SECTION();
    return ret;
}

static void
Buf_releasebuffer(PyObject *op, Py_buffer *view)
{
    BufObject *self = (BufObject *)op;
    Py_BEGIN_CRITICAL_SECTION(op);
    self->exports--;
    Py_END_CRITICAL_SECTION();
}

static PyObject *
Buf_resize(PyObject *op, PyObject *arg)
{
    BufObject *self = (BufObject *)op;
    Py_ssize_t n = PyLong_AsSsize_t(arg);
    if (n < 0) {
        return PyErr_Occurred() ? NULL : PyErr_Format(PyExc_ValueError, "negative size");
    }
    PyObject *result = Py_None;
    Py_BEGIN_CRITICAL_SECTION(op);
    if (self->exports > 0) {
        result = PyErr_Format(PyExc_BufferError, "cannot resize: %zd views are alive", self->exports);
    }
    else {
        char *data = PyMem_Realloc(self->data, n);
        if (data == NULL) {
            result = PyErr_NoMemory();
        }
        else {
            self->data = data;
            self->size = n;
        }
    }
    Py_END_CRITICAL_SECTION();
    return Py_XNewRef(result);
}

static PyMethodDef Buf_methods[] = {
    {"resize", Buf_resize, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};

static PyMemberDef Buf_members[] = {
    {"exports", Py_T_PYSSIZET, offsetof(BufObject, exports), Py_READONLY, NULL},
    {NULL, 0, 0, 0, NULL}
};

static PyType_Slot Buf_slots[] = {
    {Py_tp_new, Buf_new},
    {Py_tp_dealloc, Buf_dealloc},
    {Py_tp_methods, Buf_methods},
    {Py_tp_members, Buf_members},
    {Py_bf_getbuffer, Buf_getbuffer},
    {Py_bf_releasebuffer, Buf_releasebuffer},
    {0, NULL}
};

static PyType_Spec Buf_spec = {
    "proof_exports.Buf", sizeof(BufObject), 0, Py_TPFLAGS_DEFAULT, Buf_slots,
};

static int
exec_module(PyObject *m)
{
    PyObject *type = PyType_FromModuleAndSpec(m, &Buf_spec, NULL);
    if (type == NULL) {
        return -1;
    }
    int r = PyModule_AddObjectRef(m, "Buf", type);
    Py_DECREF(type);
    return r;
}

/* The consumer side: takes and releases a view of obj n times, as C code that reads a buffer
 * repeatedly does. */
static PyObject *
read_views(PyObject *module, PyObject *args)
{
    PyObject *obj;
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, "On", &obj, &n)) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_buffer view;
        if (PyObject_GetBuffer(obj, &view, PyBUF_SIMPLE) < 0) {
            return NULL;
        }
        PyBuffer_Release(&view);
    }
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"read_views", read_views, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, exec_module},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "proof_exports", NULL, 0, methods, slots,
};

PyMODINIT_FUNC
PyInit_proof_exports(void)
{
    return PyModuleDef_Init(&module);
}
