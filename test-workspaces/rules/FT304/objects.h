/* Object structs defined in a header: the file's own parse does not see their fields' types. */
#ifndef FT304_OBJECTS_H
#define FT304_OBJECTS_H
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *root;
    Py_ssize_t count;
    int ready;
} MapObject;

typedef struct {
    PyObject_HEAD
    PyObject *items;
} Bag;

typedef struct {
    PyObject *cached;
    int initialized;
} State;

#endif
