/* Race proof for FT502, as the documented remedy leaves it: the thread detaches before it waits
 * for the pthread mutex, and keeps it only while detached, so a stop-the-world pause never
 * waits for a thread blocked on it. scripts/prove.sh builds unsafe.c and fixed.c
 * against a free-threaded CPython and runs stress.py on both; see test-workspaces/proof/README.md. */
#include <Python.h>
#include <pthread.h>
#include <unistd.h>

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static long records;   /* guarded by log_lock */

/* write_record(n): writes a record (the usleep stands for the write) and counts it n times. */
static PyObject *
write_record(PyObject *module, PyObject *arg)
{
    long n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred()) {
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&log_lock);
    usleep(20);
    records += n;
    pthread_mutex_unlock(&log_lock);
    Py_END_ALLOW_THREADS
    Py_RETURN_NONE;
}

/* reset(): forgets the records counted so far and returns how many there were. */
static PyObject *
reset(PyObject *module, PyObject *unused)
{
    long n;
    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&log_lock);
    n = records;
    records = 0;
    pthread_mutex_unlock(&log_lock);
    Py_END_ALLOW_THREADS
    return PyLong_FromLong(n);
}

static PyMethodDef methods[] = {
    {"write_record", write_record, METH_O, NULL},
    {"reset", reset, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "proof_attachedlock", NULL, 0, methods, slots,
};

PyMODINIT_FUNC
PyInit_proof_attachedlock(void)
{
    return PyModuleDef_Init(&module);
}
