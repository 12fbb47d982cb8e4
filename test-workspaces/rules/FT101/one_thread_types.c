/* A module that declares it runs without the GIL. Its Transfer type is never locked by any
 * function of the file: its authors keep each transfer to one thread at a time (as pycurl does
 * with its handles), so the containers in its fields are not reported. Its Queue type is locked
 * in one method, so it is shared between threads, and an unlocked lookup in its fields is
 * reported; so is a global list, which every thread reaches. */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *parts;      /* list */
    PyObject *handlers;   /* dict */
} TransferObject;

typedef struct {
    PyObject_HEAD
    PyObject *items;      /* list */
} QueueObject;

static PyObject *registry;   /* list shared by every thread */

static int
Transfer_visit_parts(TransferObject *transfer)
{
    Py_ssize_t n = PyList_GET_SIZE(transfer->parts);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *part = PyList_GET_ITEM(transfer->parts, i);
        if (PyObject_IsTrue(part) < 0) {
            return -1;
        }
    }
    return 0;
}

static PyObject *
Transfer_handler(PyObject *op, PyObject *key)
{
    TransferObject *self = (TransferObject *)op;
    PyObject *handler = PyDict_GetItemWithError(self->handlers, key);
    if (handler == NULL) {
        return PyErr_Occurred() ? NULL : Py_NewRef(Py_None);
    }
    if (Transfer_visit_parts(self) < 0) {
        return NULL;
    }
    return PyObject_CallNoArgs(handler);
}

static PyObject *
Transfer_add(TransferObject *self, PyObject *args)
{
    PyObject *part, *key, *handler;
    if (!PyArg_ParseTuple(args, "OOO", &part, &key, &handler)) {
        return NULL;
    }
    if (PyList_Append(self->parts, part) < 0 || PyDict_SetItem(self->handlers, key, handler) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
Queue_push(QueueObject *self, PyObject *item)
{
    int rc;
    Py_BEGIN_CRITICAL_SECTION(self);
    rc = PyList_Append(self->items, item);
    Py_END_CRITICAL_SECTION();
    return rc < 0 ? NULL : Py_NewRef(Py_None);
}

static PyObject *
Queue_peek(QueueObject *self, PyObject *unused)
{
    PyObject *first = PyList_GetItem(self->items, 0);   // expect: FT101
    return Py_XNewRef(first);
}

static PyObject *
Transfer_first_registered(TransferObject *self, PyObject *unused)
{
    PyObject *first = PyList_GetItem(registry, 0);   // expect: FT101
    return Py_XNewRef(first);
}

static PyMethodDef methods[] = {
    {"handler", (PyCFunction)Transfer_handler, METH_O, NULL},
    {"add", (PyCFunction)Transfer_add, METH_VARARGS, NULL},
    {"push", (PyCFunction)Queue_push, METH_O, NULL},
    {"peek", (PyCFunction)Queue_peek, METH_NOARGS, NULL},
    {"first_registered", (PyCFunction)Transfer_first_registered, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
#ifdef Py_GIL_DISABLED
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "transfers", NULL, 0, methods, slots,
};

PyMODINIT_FUNC
PyInit_transfers(void)
{
    return PyModuleDef_Init(&module_def);
}
