/* A module that declares it runs without the GIL, with a type none of whose functions locks
 * anything: its maintainers keep each object to one thread at a time (like a handle documented as
 * "do not share between threads"), so replacing a field and dropping an iterator's state are not
 * reported. */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *callback;
    PyObject *source;
} HandleObject;

static PyObject *
Handle_set_callback(HandleObject *self, PyObject *callback)
{
    Py_XSETREF(self->callback, Py_NewRef(callback));
    Py_RETURN_NONE;
}

static PyObject *
Handle_reset(PyObject *op, PyObject *unused)
{
    HandleObject *self = (HandleObject *)op;
    Py_CLEAR(self->callback);
    Py_DECREF(self->source);
    self->source = Py_NewRef(Py_None);
    Py_RETURN_NONE;
}

static PyObject *
Handle_iternext(HandleObject *it)
{
    PyObject *item = PyIter_Next(it->source);
    if (item == NULL) {
        Py_CLEAR(it->source);
    }
    return item;
}

static PyMethodDef Handle_methods[] = {
    {"set_callback", (PyCFunction)Handle_set_callback, METH_O, NULL},
    {"reset", Handle_reset, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot module_slots[] = {
#ifdef Py_GIL_DISABLED
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "handles", NULL, 0, Handle_methods, module_slots,
};

PyMODINIT_FUNC
PyInit_handles(void)
{
    return PyModuleDef_Init(&module_def);
}
