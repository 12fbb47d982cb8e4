/* Race proof for FT308, as the documented remedy leaves it: the capsule's context is replaced,
 * and used, with a PyMutex held.
 * scripts/prove.sh builds unsafe.c and fixed.c against a free-threaded CPython and runs
 * stress.py on both; see test-workspaces/proof/README.md. */
#include <Python.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 256

static PyMutex ctx_lock;   /* guards the pointer of every capsule made here */

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
    ctx_t *ctx = ctx_new(stamp);
    if (ctx == NULL) {
        return PyErr_NoMemory();
    }
    PyMutex_Lock(&ctx_lock);
    ctx_t *old = PyCapsule_GetPointer(capsule, "proof.ctx");
    int r = old == NULL ? -1 : PyCapsule_SetPointer(capsule, ctx);
    PyMutex_Unlock(&ctx_lock);
    if (r < 0) {
        ctx_free(ctx);
        return NULL;
    }
    ctx_free(old);
    Py_RETURN_NONE;
}

/* the context's slots must all agree with its stamp: returns how many do not */
static PyObject *
check(PyObject *self, PyObject *capsule)
{
    long bad = 0;
    PyMutex_Lock(&ctx_lock);
    ctx_t *ctx = PyCapsule_GetPointer(capsule, "proof.ctx");
    for (int i = 0; ctx != NULL && i < SLOTS; i++) {
        bad += ctx->slots[i] != ctx->stamp || ctx->stamp == 0;
    }
    PyMutex_Unlock(&ctx_lock);
    return ctx == NULL ? NULL : PyLong_FromLong(bad);
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
