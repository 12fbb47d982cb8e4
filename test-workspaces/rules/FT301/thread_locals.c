/* Thread-local variables, however the qualifier is spelled and wherever it stands, are never shared. */
#include <Python.h>

#ifndef Py_THREAD_LOCAL
#  define Py_THREAD_LOCAL _Thread_local
#endif

static __thread int gnu_static;
__thread int gnu_plain;
_Thread_local int c11_plain;
static _Thread_local int c11_static;
_Thread_local static int c11_static_after;
Py_THREAD_LOCAL int through_macro;
static int shared_count;

static PyObject *
touch(PyObject *self, PyObject *arg)
{
    static __thread int local_gnu;
    static _Thread_local int local_c11;
    _Thread_local static int local_c11_after;
    gnu_static++;
    gnu_plain++;
    c11_plain++;
    c11_static++;
    c11_static_after++;
    through_macro++;
    local_gnu++;
    local_c11++;
    local_c11_after++;
    shared_count++;                            // expect: FT301 warning "shared_count"
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"touch", touch, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
