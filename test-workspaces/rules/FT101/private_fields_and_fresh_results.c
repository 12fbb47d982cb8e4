/* More containers that are private to the call: not flagged. */
#include <Python.h>

struct walk_state {
    PyObject *seen;
    PyObject *names;
    Py_ssize_t depth;
};

static PyObject *
local_struct_field(PyObject *self, PyObject *arg)
{
    /* a list kept in a field of a struct that lives on this function's stack */
    struct walk_state st;
    st.depth = 0;
    st.seen = PyList_New(0);
    if (st.seen == NULL) {
        return NULL;
    }
    if (PyList_Append(st.seen, arg) < 0) {
        Py_DECREF(st.seen);
        return NULL;
    }
    PyObject *first = PyList_GetItem(st.seen, 0);   /* private: fine */
    PyObject *res = PyObject_Repr(first);
    Py_DECREF(st.seen);
    return res;
}

static PyObject *
split_words(PyObject *self, PyObject *text)
{
    /* PyUnicode_Split always makes a new list */
    PyObject *words = PyUnicode_Split(text, NULL, -1);
    if (words == NULL) {
        return NULL;
    }
    PyObject *w = PyList_GetItem(words, 0);   /* private: fine */
    PyObject *res = Py_XNewRef(w);
    Py_DECREF(words);
    return res;
}

static PyObject *
attribute_names(PyObject *self, PyObject *obj)
{
    PyObject *names = PyObject_Dir(obj);
    if (names == NULL) {
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(names);
    PyObject *last = n > 0 ? PyList_GET_ITEM(names, n - 1) : Py_None;   /* private: fine */
    PyObject *res = PyObject_Str(last);
    Py_DECREF(names);
    return res;
}

static PyObject *
mapping_keys(PyObject *self, PyObject *mapping)
{
    PyObject *keys = PyMapping_Keys(mapping);
    if (keys == NULL) {
        return NULL;
    }
    PyObject *k = PyList_GetItem(keys, 0);   /* a new list: fine */
    PyObject *res = Py_XNewRef(k);
    Py_DECREF(keys);
    return res;
}

static PyObject *
built_list(PyObject *self, PyObject *args)
{
    PyObject *pair = Py_BuildValue("[ii]", 1, 2);
    if (pair == NULL) {
        return NULL;
    }
    PyObject *one = PyList_GetItem(pair, 0);   /* a new list: fine */
    PyObject *res = PyNumber_Negative(one);
    Py_DECREF(pair);
    return res;
}

static int
contains_identity(PyObject *list, PyObject *needle)
{
    /* the borrowed item is only compared by address, never touched */
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); i++) {
        PyObject *item = PyList_GET_ITEM(list, i);
        if (item == needle) {
            return 1;
        }
    }
    return 0;
}

static int
is_none_at(PyObject *list, Py_ssize_t i)
{
    PyObject *item = PyList_GetItem(list, i);
    return item != NULL && item == Py_None;
}

static int
has_key(PyObject *dict, PyObject *key)
{
    if (PyDict_GetItem(dict, key) == NULL) {
        return 0;
    }
    return 1;
}

static PyObject *
private_string_lookup(PyObject *self, PyObject *args)
{
    PyObject *d = PyDict_New();
    if (d == NULL) {
        return NULL;
    }
    PyObject *v = _PyDict_GetItemStringWithError(d, "x");   /* a new dict: fine */
    PyObject *res = Py_XNewRef(v);
    Py_DECREF(d);
    return res;
}

/* A helper whose every result is new, or None, or an int: a list it returns is the caller's alone. */
static PyObject *
info_value(int which)
{
    if (which == 0) {
        Py_RETURN_NONE;
    }
    if (which == 1) {
        return PyLong_FromLong(42);
    }
    PyObject *names = PyList_New(0);
    if (names == NULL) {
        return NULL;
    }
    if (PyList_Append(names, Py_None) < 0) {
        Py_DECREF(names);
        return NULL;
    }
    return names;
}

static PyObject *
first_info_name(PyObject *self, PyObject *arg)
{
    PyObject *value = info_value(2);
    if (value == NULL || !PyList_Check(value)) {
        return value;
    }
    PyObject *first = PyList_GET_ITEM(value, 0);
    PyObject *result = PyObject_Repr(first);
    Py_DECREF(value);
    return result;
}

/* A call's scratch state: the struct lives on the caller's stack, only static helpers of the file
 * see it (through a pointer they do not keep), and its list field only ever holds a list made for
 * it. The list is as private as a local one. */
typedef struct {
    PyObject *parts;
    int reversed;
} join_state;

static int
join_add(join_state *st, PyObject *item)
{
    if (st->parts == NULL) {
        st->parts = PyList_New(0);
        if (st->parts == NULL) {
            return -1;
        }
    }
    return PyList_Append(st->parts, item);
}

static Py_ssize_t
total_length(PyObject *list)
{
    Py_ssize_t n = PyList_Size(list), total = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        total += PyBytes_Size(PyList_GetItem(list, i));
    }
    return total;
}

static PyObject *
join_finish(join_state *st)
{
    if (st->reversed) {
        PyList_Reverse(st->parts);
    }
    PyObject *first = PyList_GetItem(st->parts, 0);
    Py_ssize_t total = total_length(st->parts);
    PyObject *result = PyBytes_FromFormat("%zd:%s", total, PyBytes_AsString(first));
    Py_CLEAR(st->parts);
    return result;
}

static PyObject *
join_two(PyObject *self, PyObject *args)
{
    PyObject *a, *b;
    join_state st = {NULL, 0};
    if (!PyArg_ParseTuple(args, "SS", &a, &b)) {
        return NULL;
    }
    if (join_add(&st, a) < 0 || join_add(&st, b) < 0) {
        Py_XDECREF(st.parts);
        return NULL;
    }
    return join_finish(&st);
}
