/* Containers other threads can reach, even when they look local: flagged. */
#include <Python.h>

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
/* PyDict_GetItemStringRef is new in Python 3.13; older versions get this definition. */
static inline int
PyDict_GetItemStringRef(PyObject *dict, const char *key, PyObject **result)
{
    PyObject *value;
    PyObject *key_obj = PyUnicode_FromString(key);
    if (key_obj == NULL) {
        *result = NULL;
        return -1;
    }
    value = PyDict_GetItemWithError(dict, key_obj);
    Py_DECREF(key_obj);
    Py_XINCREF(value);
    *result = value;
    if (value != NULL) {
        return 1;
    }
    return PyErr_Occurred() ? -1 : 0;
}
#endif

struct walk_state {
    PyObject *seen;
};

extern void register_state(struct walk_state *st);
static PyObject *shared_list;
static PyObject *shared_dict;

static PyObject *
struct_handed_out(PyObject *self, PyObject *arg)
{
    struct walk_state st;
    st.seen = PyList_New(0);
    if (st.seen == NULL) {
        return NULL;
    }
    register_state(&st);   /* the struct, and its list, are now reachable from elsewhere */
    if (PyList_Append(st.seen, arg) < 0) {
        return NULL;
    }
    PyObject *first = PyList_GetItemRef(st.seen, 0);   // expect: FT101
    return first;
}

static PyObject *
static_struct(PyObject *self, PyObject *arg)
{
    static struct walk_state cache;   /* one struct for every thread */
    if (cache.seen == NULL) {
        cache.seen = PyList_New(0);   // expect: FT301
    }
    if (PyList_Append(cache.seen, arg) < 0) {
        return NULL;
    }
    PyObject *first = PyList_GetItemRef(cache.seen, 0);   // expect: FT101
    return first;
}

static PyObject *
passed_through(PyObject *self, PyObject *arg)
{
    /* a single "O" returns the argument itself, not a new container */
    PyObject *same = Py_BuildValue("O", shared_list);
    if (same == NULL) {
        return NULL;
    }
    PyObject *first = PyList_GetItemRef(same, 0);   // expect: FT101
    PyObject *res = Py_XNewRef(first);
    Py_DECREF(same);
    return res;
}

static PyObject *
compared_then_used(PyObject *self, PyObject *needle)
{
    PyObject *item = PyList_GetItemRef(shared_list, 0);   // expect: FT101
    /* compared, but also touched: not only an address test */
    PyObject *repr = item == needle ? NULL : PyObject_Repr(item);
    PyObject *ret = repr;
    Py_XDECREF(item);
    return ret;
}

static PyObject *
private_lookups(PyObject *self, PyObject *key)
{
    PyObject *a;
    PyDict_GetItemStringRef(shared_dict, "a", &a);   // expect: FT101 "PyDict_GetItemStringRef"
    if (a == NULL) {
        return NULL;
    }
    Py_hash_t h = PyObject_Hash(key);
    PyObject *b = _PyDict_GetItem_KnownHash(shared_dict, key, h);   // expect: FT101 "PyDict_GetItemRef"
    PyObject *ret = PyTuple_Pack(2, a, b ? b : Py_None);
    Py_DECREF(a);
    return ret;
}

static int
previous_item_touched(PyObject *self, PyObject *args)
{
    /* only compared after the lookup, but the loop touches it on the next round */
    PyObject *prev = NULL;
    for (Py_ssize_t i = 0; i < 4; i++) {
        if (prev != NULL && PyObject_IsTrue(prev)) {
            return 1;
        }
        prev = PyList_GetItemRef(shared_list, i);   // expect: FT101
        if (prev == Py_None) {
            Py_XDECREF(prev);
            return 0;
        }
        Py_XDECREF(prev);
    }
    return 0;
}

/* A helper that may hand back the shared list itself: its result is not private. */
static PyObject *
names_or_shared(int which)
{
    if (which == 0) {
        Py_RETURN_NONE;
    }
    if (which == 1) {
        return Py_NewRef(shared_list);
    }
    return PyList_New(0);
}

static PyObject *
first_shared_name(PyObject *self, PyObject *arg)
{
    PyObject *value = names_or_shared(1);
    if (value == NULL || !PyList_Check(value) || PyList_GET_SIZE(value) == 0) {
        return value;
    }
    PyObject *first = PyList_GetItemRef(value, 0);   // expect: FT101
    if (first == NULL) {
        return NULL;
    }
    PyObject *result = PyObject_Repr(first);
    Py_DECREF(first);
    Py_DECREF(value);
    return result;
}

/* The same scratch shape, but one helper stores a shared list into the field: its lists are not
 * private any more. */
typedef struct {
    PyObject *parts;
} gather_state;

static void
gather_reuse(gather_state *st)
{
    st->parts = shared_list;
}

static PyObject *
gather_first(gather_state *st)
{
    PyObject *first = PyList_GetItemRef(st->parts, 0);   // expect: FT101
    return first;
}

static PyObject *
gather(PyObject *self, PyObject *arg)
{
    gather_state st = {NULL};
    gather_reuse(&st);
    return gather_first(&st);
}

/* A scratch struct whose address is kept in a global is reachable from other threads. */
typedef struct {
    PyObject *parts;
} published_state;

static published_state *current_state;

static PyObject *
published_first(published_state *st)
{
    PyObject *first = PyList_GetItemRef(st->parts, 0);   // expect: FT101
    return first;
}

static PyObject *
publish(PyObject *self, PyObject *arg)
{
    published_state st = {NULL};
    st.parts = PyList_New(0);
    if (st.parts == NULL || PyList_Append(st.parts, arg) < 0) {
        Py_XDECREF(st.parts);
        return NULL;
    }
    current_state = &st;   // expect: FT301
    PyObject *r = published_first(&st);
    current_state = NULL;   // expect: FT301
    Py_DECREF(st.parts);
    return r;
}
