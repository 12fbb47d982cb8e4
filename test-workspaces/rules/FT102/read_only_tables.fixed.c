/* An iterator's own sorted list of keys, kept in a field that this file fills once and only
 * reads: no code that a release runs can reach the list to change it, so an item borrowed from it
 * stays valid across the release (as FT101 judges such tables). */
#include <Python.h>

#if PY_VERSION_HEX < 0x030D0000
/* PyList_GetItemRef is new in Python 3.13; older versions get this definition. */
static inline PyObject *
PyList_GetItemRef(PyObject *list, Py_ssize_t index)
{
    PyObject *item = PyList_GetItem(list, index);
    Py_XINCREF(item);
    return item;
}
#endif

typedef struct {
    PyObject *sorted_keys;   /* a list made by the iterator, never changed after */
    PyObject *current_name;
    Py_ssize_t index;
} key_walk;

static PyObject *
next_key_name(key_walk *walk)
{
    PyObject *key = PyList_GET_ITEM(walk->sorted_keys, walk->index);
    Py_XDECREF(walk->current_name);
    walk->current_name = PyObject_Str(key);
    walk->index++;
    return walk->current_name;
}

/* The same walk over a list the file does change elsewhere is reported. */
typedef struct {
    PyObject *pending;
    PyObject *last;
} queue_walk;

static int
queue_add(queue_walk *q, PyObject *item)
{
    return PyList_Append(q->pending, item);
}

static PyObject *
queue_next_name(queue_walk *q)
{
    PyObject *item = PyList_GetItemRef(q->pending, 0);   // expect: FT101
    if (item == NULL) {
        return NULL;
    }
    Py_XDECREF(q->last);
    q->last = PyObject_Str(item);
    Py_DECREF(item);
    return q->last;
}
