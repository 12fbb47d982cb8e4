/* Not reported: storage declared atomic, plain accesses in set-up code, under a lock, in the
   functions that create or destroy the object, volatile signal flags, address handed on,
   flags polled by attached code or written by the loop itself. */
#include <Python.h>
#include <signal.h>
#include <stdatomic.h>
#include <unistd.h>

typedef struct {
    PyObject_HEAD
    Py_ssize_t exports;
} Buffer;

static _Atomic long calls;
static atomic_int ready;
static long guarded;
static PyMutex guard;
static volatile sig_atomic_t got_signal;
static long seen;
static int local_done;

static void
on_signal(int sig)
{
    got_signal = 1;
}

static PyObject *
touch(PyObject *self, PyObject *unused)
{
    calls++;
    atomic_fetch_add(&calls, 1);
    atomic_store(&ready, 1);
    if (ready) {
        calls = 0;
    }
    __atomic_fetch_add(&guarded, 1, __ATOMIC_SEQ_CST);
    PyMutex_Lock(&guard);
    guarded = 0;
    PyMutex_Unlock(&guard);
    __sync_lock_test_and_set(&got_signal, 0);
    if (got_signal) {
        Py_RETURN_TRUE;
    }
    __atomic_store_n(&seen, 1, __ATOMIC_RELEASE);
    Py_RETURN_NONE;
}

static long
read_seen(long *p)
{
    return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

static PyObject *
peek(PyObject *self, PyObject *unused)
{
    return PyLong_FromLong(read_seen(&seen) + (long)sizeof(seen));
}

static PyObject *
buffer_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    Buffer *self = (Buffer *)type->tp_alloc(type, 0);
    if (self != NULL) {
        self->exports = 0;
    }
    return (PyObject *)self;
}

static void
buffer_dealloc(Buffer *self)
{
    if (self->exports > 0) {
        PyErr_WriteUnraisable((PyObject *)self);
    }
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int
buffer_getbuf(Buffer *self, Py_buffer *view, int flags)
{
    __atomic_fetch_add(&self->exports, 1, __ATOMIC_RELAXED);
    return 0;
}

static PyObject *
spin_attached(PyObject *self, PyObject *unused)
{
    while (!local_done) {
        PyErr_CheckSignals();
    }
    Py_RETURN_NONE;
}

static PyObject *
spin_own(PyObject *self, PyObject *unused)
{
    Py_BEGIN_ALLOW_THREADS
    while (!local_done) {
        local_done = 1;                     // expect: FT301
    }
    Py_END_ALLOW_THREADS
    Py_RETURN_NONE;
}

static PyObject *
finish(PyObject *self, PyObject *unused)
{
    local_done = 1;                         // expect: FT301
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"touch", touch, METH_NOARGS, NULL},
    {"peek", peek, METH_NOARGS, NULL},
    {"spin_attached", spin_attached, METH_NOARGS, NULL},
    {"spin_own", spin_own, METH_NOARGS, NULL},
    {"finish", finish, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyType_Slot buffer_slots[] = {
    {Py_tp_new, buffer_new},
    {Py_tp_dealloc, buffer_dealloc},
    {Py_bf_getbuffer, buffer_getbuf},
    {0, NULL},
};

static struct PyModuleDef moddef = {
    PyModuleDef_HEAD_INIT, "safe_access", NULL, 0, methods,
};

PyMODINIT_FUNC
PyInit_safe_access(void)
{
    PyObject *m = PyModule_Create(&moddef);
    if (m == NULL) {
        return NULL;
    }
    seen = 0;
    guarded = 0;
    signal(SIGUSR1, on_signal);
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    return m;
}
