/* Containers no other thread can see: not flagged, until they escape. */
#include <Python.h>

static PyObject *registry;
extern int publish(PyObject *obj);

static PyObject *
fresh_list(PyObject *self, PyObject *args)
{
    PyObject *list = PyList_New(0);
    if (list == NULL) {
        return NULL;
    }
    if (PyList_Append(list, Py_None) < 0) {
        Py_DECREF(list);
        return NULL;
    }
    PyObject *first = PyList_GetItem(list, 0);      /* private: fine */
    PyObject *again = PyList_GET_ITEM(list, 0);     /* private: fine */
    PyObject *result = PyTuple_Pack(2, first, again);
    Py_DECREF(list);
    return result;
}

static PyObject *
built_dict(PyObject *self, PyObject *args)
{
    PyObject *d = Py_BuildValue("{s:i}", "a", 1);
    if (!d) {
        return NULL;
    }
    PyObject *a = PyDict_GetItemString(d, "a");     /* private: fine */
    PyObject *r = Py_XNewRef(a);
    Py_DECREF(d);
    return r;
}

static PyObject *
copied(PyObject *self, PyObject *shared)
{
    PyObject *snapshot = PyDict_Copy(shared);
    if (snapshot == NULL) {
        return NULL;
    }
    PyObject *v = PyDict_GetItemString(snapshot, "x");   /* a private copy: fine */
    PyObject *r = Py_XNewRef(v);
    Py_DECREF(snapshot);
    return r;
}

static PyObject *
with_kwargs(PyObject *self, PyObject *args, PyObject *kwargs)
{
    /* every call gets its own keyword dict */
    PyObject *flag = kwargs ? PyDict_GetItemString(kwargs, "flag") : NULL;
    return Py_NewRef(flag ? flag : Py_None);
}

static PyObject *
tuples(PyObject *self, PyObject *args)
{
    /* tuples cannot change: borrowed items are fine */
    PyObject *a = PyTuple_GetItem(args, 0);
    PyObject *b = PyTuple_GET_ITEM(args, 1);
    return PyTuple_Pack(2, a, b);
}

static PyObject *
items_in_branches(PyObject *self, PyObject *mapping)
{
    /* created in either branch; the early-return path hands it out, the other keeps it private */
    PyObject *items;
    if (PyDict_CheckExact(mapping)) {
        items = PyDict_Items(mapping);
    }
    else {
        items = PyMapping_Items(mapping);
    }
    if (items == NULL) {
        return NULL;
    }
    if (PyObject_Not(mapping)) {
        PyObject *iter = PyObject_GetIter(items);
        Py_DECREF(items);
        return iter;
    }
    PyObject *first = PyList_GET_ITEM(items, 0);
    PyObject *r = Py_NewRef(first);
    Py_DECREF(items);
    return r;
}

static PyObject *
under_critical_section(PyObject *self, PyObject *seq)
{
    /* the list is locked for the whole loop */
    PyObject *result = PyList_New(0);
    if (result == NULL) {
        return NULL;
    }
    Py_BEGIN_CRITICAL_SECTION(seq);
    Py_ssize_t n = PyList_GET_SIZE(seq);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PyList_GET_ITEM(seq, i);
        if (PyList_Append(result, item) < 0) {
            break;
        }
    }
    Py_END_CRITICAL_SECTION();
    return result;
}

static PyObject *
null_initialized(PyObject *self, PyObject *mapping)
{
    /* "= NULL" first, the container later: still private */
    PyObject *values = NULL;
    values = PyMapping_Values(mapping);
    if (!values) {
        return NULL;
    }
    PyObject *v = PyList_GetItem(values, 0);
    PyObject *r = Py_XNewRef(v);
    Py_DECREF(values);
    return r;
}

static PyObject *cache_dict;

static PyObject *
presence_tests(PyObject *self, PyObject *key)
{
    /* the borrowed value is never touched: only its presence matters */
    if (PyDict_GetItem(cache_dict, key) != NULL) {
        Py_RETURN_TRUE;
    }
    if (PyDict_GetItemString(cache_dict, "default")) {
        Py_RETURN_FALSE;
    }
    int missing = !PyDict_GetItemWithError(cache_dict, key);
    return PyBool_FromLong(missing);
}

typedef struct {
    PyObject_HEAD
    PyObject *data;
    PyObject *lock_data;
    PyObject *unlock_data;
} TracerObject;

static PyObject *
record(TracerObject *self, PyObject *key)
{
    /* the tracer's data dict is only touched between its Python-level lock calls */
    PyObject *res = PyObject_CallFunctionObjArgs(self->lock_data, NULL);
    if (res == NULL) {
        return NULL;
    }
    Py_DECREF(res);
    PyObject *entry = PyDict_GetItem(self->data, key);
    PyObject *out = Py_XNewRef(entry);
    res = PyObject_CallFunctionObjArgs(self->unlock_data, NULL);
    Py_XDECREF(res);
    return out;
}

typedef struct {
    PyObject_HEAD
    PyObject *index_names;   /* filled when the object is made, only read afterwards */
} PatternObject;

static PyObject *
group_name(PatternObject *self, PyObject *index)
{
    PyObject *name = PyDict_GetItem(self->index_names, index);
    return Py_XNewRef(name);
}

/* A helper of this file that returns a list it created and nothing else holds: its result is
   private to the caller, whatever the helper is called. */
static PyObject *
collect_items(PyObject *source)
{
    PyObject *items = PyList_New(0);
    if (items == NULL) {
        return NULL;
    }
    if (PyList_Append(items, source) < 0) {
        Py_DECREF(items);
        return NULL;
    }
    return items;
}

static PyObject *
first_collected(PyObject *self, PyObject *source)
{
    PyObject *items = collect_items(source);
    if (items == NULL) {
        return NULL;
    }
    PyObject *first = PyList_GetItem(items, 0);     /* private: fine */
    Py_XINCREF(first);
    Py_DECREF(items);
    return first;
}

/* Tested for NULL together with another pointer: still a presence test, still private. */
static PyObject *
pair_up(PyObject *self, PyObject *arg)
{
    PyObject *iter = PyObject_GetIter(arg);
    PyObject *seen = PyList_New(0);
    PyObject *first = NULL;
    if (iter != NULL && seen) {
        PyObject *item;
        while ((item = PyIter_Next(iter)) != NULL) {
            int failed = PyList_Append(seen, item);
            Py_DECREF(item);
            if (failed < 0) {
                break;
            }
        }
        if (PyList_GET_SIZE(seen) > 0) {
            first = Py_NewRef(PyList_GET_ITEM(seen, 0));     /* private: fine */
        }
    }
    Py_XDECREF(iter);
    Py_XDECREF(seen);
    return first != NULL ? first : Py_NewRef(Py_None);
}

/* The item is only compared with another pointer: the borrowed object is never used. */
static Py_ssize_t
position_of(PyObject *list, PyObject *wanted)
{
    Py_ssize_t n = PyList_GET_SIZE(list);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (PyList_GET_ITEM(list, i) == wanted) {     /* identity only: fine */
            return i;
        }
    }
    return -1;
}
