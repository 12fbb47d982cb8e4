/* Borrowed results kept in a local: the fix takes a strong reference and releases it after the
 * last use, and before every exit in between. */
#include <Python.h>
#include <string.h>

static PyObject *shared;

static PyObject *
after_null_check(PyObject *self, PyObject *args)
{
    PyObject *first = PyList_GetItem(shared, 0);   // expect: FT101
    if (first == NULL) {
        return NULL;
    }
    long n = PyLong_AsLong(first);
    return PyLong_FromLong(n + 1);
}

static PyObject *
without_null_check(PyObject *self, PyObject *args)
{
    PyObject *first;
    int truth;
    first = PyList_GetItem(shared, 0);   // expect: FT101
    truth = first != NULL && PyObject_IsTrue(first);
    return PyBool_FromLong(truth);
}

static PyObject *
early_returns(PyObject *self, PyObject *args)
{
    PyObject *item = PyList_GetItem(shared, 1);   // expect: FT101
    if (!item) {
        return NULL;
    }
    if (!PyLong_Check(item))
        return PyErr_Format(PyExc_TypeError, "expected an int");
    Py_ssize_t size = PyObject_Size(item);
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
        PyObject *item = PyList_GetItem(shared, i);   // expect: FT101
        if (item == NULL) {
            return NULL;
        }
        if (item == Py_None) {
            continue;
        }
        for (int j = 0; j < 3; j++) {
            if (PyObject_IsTrue(item)) {
                break;
            }
            total++;
        }
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
    PyObject *module = PyImport_AddModule("spam");   // expect: FT101
    if (module == NULL) {
        return NULL;
    }
    return PyObject_GetAttrString(module, "version");
}

static PyObject *
derived_pointer(PyObject *self, PyObject *args)
{
    char buffer[64];
    PyObject *bytes = PyList_GetItem(shared, 7);   // expect: FT101
    if (bytes == NULL) {
        return NULL;
    }
    const char *data = PyBytes_AsString(bytes);
    Py_ssize_t size = PyBytes_Size(bytes);
    if (data == NULL || size < 0) {
        return NULL;
    }
    memcpy(buffer, data, size < 64 ? (size_t)size : 64);
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
    PyObject *chunk = PyList_GetItem(shared, 8);   // expect: FT101
    if (chunk == NULL) {
        return NULL;
    }
    if (PyBytes_AsStringAndSize(chunk, &data, &size) < 0) {
        return NULL;
    }
    return PyBytes_FromStringAndSize(data, size);
}
