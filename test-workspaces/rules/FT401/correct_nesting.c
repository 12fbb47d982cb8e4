/* Two-object sections and harmless nestings: nothing to report. */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    Py_ssize_t total;
    PyObject *log;
} CounterObject;

static PyObject *
counter_merge(CounterObject *self, PyObject *arg)
{
    CounterObject *other = (CounterObject *)arg;
    Py_BEGIN_CRITICAL_SECTION2(self, other);
    self->total += other->total;
    other->total = 0;
    Py_END_CRITICAL_SECTION2();
    Py_RETURN_NONE;
}

static PyObject *
counter_record(CounterObject *self, PyObject *entry)
{
    Py_ssize_t n;
    PyObject *log;
    Py_BEGIN_CRITICAL_SECTION(self);
    n = ++self->total;
    log = Py_NewRef(self->log);
    Py_BEGIN_CRITICAL_SECTION(log);   /* only needs the log while it appends */
    (void)PyList_Append(log, entry);
    Py_END_CRITICAL_SECTION();
    Py_END_CRITICAL_SECTION();
    Py_DECREF(log);
    return PyLong_FromSsize_t(n);
}

static PyObject *
counter_same(CounterObject *self, PyObject *Py_UNUSED(ignored))
{
    Py_BEGIN_CRITICAL_SECTION(self);
    Py_BEGIN_CRITICAL_SECTION(self);   /* the same object again: allowed */
    self->total = 0;
    Py_END_CRITICAL_SECTION();
    Py_END_CRITICAL_SECTION();
    Py_RETURN_NONE;
}
