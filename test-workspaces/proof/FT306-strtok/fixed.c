/* Race proof for FT306, as the documented remedy leaves it: strtok_r keeps its position in a local.
 * scripts/prove.sh builds unsafe.c and fixed.c against a free-threaded CPython and runs
 * stress.py on both; see test-workspaces/proof/README.md. */
#include <Python.h>
#include <string.h>

static PyObject *
fields(PyObject *self, PyObject *arg)
{
    const char *text = PyUnicode_AsUTF8(arg);
    if (text == NULL) {
        return NULL;
    }
    char buf[4096];
    if (strlen(text) >= sizeof(buf)) {
        PyErr_SetString(PyExc_ValueError, "text too long");
        return NULL;
    }
    strcpy(buf, text);
    char *save = NULL;
    PyObject *out = PyList_New(0);
    char *tok = strtok_r(buf, ",", &save);
    for (; out != NULL && tok != NULL; tok = strtok_r(NULL, ",", &save)) {
        PyObject *s = PyUnicode_FromString(tok);
        if (s == NULL || PyList_Append(out, s) < 0) {
            Py_CLEAR(out);
        }
        Py_XDECREF(s);
    }
    return out;
}

static PyMethodDef methods[] = {
    {"fields", fields, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "proof_strtok", NULL, 0, methods, slots,
};

PyMODINIT_FUNC
PyInit_proof_strtok(void)
{
    return PyModuleDef_Init(&module);
}
