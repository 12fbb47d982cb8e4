/* Storage updated atomically in one place and touched plainly in another. */
#include <Python.h>
#include <stdatomic.h>

typedef struct {
    PyObject_HEAD
    Py_ssize_t exports;
    int state;
} Buffer;

static Py_ssize_t live_objects;
static long hits;
static int initialized;

static PyObject *
node_make(PyObject *self, PyObject *unused)
{
    __atomic_fetch_add(&live_objects, 1, __ATOMIC_RELAXED);
    __sync_fetch_and_add(&hits, 1);
    Py_RETURN_NONE;
}

static PyObject *
live_count(PyObject *self, PyObject *unused)
{
    Py_ssize_t n = live_objects;            // expect: FT307 warning "read plainly"
    return PyLong_FromSsize_t(n + live_objects);
}

static PyObject *
reset_hits(PyObject *self, PyObject *unused)
{
    hits = 0;                               // expect: FT301 (FT301 reports unlocked global writes)
    Py_RETURN_NONE;
}

static PyObject *
count_hit(PyObject *self, PyObject *unused)
{
    hits++;                                 // expect: FT301
    Py_RETURN_NONE;
}

static int
buffer_getbuf(Buffer *self, Py_buffer *view, int flags)
{
    _Py_atomic_add_ssize(&self->exports, 1);
    view->obj = Py_NewRef(self);
    return 0;
}

static void
buffer_releasebuf(Buffer *self, Py_buffer *view)
{
    self->exports--;                        // expect: FT307 "field 'exports'"
}

static PyObject *
hit_count(PyObject *self, PyObject *unused)
{
    return PyLong_FromLong(hits);           // expect: FT307 "read plainly"
}

static PyObject *
ensure_ready(PyObject *self, PyObject *unused)
{
    if (!initialized) {                     // expect: FT307
        int expected = 0;
        atomic_compare_exchange_strong((atomic_int *)&initialized, &expected, 1);
    }
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"node_make", node_make, METH_NOARGS, NULL},
    {"live_count", live_count, METH_NOARGS, NULL},
    {"reset_hits", reset_hits, METH_NOARGS, NULL},
    {"count_hit", count_hit, METH_NOARGS, NULL},
    {"hit_count", hit_count, METH_NOARGS, NULL},
    {"ensure_ready", ensure_ready, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyType_Slot buffer_slots[] = {
    {Py_bf_getbuffer, buffer_getbuf},
    {Py_bf_releasebuffer, buffer_releasebuf},
    {0, NULL},
};

static struct PyModuleDef moddef = {
    PyModuleDef_HEAD_INIT, "mixed_access", NULL, 0, methods,
};

PyMODINIT_FUNC
PyInit_mixed_access(void)
{
    PyObject *m = PyModule_Create(&moddef);
#ifdef Py_GIL_DISABLED
    if (m != NULL) {
        PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
    }
#endif
    return m;
}
