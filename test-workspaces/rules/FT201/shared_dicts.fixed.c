/* PyDict_Next over dicts other threads can reach, with no critical section on them. */
#include <Python.h>

#if PY_VERSION_HEX < 0x030D0000
/* Py_BEGIN_CRITICAL_SECTION2 is new in Python 3.13; older versions get this definition. */
#  define Py_BEGIN_CRITICAL_SECTION2(a, b) {
#  define Py_END_CRITICAL_SECTION2() }
#endif

#if PY_VERSION_HEX < 0x030D0000
/* Py_BEGIN_CRITICAL_SECTION is new in Python 3.13; older versions get this definition. */
#  define Py_BEGIN_CRITICAL_SECTION(op) {
#  define Py_END_CRITICAL_SECTION() }
#endif

static PyObject *registry;       /* a module-level dict */

typedef struct {
    PyObject_HEAD
    PyObject *attrs;             /* a dict other threads can change through the object */
} NodeObject;

static PyObject *
sum_registry(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    long total = 0;
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    Py_BEGIN_CRITICAL_SECTION(registry);
    while (PyDict_Next(registry, &pos, &key, &value)) {   // expect: FT201 warning "'registry'"
        total += PyLong_AsLong(value);
    }
    Py_END_CRITICAL_SECTION();
    return PyLong_FromLong(total);
}

static PyObject *
count_strings(PyObject *self, PyObject *mapping)
{
    Py_ssize_t pos = 0, n = 0;
    PyObject *key, *value;
    if (!PyDict_Check(mapping)) {
        PyErr_SetString(PyExc_TypeError, "expected a dict");
        return NULL;
    }
    Py_BEGIN_CRITICAL_SECTION(mapping);
    while (PyDict_Next(mapping, &pos, &key, &value)) {
    //     ^^^^^^^^^^^ FT201
        if (PyUnicode_Check(value)) {
            n++;
        }
    }
    Py_END_CRITICAL_SECTION();
    return PyLong_FromSsize_t(n);
}

static PyObject *
node_keys(NodeObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *out = PyList_New(0);
    if (out == NULL) {
        return NULL;
    }
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(self->attrs, &pos, &key, &value)) {   // expect: FT201 "'self->attrs'"
        if (PyList_Append(out, key) < 0) {
            Py_DECREF(out);
            return NULL;
        }
    }
    return out;
}

static PyObject *
wrong_dict_in_section(PyObject *self, PyObject *args)
{
    PyObject *a, *b;
    if (!PyArg_ParseTuple(args, "O!O!", &PyDict_Type, &a, &PyDict_Type, &b)) {
        return NULL;
    }
    Py_ssize_t pos = 0, n = 0;
    PyObject *key, *value;
    Py_BEGIN_CRITICAL_SECTION2(a, b);
    while (PyDict_Next(b, &pos, &key, &value)) {   // expect: FT201 "'b'"
        n++;
    }
    Py_END_CRITICAL_SECTION2();
    return PyLong_FromSsize_t(n);
}

static PyObject *
escaped_before_loop(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *d = PyDict_New();
    if (d == NULL) {
        return NULL;
    }
    if (PyObject_SetAttrString(self, "table", d) < 0) {   /* now reachable through self */
        Py_DECREF(d);
        return NULL;
    }
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    Py_BEGIN_CRITICAL_SECTION(d);
    while (PyDict_Next(d, &pos, &key, &value)) {   // expect: FT201
        Py_INCREF(value);
        Py_DECREF(value);
    }
    Py_END_CRITICAL_SECTION();
    return d;
}

/* Called from a method table through a pointer: its callers are unknown. */
static int
visit_items(PyObject *dict)
{
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(dict, &pos, &key, &value)) {   // expect: FT201
        if (PyObject_Hash(key) == -1) {
            return -1;
        }
    }
    return 0;
}

static PyObject *
visit(PyObject *self, PyObject *dict)
{
    if (visit_items(dict) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static int (*visitor)(PyObject *) = visit_items;

static PyObject *
node_set(NodeObject *self, PyObject *args)
{
    /* any thread can store into the node's dict */
    PyObject *key, *value;
    if (!PyArg_ParseTuple(args, "OO", &key, &value)) {
        return NULL;
    }
    if (PyDict_SetItem(self->attrs, key, value) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}
