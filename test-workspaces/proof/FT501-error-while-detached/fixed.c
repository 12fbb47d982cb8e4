/* Race proof for FT501, as the documented remedy leaves it: the error is raised after the thread
 * has attached again. scripts/prove.sh builds unsafe.c and fixed.c against a
 * free-threaded CPython and runs stress.py on both; see test-workspaces/proof/README.md. */
#include <Python.h>
#include <unistd.h>

/* read_byte(fd): one byte read from fd (b"" at its end); OSError when the read fails. */
static PyObject *
read_byte(PyObject *module, PyObject *arg)
{
    int fd = PyLong_AsInt(arg);
    if (fd == -1 && PyErr_Occurred()) {
        return NULL;
    }
    char c;
    ssize_t n;
    Py_BEGIN_ALLOW_THREADS
    n = read(fd, &c, 1);
    Py_END_ALLOW_THREADS
    if (n < 0) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    return PyBytes_FromStringAndSize(&c, n);
}

static PyMethodDef methods[] = {
    {"read_byte", read_byte, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "proof_detached", NULL, 0, methods, slots,
};

PyMODINIT_FUNC
PyInit_proof_detached(void)
{
    return PyModuleDef_Init(&module);
}
