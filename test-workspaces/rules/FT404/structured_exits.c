/* Sections left normally; early returns before BEGIN or after END; jumps that stay inside. */
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
    PyObject *result = NULL;
    int closed;
    if (self == NULL) {
        return NULL;
    }
    Py_BEGIN_CRITICAL_SECTION(self);
    closed = self->closed;
    if (!closed) {
        result = Py_XNewRef(self->value);
    }
    Py_END_CRITICAL_SECTION();
    if (closed) {
        PyErr_SetString(PyExc_ValueError, "box is closed");
        return NULL;
    }
    if (result == NULL) {
        Py_RETURN_NONE;
    }
    return result;
}

static Py_ssize_t
box_count_none(BoxObject *self)
{
    Py_ssize_t n = 0;
    Py_BEGIN_CRITICAL_SECTION(self->items);
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(self->items); i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(self->items, i);
        if (item != Py_None) {
            continue;
        }
        switch (self->closed) {
        case 0:
            n++;
            break;
        default:
            goto done;
        }
    }
done:
    ;
    Py_END_CRITICAL_SECTION();
    return n;
}
