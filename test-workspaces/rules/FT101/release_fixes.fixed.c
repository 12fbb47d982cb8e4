/* Borrowed results kept in a local: the fix takes a strong reference and releases it after the
 * last use, and before every exit in between. */
#include <Python.h>
#include <string.h>

#if PY_VERSION_HEX < 0x030D0000
/* PyList_GetItemRef is new in Python 3.13; older versions get this definition. */
static inline PyObject *
PyList_GetItemRef(PyObject *list, Py_ssize_t index)
{
    PyObject *item = PyList_GetItem(list, index);
    Py_XINCREF(item);
    return item;
}
#endif

#if PY_VERSION_HEX < 0x030D0000
/* PyImport_AddModuleRef is new in Python 3.13; older versions get this definition. */
static inline PyObject *
PyImport_AddModuleRef(const char *name)
{
    PyObject *module = PyImport_AddModule(name);
    Py_XINCREF(module);
    return module;
}
#endif

static PyObject *shared;

static PyObject *
after_null_check(PyObject *self, PyObject *args)
{
    PyObject *first = PyList_GetItemRef(shared, 0);   // expect: FT101
    if (first == NULL) {
        return NULL;
    }
    long n = PyLong_AsLong(first);
    Py_DECREF(first);
    return PyLong_FromLong(n + 1);
}

static PyObject *
without_null_check(PyObject *self, PyObject *args)
{
    PyObject *first;
    int truth;
    first = PyList_GetItemRef(shared, 0);   // expect: FT101
    truth = first != NULL && PyObject_IsTrue(first);
    Py_XDECREF(first);
    return PyBool_FromLong(truth);
}

static PyObject *
early_returns(PyObject *self, PyObject *args)
{
    PyObject *item = PyList_GetItemRef(shared, 1);   // expect: FT101
    if (!item) {
        return NULL;
    }
    if (!PyLong_Check(item))
        { Py_DECREF(item); return PyErr_Format(PyExc_TypeError, "expected an int"); }
    Py_ssize_t size = PyObject_Size(item);
    Py_DECREF(item);
    if (size < 0) {
        return NULL;
    }
    printf("%zd\n", size);
    return PyLong_FromSsize_t(size);
}

static PyObject *
in_a_loop(PyObject *self, PyObject *args)
{
    Py_ssize_t total = 0;
    for (Py_ssize_t i = 0; i < 10; i++) {
        PyObject *item = PyList_GetItemRef(shared, i);   // expect: FT101
        if (item == NULL) {
            return NULL;
        }
        if (item == Py_None) {
            Py_DECREF(item);
            continue;
        }
        for (int j = 0; j < 3; j++) {
            if (PyObject_IsTrue(item)) {
                break;
            }
            total++;
        }
        Py_DECREF(item);
    }
    return PyLong_FromSsize_t(total);
}

static PyObject *
goto_cleanup(PyObject *self, PyObject *args)
{
    PyObject *result = NULL;
    PyObject *item = PyList_GetItem(shared, 2);   // expect: FT101
    if (item == NULL) {
        goto done;
    }
    if (PyObject_Not(item)) {
        goto done;
    }
    result = PyObject_Repr(item);
done:
    return result;
}

static PyObject *
return_uses_it(PyObject *self, PyObject *args)
{
    PyObject *module = PyImport_AddModuleRef("spam");   // expect: FT101
    if (module == NULL) {
        return NULL;
    }
    PyObject *ret = PyObject_GetAttrString(module, "version");
    Py_DECREF(module);
    return ret;
}

static PyObject *
derived_pointer(PyObject *self, PyObject *args)
{
    char buffer[64];
    PyObject *bytes = PyList_GetItemRef(shared, 7);   // expect: FT101
    if (bytes == NULL) {
        return NULL;
    }
    const char *data = PyBytes_AsString(bytes);
    Py_ssize_t size = PyBytes_Size(bytes);
    if (data == NULL || size < 0) {
        Py_DECREF(bytes);
        return NULL;
    }
    memcpy(buffer, data, size < 64 ? (size_t)size : 64);
    Py_DECREF(bytes);
    return PyBytes_FromStringAndSize(buffer, size < 64 ? size : 64);
}

/* Only an unsafe fix (the strong API alone): the reference changes owner or outlives the block. */

typedef struct {
    PyObject_HEAD
    PyObject *cached;
} Holder;

static PyObject *
stored_in_a_field(Holder *self, PyObject *args)
{
    PyObject *item = PyList_GetItem(shared, 3);   // expect: FT101
    self->cached = item;
    Py_RETURN_NONE;
}

static PyObject *
given_to_a_stealing_call(PyObject *self, PyObject *args)
{
    PyObject *copy = PyList_New(1);
    if (copy == NULL) {
        return NULL;
    }
    PyObject *item = PyList_GetItem(shared, 4);   // expect: FT101
    PyList_SetItem(copy, 0, item);
    return copy;
}

static PyObject *
returned(PyObject *self, PyObject *args)
{
    PyObject *item = PyList_GetItem(shared, 5);   // expect: FT101
    return item;
}

static PyObject *
used_after_the_block(PyObject *self, PyObject *args)
{
    PyObject *item = NULL;
    if (PyList_Size(shared) > 6) {
        item = PyList_GetItem(shared, 6);   // expect: FT101
    }
    return PyBool_FromLong(item != NULL && PyObject_IsTrue(item));
}

static PyObject *
out_parameter(PyObject *self, PyObject *args)
{
    char *data;
    Py_ssize_t size;
    PyObject *chunk = PyList_GetItemRef(shared, 8);   // expect: FT101
    if (chunk == NULL) {
        return NULL;
    }
    if (PyBytes_AsStringAndSize(chunk, &data, &size) < 0) {
        Py_DECREF(chunk);
        return NULL;
    }
    PyObject *ret = PyBytes_FromStringAndSize(data, size);
    Py_DECREF(chunk);
    return ret;
}
