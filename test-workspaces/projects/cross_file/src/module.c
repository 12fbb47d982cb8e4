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
    remember_last(obj);
    keep_latest(obj);
    Py_RETURN_NONE;
}

PyMethodDef crossfile_methods[] = {
    {"hit", hit, METH_O, NULL},
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
