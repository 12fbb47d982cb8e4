/* Race proof for FT308, as ftls finds it: reset() frees a capsule's C context and stores a new
 * one while other threads use the context through the same capsule, with no lock.
 * scripts/prove.sh builds unsafe.c and fixed.c against a free-threaded CPython and runs
 * stress.py on both; see test-workspaces/proof/README.md. */
#include <Python.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 256

typedef struct {
    long stamp;
    long slots[SLOTS];   /* every slot holds the stamp */
} ctx_t;

static ctx_t *
ctx_new(long stamp)
{
    ctx_t *ctx = malloc(sizeof(ctx_t));
    if (ctx != NULL) {
        ctx->stamp = stamp;
        for (int i = 0; i < SLOTS; i++) {
            ctx->slots[i] = stamp;
        }
    }
    return ctx;
}

static void
ctx_free(ctx_t *ctx)
{
    if (ctx != NULL) {
        memset(ctx, 0, sizeof(ctx_t));
        free(ctx);
    }
}

static void
capsule_destroy(PyObject *capsule)
{
    ctx_free(PyCapsule_GetPointer(capsule, "proof.ctx"));
}

static PyObject *
make(PyObject *self, PyObject *unused)
{
    ctx_t *ctx = ctx_new(1);
    if (ctx == NULL) {
        return PyErr_NoMemory();
    }
    PyObject *capsule = PyCapsule_New(ctx, "proof.ctx", capsule_destroy);
    if (capsule == NULL) {
        ctx_free(ctx);
    }
    return capsule;
}

/* a fresh context replaces the old one */
static PyObject *
reset(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "reset(capsule, stamp)");
        return NULL;
    }
    PyObject *capsule = args[0];
    long stamp = PyLong_AsLong(args[1]);
    if (stamp == -1 && PyErr_Occurred()) {
        return NULL;
    }
    ctx_t *old = PyCapsule_GetPointer(capsule, "proof.ctx");
    if (old == NULL) {
        return NULL;
    }
    ctx_t *ctx = ctx_new(stamp);
    if (ctx == NULL) {
        return PyErr_NoMemory();
    }
    ctx_free(old);
    if (PyCapsule_SetPointer(capsule, ctx) < 0) {   // expect: FT308
        ctx_free(ctx);
        return NULL;
    }
    Py_RETURN_NONE;
}

/* the context's slots must all agree with its stamp: returns how many do not */
static PyObject *
check(PyObject *self, PyObject *capsule)
{
    ctx_t *ctx = PyCapsule_GetPointer(capsule, "proof.ctx");
    if (ctx == NULL) {
        return NULL;
    }
    long bad = 0;
    for (int i = 0; i < SLOTS; i++) {
        bad += ctx->slots[i] != ctx->stamp || ctx->stamp == 0;
    }
    return PyLong_FromLong(bad);
}

static PyMethodDef methods[] = {
    {"make", make, METH_NOARGS, NULL},
    {"reset", (PyCFunction)(void (*)(void))reset, METH_FASTCALL, NULL},
    {"check", check, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "proof_capsule", NULL, 0, methods, slots,
};

PyMODINIT_FUNC
PyInit_proof_capsule(void)
{
    return PyModuleDef_Init(&module);
}
