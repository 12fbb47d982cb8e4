/* Parameters that may hold a shared container: still flagged. */
#include <Python.h>

static PyObject *cache;

/* One caller passes a fresh list, the other a module-level one. */
static PyObject *
first_of(PyObject *items)
{
    return PyObject_Repr(PyList_GetItem(items, 0));   // expect: FT101
}

static PyObject *
first_of_fresh(PyObject *self, PyObject *arg)
{
    PyObject *l = PySequence_List(arg);
    if (l == NULL) {
        return NULL;
    }
    PyObject *r = first_of(l);
    Py_DECREF(l);
    return r;
}

static PyObject *
first_of_cache(PyObject *self, PyObject *unused)
{
    return first_of(cache);
}

/* Not static: callers in other files may pass anything. */
PyObject *
last_of(PyObject *items)
{
    return PyObject_Repr(PyList_GetItem(items, PyList_Size(items) - 1));   // expect: FT101
}

/* Static, but its callers pass a container they were given. */
static PyObject *
second_of(PyObject *items)
{
    return PyObject_Repr(PyList_GetItem(items, 1));   // expect: FT101
}

static PyObject *
second_of_arg(PyObject *self, PyObject *arg)
{
    return second_of(arg);
}

/* The helper stores its fresh list before reading it: another thread can reach it. */
static PyObject *
stash_then_read(PyObject *owner, PyObject *items)
{
    if (PyObject_SetAttrString(owner, "items", items) < 0) {
        return NULL;
    }
    return PyObject_Repr(PyList_GetItem(items, 0));   // expect: FT101
}

static PyObject *
stash(PyObject *self, PyObject *arg)
{
    PyObject *l = PySequence_List(arg);
    if (l == NULL) {
        return NULL;
    }
    PyObject *r = stash_then_read(self, l);
    Py_DECREF(l);
    return r;
}

/* A helper that hands out the module-level list, through another helper: not fresh. */
static PyObject *
cached_items(void)
{
    Py_XINCREF(cache);
    return cache;
}

static PyObject *
current_items(void)
{
    return cached_items();
}

static PyObject *
first_current(PyObject *self, PyObject *unused)
{
    PyObject *l = current_items();
    if (l == NULL) {
        return NULL;
    }
    PyObject *r = PyObject_Repr(PyList_GetItem(l, 0));   // expect: FT101
    Py_DECREF(l);
    return r;
}

/* A method that walks the same field as the teardown helper: the object is shared here. */
typedef struct {
    PyObject_HEAD
    PyObject *children;
} TreeObject;

static PyObject *
tree_first_child(TreeObject *self, PyObject *unused)
{
    return Py_NewRef(PyList_GET_ITEM(self->children, 0));   // expect: FT101
}

static PyObject *
tree_add(TreeObject *self, PyObject *child)
{
    if (PyList_Append(self->children, child) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static void
tree_dealloc(TreeObject *self)
{
    Py_XDECREF(self->children);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyMethodDef methods[] = {
    {"first_of_fresh", first_of_fresh, METH_O, NULL},
    {"first_of_cache", first_of_cache, METH_NOARGS, NULL},
    {"second_of_arg", second_of_arg, METH_O, NULL},
    {"stash", stash, METH_O, NULL},
    {"first_current", first_current, METH_NOARGS, NULL},
    {"first_child", (PyCFunction)tree_first_child, METH_NOARGS, NULL},
    {"add", (PyCFunction)tree_add, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyType_Slot tree_slots[] = {
    {Py_tp_dealloc, tree_dealloc},
    {0, NULL},
};
