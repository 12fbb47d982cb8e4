/* Set-up code whose callers live in other files of the project (ftls reads one file at a time):
 * a helper that builds the module, an exec function handed to it, and a set-up function. */
#include <Python.h>
#include <stdlib.h>

int DEBUG_ENABLED;
static int loaded;
static PyObject *Error;

/* called from each platform's PyInit_* in another file */
PyObject *
project_module_init(const char *name, PyMethodDef *methods, int (*exec)(PyObject *))
{
    static PyModuleDef_Slot slots[] = {
        {Py_mod_exec, NULL},
#ifdef Py_GIL_DISABLED
        {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
        {0, NULL}
    };
    static struct PyModuleDef def = {
        PyModuleDef_HEAD_INIT, NULL, NULL, 0, NULL, slots,
    };
    slots[0].value = (void *)exec;
    def.m_name = name;
    def.m_methods = methods;
    return PyModuleDef_Init(&def);
}

/* called from the exec functions in other files */
int
project_setup(void)
{
    if (getenv("PROJECT_DEBUG") != NULL) {
        DEBUG_ENABLED = 1;
    }
    return 0;
}

static int
project_exec(PyObject *mod)
{
    if (!loaded) {
        if (project_setup() != 0) {
            return -1;
        }
        loaded = 1;
    }
    Error = PyErr_NewException("project.Error", NULL, NULL);
    return Error == NULL ? -1 : 0;
}

PyObject *
make_module(void)
{
    return project_module_init("project", NULL, project_exec);
}
