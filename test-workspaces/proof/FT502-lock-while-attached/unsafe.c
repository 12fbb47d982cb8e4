/* Race proof for FT502, as ftls finds it: a pthread mutex taken while the thread is attached.
 * The holder detaches for its I/O; when a stop-the-world pause (the garbage collector) starts
 * meanwhile, it waits for the thread blocked in pthread_mutex_lock, which waits for the holder,
 * which cannot attach again until the pause ends. scripts/prove.sh builds unsafe.c and fixed.c
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
    pthread_mutex_lock(&log_lock);   // expect: FT502
    Py_BEGIN_ALLOW_THREADS
    usleep(20);
    Py_END_ALLOW_THREADS
    records += n;
    pthread_mutex_unlock(&log_lock);
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
