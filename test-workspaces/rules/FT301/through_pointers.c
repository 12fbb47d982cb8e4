/* Writes that reach a global through a pointer, a library call that fills a buffer, or an out-parameter. */
#include <Python.h>
#include <stdio.h>
#include <string.h>

static long total;
static char last_name[64];
static struct {
    int hits;
    char label[16];
} stats;
static char *heap_buffer;

/* Writes through the pointer it is given. */
static void
fill(long *out, long value)
{
    *out = value;
}

/* Only reads through its pointer. */
static long
peek(const long *in)
{
    return *in;
}

static PyObject *
remember(PyObject *self, PyObject *arg)
{
    const char *name = PyUnicode_AsUTF8(arg);
    if (name == NULL) {
        return NULL;
    }
    long *p = &total;
    *p += 1;                                            // expect: FT301 warning "through the pointer 'p'"
    strncpy(last_name, name, sizeof(last_name) - 1);    // expect: FT301 warning "'strncpy' writes into it"
    snprintf(stats.label, sizeof(stats.label), "%s", name);   // expect: FT301 warning "'stats'"
    memset(&stats, 0, sizeof(stats));                   // expect: FT301 warning "'memset' writes into it"
    fill(&total, 3);                                    // expect: FT301 warning "'fill' writes through the pointer"
    Py_RETURN_NONE;
}

static PyObject *
harmless(PyObject *self, PyObject *arg)
{
    char local[64];
    long mine = 0;
    long *q = &mine;
    *q = 2;
    long *r = &total;
    r = &mine;
    *r = 5;                        /* r points at a local by now: not followed */
    strcpy(local, "x");
    memcpy(heap_buffer, local, 2); /* the pointee of a global pointer: not the global itself */
    fill(&mine, peek(&total));
    return PyLong_FromLong(mine + *q);
}

static PyObject *
locked(PyObject *self, PyObject *arg)
{
    static PyMutex lock;
    PyMutex_Lock(&lock);
    long *p = &total;
    *p = 0;
    strcpy(last_name, "none");
    fill(&total, 1);
    PyMutex_Unlock(&lock);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"remember", remember, METH_O, NULL},
    {"harmless", harmless, METH_O, NULL},
    {"locked", locked, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyMutex state_lock;

/* The pointer is set before the lock is taken; the write through it happens under the lock. */
static PyObject *
set_under_lock(PyObject *self, PyObject *arg)
{
    long *p = &total;
    PyMutex_Lock(&state_lock);
    *p = PyLong_AsLong(arg);
    PyMutex_Unlock(&state_lock);
    *p += 1;                                            // expect: FT301 warning "through the pointer 'p'"
    Py_RETURN_NONE;
}

static PyMethodDef more_methods[] = {
    {"set_under_lock", set_under_lock, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
