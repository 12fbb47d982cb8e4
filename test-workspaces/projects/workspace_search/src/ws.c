#include <Python.h>
#include "ws/ws.h"

static PyObject *
ping(PyObject *self, PyObject *unused)
{
    return PyUnicode_FromString("pong");
}

static PyMethodDef ws_methods[] = {
    {"ping", ping, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef ws_module = {
    PyModuleDef_HEAD_INIT, "_ws", NULL, -1, ws_methods,
};

WS_MODULE_INIT(_ws)
{
    return PyModule_Create(&ws_module);
}
