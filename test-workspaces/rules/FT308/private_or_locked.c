/* Capsules nobody else can see yet, or changed under a lock: nothing to report. */
#include <Python.h>

typedef struct ctx ctx_t;
ctx_t *ctx_new(void);
void ctx_free(ctx_t *);

typedef struct {
    PyObject_HEAD
    PyObject *handle;
} Holder;

static PyMutex handle_lock;
static PyObject *shared_handle = NULL;

static void
destroy(PyObject *capsule)
{
    ctx_free(PyCapsule_GetPointer(capsule, "ctx"));
    PyCapsule_SetPointer(capsule, (void *)1);   /* the capsule is dying: nobody else holds it */
}

static PyObject *
make(PyObject *self, PyObject *unused)
{
    PyObject *cap = PyCapsule_New(ctx_new(), "ctx", (PyCapsule_Destructor)destroy);
    if (cap == NULL) {
        return NULL;
    }
    if (PyCapsule_SetContext(cap, self) < 0) {   /* created here, not published yet */
        Py_DECREF(cap);
        return NULL;
    }
    return cap;
}

static PyObject *
holder_swap(Holder *self, PyObject *unused)
{
    Py_BEGIN_CRITICAL_SECTION(self);
    PyCapsule_SetPointer(self->handle, ctx_new());
    Py_END_CRITICAL_SECTION();
    Py_RETURN_NONE;
}

static void
swap_locked(void)
{
    PyCapsule_SetPointer(shared_handle, ctx_new());   /* every caller holds handle_lock */
}

static PyObject *
rename_global(PyObject *self, PyObject *unused)
{
    PyMutex_Lock(&handle_lock);
    PyCapsule_SetName(shared_handle, "other");
    swap_locked();
    PyMutex_Unlock(&handle_lock);
    Py_RETURN_NONE;
}

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "caps", NULL, -1, NULL};

PyMODINIT_FUNC
PyInit_caps(void)
{
    PyObject *m = PyModule_Create(&def);
    if (m == NULL) {
        return NULL;
    }
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    shared_handle = PyCapsule_New(ctx_new(), "ctx", NULL);
    PyModule_AddObjectRef(m, "handle", shared_handle);
    PyCapsule_SetName(shared_handle, "caps.ctx");   /* module initialization */
    return m;
}
