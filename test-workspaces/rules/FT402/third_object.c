/* A third object locked while a two-object critical section is held. */
#include <Python.h>

static PyObject *
transfer(PyObject *self, PyObject *args)
{
    PyObject *src, *dst, *log;
    if (!PyArg_ParseTuple(args, "O!O!O!", &PyList_Type, &src, &PyList_Type, &dst, &PyList_Type, &log)) {
        return NULL;
    }
    int err = 0;
    Py_BEGIN_CRITICAL_SECTION2(src, dst);
    if (PyList_Size(src) > 0) {
        Py_BEGIN_CRITICAL_SECTION(log);   // expect: FT402 information "'log'"
        err = PyList_Append(log, src);
        Py_END_CRITICAL_SECTION();
    }
    Py_END_CRITICAL_SECTION2();
    if (err < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
pair_inside_one(PyObject *self, PyObject *args)
{
    PyObject *a, *b;
    if (!PyArg_ParseTuple(args, "OO", &a, &b)) {
        return NULL;
    }
    Py_BEGIN_CRITICAL_SECTION(self);
    Py_BEGIN_CRITICAL_SECTION2(a, b);   // expect: FT402
    Py_END_CRITICAL_SECTION2();
    Py_END_CRITICAL_SECTION();
    Py_RETURN_NONE;
}
