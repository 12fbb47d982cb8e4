/* A module whose optional parts depend on what the build found and was asked for. */
#include <Python.h>
#include "stats_config.h"

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

static PyObject *samples; /* a list other threads append to */

#ifdef HAVE_LIBSTATS
/* only when the build found libstats: ftls analyzes it */
static PyObject *
stats_first(PyObject *self, PyObject *unused)
{
    PyObject *item = PyList_GetItemRef(samples, 0); /* expect: FT101 */
    return item;
}
#endif

#ifdef STATS_COUNTING
/* switched on by stats_config.h when the build defines WITH_COUNTERS */
static PyObject *
stats_second(PyObject *self, PyObject *unused)
{
    PyObject *item = PyList_GetItemRef(samples, 1); /* expect: FT101 */
    return item;
}
#endif

#ifdef _WIN32
/* the platform decides: dead on this target */
static PyObject *
stats_windows(PyObject *self, PyObject *unused)
{
    PyObject *item = PyList_GetItem(samples, 2);
    Py_XINCREF(item);
    return item;
}
#endif

#if PY_VERSION_HEX < 0x030D0000
/* the Python version decides: dead for 3.14t */
static PyObject *
stats_old_python(PyObject *self, PyObject *unused)
{
    PyObject *item = PyList_GetItem(samples, 3);
    Py_XINCREF(item);
    return item;
}
#endif

static PyModuleDef_Slot stats_slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static struct PyModuleDef stats_module = {
    PyModuleDef_HEAD_INIT, "stats", NULL, 0, NULL, stats_slots,
};

PyMODINIT_FUNC
PyInit_stats(void)
{
    return PyModuleDef_Init(&stats_module);
}
