/* A file that builds on Windows too: the message names the MSVC function. */
#include <Python.h>
#include <time.h>

#ifdef _WIN32
#define NOW_LOCAL(t, buf) (localtime_s((buf), (t)) == 0 ? (buf) : NULL)
#else
#define NOW_LOCAL(t, buf) localtime_r((t), (buf))
#endif

static PyObject *
year_of(PyObject *self, PyObject *arg)
{
    time_t t = (time_t)PyLong_AsLongLong(arg);
    struct tm *tm = localtime(&t);             // expect: FT306 "localtime_s with MSVC"
    return PyLong_FromLong(tm->tm_year + 1900);
}

static PyObject *
year_of_safe(PyObject *self, PyObject *arg)
{
    time_t t = (time_t)PyLong_AsLongLong(arg);
    struct tm buf;
    struct tm *tm = NOW_LOCAL(&t, &buf);
    return PyLong_FromLong(tm ? tm->tm_year + 1900 : 0);
}

static PyMethodDef methods[] = {
    {"year_of", year_of, METH_O, NULL},
    {"year_of_safe", year_of_safe, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef moddef = {
    PyModuleDef_HEAD_INIT, "windows_names", NULL, 0, methods,
};

PyMODINIT_FUNC
PyInit_windows_names(void)
{
    PyObject *m = PyModule_Create(&moddef);
    if (m != NULL) {
#ifdef Py_GIL_DISABLED
        PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    }
    return m;
}
