/* Capsules other threads can reach, changed without a lock. */
#include <Python.h>

typedef struct ctx ctx_t;
ctx_t *ctx_new(void);
void ctx_free(ctx_t *);

typedef struct {
    PyObject_HEAD
    PyObject *handle;   /* a capsule */
} Holder;

static PyObject *shared_handle = NULL;

static PyObject *
reset(PyObject *self, PyObject *capsule)
{
    ctx_t *old = PyCapsule_GetPointer(capsule, "ctx");
    if (old == NULL) {
        return NULL;
    }
    ctx_free(old);
    if (PyCapsule_SetPointer(capsule, ctx_new()) < 0) {   // expect: FT308 warning "'capsule' (an argument)"
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
parsed_reset(PyObject *self, PyObject *args)
{
    PyObject *py_context;
    if (!PyArg_ParseTuple(args, "O", &py_context)) {
        return NULL;
    }
    PyCapsule_SetContext(py_context, NULL);   // expect: FT308
    Py_RETURN_NONE;
}

static PyObject *
rename_global(PyObject *self, PyObject *unused)
{
    PyCapsule_SetName(shared_handle, "other");   // expect: FT308 "a global variable"
    Py_RETURN_NONE;
}

static PyObject *
holder_swap(Holder *self, PyObject *unused)
{
    PyCapsule_SetPointer(self->handle, ctx_new());   // expect: FT308 "a field of an object"
    Py_RETURN_NONE;
}
