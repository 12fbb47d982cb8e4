/* Two nested single-object critical sections meant to hold both objects. */
#include <Python.h>

#if PY_VERSION_HEX < 0x030D0000
/* Py_BEGIN_CRITICAL_SECTION2 is new in Python 3.13; older versions get this definition. */
#  define Py_BEGIN_CRITICAL_SECTION2(a, b) {
#  define Py_END_CRITICAL_SECTION2() }
#endif

typedef struct {
    PyObject_HEAD
    Py_ssize_t total;
} CounterObject;

static PyObject *
counter_merge(CounterObject *self, PyObject *arg)
{
    CounterObject *other = (CounterObject *)arg;
    Py_BEGIN_CRITICAL_SECTION2(self, other);
    // expect-next-line: FT401 warning "Py_BEGIN_CRITICAL_SECTION2(self, other)"
    self->total += other->total;
    other->total = 0;
    Py_END_CRITICAL_SECTION2();
    Py_RETURN_NONE;
}

static PyObject *
counter_swap(CounterObject *self, PyObject *arg)
{
    CounterObject *other = (CounterObject *)arg;
    Py_ssize_t tmp;
    Py_BEGIN_CRITICAL_SECTION(self);
    tmp = self->total;
    Py_BEGIN_CRITICAL_SECTION(other);   // expect: FT401
    self->total = other->total;         /* uses self: both must be held */
    other->total = tmp;
    Py_END_CRITICAL_SECTION();
    Py_END_CRITICAL_SECTION();
    Py_RETURN_NONE;
}

static PyObject *
counter_copy_from(CounterObject *self, PyObject *arg)
{
    Py_BEGIN_CRITICAL_SECTION(self);
        Py_BEGIN_CRITICAL_SECTION(arg);   // expect: FT401
        self->total = ((CounterObject *)arg)->total;
        Py_END_CRITICAL_SECTION();
        self->total++;
    Py_END_CRITICAL_SECTION();
    Py_RETURN_NONE;
}
