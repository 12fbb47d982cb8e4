/* Containers that reach a helper as a parameter, yet stay private: not flagged. */
#include <Python.h>

/* Every caller of this static helper passes a list it has just built. */
static Py_ssize_t
total_length(PyObject *parts)
{
    Py_ssize_t n = PyList_Size(parts);
    Py_ssize_t total = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        total += PyBytes_Size(PyList_GetItem(parts, i));   /* private to the caller: fine */
    }
    return total;
}

static PyObject *
join_chunks(PyObject *self, PyObject *arg)
{
    PyObject *chunks = PyList_New(0);
    if (chunks == NULL) {
        return NULL;
    }
    if (PyList_Append(chunks, arg) < 0 || PyList_Append(chunks, arg) < 0) {
        Py_DECREF(chunks);
        return NULL;
    }
    Py_ssize_t size = total_length(chunks);
    Py_DECREF(chunks);
    return PyLong_FromSsize_t(size);
}

static PyObject *
split_and_measure(PyObject *self, PyObject *arg)
{
    PyObject *words = PyUnicode_Split(arg, NULL, -1);
    if (words == NULL) {
        return NULL;
    }
    Py_ssize_t size = total_length(words);
    Py_DECREF(words);
    return PyLong_FromSsize_t(size);
}

/* A list returned by a helper that returns what another helper of the file made. */
static PyObject *
gather_twice(PyObject *item)
{
    PyObject *out = PyList_New(0);
    if (out == NULL) {
        return NULL;
    }
    if (PyList_Append(out, item) < 0 || PyList_Append(out, item) < 0) {
        Py_DECREF(out);
        return NULL;
    }
    return out;
}

static PyObject *
gathered(PyObject *item)
{
    if (item == Py_None) {
        return NULL;
    }
    return gather_twice(item);
}

static PyObject *
second_gathered(PyObject *self, PyObject *arg)
{
    PyObject *l = gathered(arg);
    if (l == NULL) {
        return NULL;
    }
    PyObject *r = PyObject_Repr(PyList_GetItem(l, 1));   /* fresh from gathered(): fine */
    Py_DECREF(l);
    return r;
}

/* Teardown: the object being destroyed, and what it holds, is no other thread's. */
typedef struct {
    PyObject_HEAD
    PyObject *children;
} NodeObject;

static void
node_forget_children(NodeObject *node)
{
    if (node->children == NULL) {
        return;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(node->children); i++) {
        PyObject *child = PyList_GET_ITEM(node->children, i);   /* only reached from teardown: fine */
        if (Py_IS_TYPE(child, Py_TYPE(node))) {
            node_forget_children((NodeObject *)child);
        }
    }
}

static PyObject *
node_adopt(NodeObject *self, PyObject *child)
{
    if (PyList_Append(self->children, child) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static int
node_clear(NodeObject *self)
{
    node_forget_children(self);
    Py_CLEAR(self->children);
    return 0;
}

static void
node_dealloc(NodeObject *self)
{
    PyObject_GC_UnTrack(self);
    (void)node_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyMethodDef methods[] = {
    {"join_chunks", join_chunks, METH_O, NULL},
    {"split_and_measure", split_and_measure, METH_O, NULL},
    {"second_gathered", second_gathered, METH_O, NULL},
    {"adopt", (PyCFunction)node_adopt, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyType_Slot node_slots[] = {
    {Py_tp_dealloc, node_dealloc},
    {Py_tp_clear, node_clear},
    {0, NULL},
};
