/* Structs from a header: known as objects by their name, how the file allocates them, or the type's basic size. */
#include "objects.h"

static PyObject *
Map_replace(MapObject *self, PyObject *root)
{
    Py_SETREF(self->root, Py_NewRef(root));                     // expect: FT304 "replaced"
    Py_RETURN_NONE;
}

static PyObject *
Map_drop(MapObject *self, PyObject *unused)
{
    Py_XDECREF(self->root);
    self->root = NULL;                                          // expect: FT304 "replaced"
    Py_RETURN_NONE;
}

static PyObject *
Map_root(PyObject *op, PyObject *unused)
{
    if (((MapObject *)op)->root == NULL) {
        ((MapObject *)op)->root = PyDict_New();                 // expect: FT304 "filled on first use"
    }
    return Py_XNewRef(((MapObject *)op)->root);
}

/* a flag set once: a scalar, not this rule's business */
static PyObject *
Map_mark(MapObject *self, PyObject *unused)
{
    if (!self->ready) {
        self->ready = 1;
    }
    Py_RETURN_NONE;
}

/* Bag is an object: the file allocates it with PyObject_New */
static PyObject *
Bag_make(PyObject *module, PyObject *unused)
{
    Bag *bag = PyObject_New(Bag, &PyBaseObject_Type);
    if (bag != NULL) {
        bag->items = PyList_New(0);
    }
    return (PyObject *)bag;
}

static PyObject *
Bag_clear_items(Bag *bag, PyObject *unused)
{
    Py_CLEAR(bag->items);                                       // expect: FT304 "replaced"
    Py_RETURN_NONE;
}

/* State is no object as far as this file shows: not flagged */
static PyObject *
State_reset(State *st, PyObject *unused)
{
    Py_CLEAR(st->cached);
    if (st->cached == NULL) {
        st->cached = PyDict_New();
    }
    Py_RETURN_NONE;
}
