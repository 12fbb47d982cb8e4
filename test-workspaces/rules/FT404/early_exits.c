/* Jumps out of a critical section: the object stays locked. */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    int closed;
    PyObject *value;
    PyObject *items;
} BoxObject;

static PyObject *
box_get(BoxObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *result;
    Py_BEGIN_CRITICAL_SECTION(self);
    if (self->closed) {
        PyErr_SetString(PyExc_ValueError, "box is closed");
        return NULL;   // expect: FT404 error "return leaves the critical section on 'self'"
    }
    if (self->value == NULL) {
        Py_RETURN_NONE;   // expect: FT404
    }
    result = Py_NewRef(self->value);
    Py_END_CRITICAL_SECTION();
    return result;
}

static int
box_fill(BoxObject *self, PyObject *iterable)
{
    PyObject *item;
    PyObject *it = PyObject_GetIter(iterable);
    if (it == NULL) {
        return -1;
    }
    while ((item = PyIter_Next(it)) != NULL) {
        Py_BEGIN_CRITICAL_SECTION(self);
        if (self->closed) {
            Py_DECREF(item);
            break;   // expect: FT404 "break leaves"
        }
        if (item == Py_None) {
            Py_DECREF(item);
            continue;   // expect: FT404 "continue leaves"
        }
        if (PyList_Append(self->items, item) < 0) {
            Py_DECREF(item);
            goto error;   // expect: FT404 "goto error leaves"
        }
        Py_END_CRITICAL_SECTION();
        Py_DECREF(item);
    }
    Py_DECREF(it);
    return 0;
error:
    Py_DECREF(it);
    return -1;
}
