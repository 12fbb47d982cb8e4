/* A helper creates the module with PyModule_FromDefAndSpec from a def whose slots declare Py_mod_gil: quiet. */
#include <Python.h>

static PyModuleDef_Slot jam_slots[] = {
#ifdef Py_GIL_DISABLED
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef jam_def = {
    PyModuleDef_HEAD_INIT, "jam", NULL, 0, NULL, jam_slots,
};

static PyObject *
make_jam(PyObject *spec)
{
    return PyModule_FromDefAndSpec(&jam_def, spec);
}

PyObject *
jam_from_spec(PyObject *spec)
{
    PyObject *m = make_jam(spec);
    if (m == NULL) {
        return NULL;
    }
    if (PyModule_ExecDef(m, &jam_def) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
