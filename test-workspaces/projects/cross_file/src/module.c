/* The module's entry point and methods; the work is done in the other files. */
#include <Python.h>
#include "crossfile.h"

static PyObject *
hit(PyObject *self, PyObject *obj)
{
    if (register_hit() < 0) {
        return NULL;
    }
    bump_count();
    total_calls++;  // expect: FT301
    remember_last(obj);
    keep_latest(obj);
    Py_RETURN_NONE;
}

/* The list comes from collect_pair() in create.c, which created it: no other thread can see it. */
static PyObject *
first_of_pair(PyObject *self, PyObject *obj)
{
    PyObject *pair = collect_pair(obj, Py_None);
    if (pair == NULL) {
        return NULL;
    }
    PyObject *first = PyList_GetItem(pair, 0);
    Py_XINCREF(first);
    Py_DECREF(pair);
    return first;
}

/* save_count() (stats.c) writes to a file: it blocks inside the critical section. */
static PyObject *
save(PyObject *self, PyObject *arg)
{
    long fd = PyLong_AsLong(arg);
    if (fd == -1 && PyErr_Occurred()) {
        return NULL;
    }
    Py_BEGIN_CRITICAL_SECTION(arg);
    save_count((int)fd);  // expect: FT407
    Py_END_CRITICAL_SECTION();
    Py_RETURN_NONE;
}

/* Fills a global of tables.c on first use: two threads can both fill it. No fix is offered, since
   a mutex added here would not cover the variable's other uses in tables.c. */
static PyObject *
names(PyObject *self, PyObject *unused)
{
    if (shared_names == NULL) {  // expect: FT302
        shared_names = PyDict_New();
    }
    return Py_XNewRef(shared_names);
}

PyMethodDef crossfile_methods[] = {
    {"hit", hit, METH_O, NULL},
    {"first_of_pair", first_of_pair, METH_O, NULL},
    {"save", save, METH_O, NULL},
    {"names", names, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

/* make_module() (create.c) creates the module; nothing declares that it runs without the GIL. */
PyMODINIT_FUNC
PyInit_crossfile(void)  // expect: FT001
{
    if (fill_tables() < 0) {
        return NULL;
    }
    return make_module();
}
