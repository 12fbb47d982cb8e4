/* ftls-test: minimumPython=3.9
 * A module-level lock: allocated in the exec slot, taken in a method, freed with the module.
 * The project still supports Python 3.9, so the fix keeps the old lock for Pythons before 3.13. */
#include <Python.h>

static PyThread_type_lock registry_lock = NULL;   // expect: FT303 information "PyMutex"
static PyObject *registry;

static PyObject *
register_item(PyObject *module, PyObject *item)
{
    int rc;
    PyThread_acquire_lock(registry_lock, WAIT_LOCK);   // expect: FT502
    rc = PyList_Append(registry, item);
    PyThread_release_lock(registry_lock);
    if (rc < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static int
module_exec(PyObject *module)
{
    registry = PyList_New(0);
    if (registry == NULL) {
        return -1;
    }
    registry_lock = PyThread_allocate_lock();
    if (registry_lock == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    return 0;
}

static void
module_free(void *module)
{
    if (registry_lock) {
        PyThread_free_lock(registry_lock);
        registry_lock = NULL;
    }
    Py_CLEAR(registry);
}

static PyMethodDef methods[] = {
    {"register", register_item, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, module_exec},
#ifdef Py_GIL_DISABLED
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL},
};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT,
    .m_name = "registry",
    .m_methods = methods,
    .m_slots = slots,
    .m_free = module_free,
};

PyMODINIT_FUNC
PyInit_registry(void)
{
    return PyModuleDef_Init(&moduledef);
}
