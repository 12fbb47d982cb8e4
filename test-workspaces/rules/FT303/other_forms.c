/* More ways of writing the same uses of a lock, all rewritten by the fix (the project's oldest
 * Python is unknown, so the old code stays for Pythons before 3.13). */
#include <Python.h>

static PyThread_type_lock log_lock;            // expect: FT303
static long lines_written;

static PyObject *
write_line(PyObject *self, PyObject *line)
{
    if (!PyThread_acquire_lock(log_lock, WAIT_LOCK)) {   // expect: FT502
        PyErr_SetString(PyExc_RuntimeError, "cannot lock the log");
        return NULL;
    }
    lines_written++;
    PyThread_release_lock(log_lock);
    Py_RETURN_NONE;
}

static PyObject *
count_lines(PyObject *self, PyObject *unused)
{
    long n;
    (void)PyThread_acquire_lock(log_lock, 1);  // expect: FT502
    n = lines_written;
    PyThread_release_lock(log_lock);
    return PyLong_FromLong(n);
}

static int
module_exec(PyObject *module)
{
    log_lock = PyThread_allocate_lock();
    if (!log_lock)
        return -1;
    return 0;
}

static void
module_free(void *module)
{
    if (log_lock != NULL)
        PyThread_free_lock(log_lock);
    log_lock = NULL;
}

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, module_exec},
#ifdef Py_GIL_DISABLED
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL},
};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT,
    .m_name = "log",
    .m_slots = slots,
    .m_free = module_free,
};
