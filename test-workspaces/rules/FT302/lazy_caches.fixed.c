/* Caches filled on first use by code that any thread can run. */
#include <Python.h>

static PyObject *empty_tuple = NULL;
#ifdef Py_GIL_DISABLED
static PyMutex empty_tuple_mutex;
#endif
static PyObject *json_dumps = NULL;
static int *lookup_table = NULL;

static PyObject *
get_empty(PyObject *self, PyObject *unused)
{
#ifdef Py_GIL_DISABLED
    PyMutex_Lock(&empty_tuple_mutex);
#endif
    if (empty_tuple == NULL) {                 // expect: FT302 warning "filled on first use"
        empty_tuple = PyTuple_New(0);
    }
#ifdef Py_GIL_DISABLED
    PyMutex_Unlock(&empty_tuple_mutex);
#endif
    return Py_XNewRef(empty_tuple);
}

static PyObject *
dumps(PyObject *self, PyObject *obj)
{
    if (!json_dumps) {                         // expect: FT302
        PyObject *mod = PyImport_ImportModule("json");
        if (mod != NULL) {
            json_dumps = PyObject_GetAttrString(mod, "dumps");
            Py_DECREF(mod);
        }
    }
    if (json_dumps == NULL) {
        return NULL;
    }
    return PyObject_CallOneArg(json_dumps, obj);
}

static int
table_entry(int i)
{
    if (lookup_table == NULL) {                // expect: FT302
        lookup_table = PyMem_RawCalloc(256, sizeof(int));
        if (lookup_table == NULL) {
            return -1;
        }
    }
    return lookup_table[i & 0xff];
}

static PyObject *
entry(PyObject *self, PyObject *arg)
{
    return PyLong_FromLong(table_entry((int)PyLong_AsLong(arg)));
}

#ifdef Py_GIL_DISABLED
static PyMutex name_mutex;
#endif

static PyObject *
interned_name(PyObject *self, PyObject *unused)
{
    static PyObject *name;
#ifdef Py_GIL_DISABLED
    PyMutex_Lock(&name_mutex);
#endif
    if (name == NULL) {                        // expect: FT302
        name = PyUnicode_InternFromString("name");
    }
#ifdef Py_GIL_DISABLED
    PyMutex_Unlock(&name_mutex);
#endif
    return Py_XNewRef(name);
}

/* Two fills of one cache in a function: the fixes share one mutex. */
static PyObject *error_type = NULL;

static PyObject *
raise_error(PyObject *self, PyObject *arg)
{
    if (PyLong_Check(arg)) {
        if (error_type == NULL)                // expect: FT302
            error_type = PyErr_NewException("spam.error", NULL, NULL);
        PyErr_SetString(error_type, "number");
    } else {
        if (error_type == NULL)                // expect: FT302
            error_type = PyErr_NewException("spam.error", NULL, NULL);
        PyErr_SetString(error_type, "other");
    }
    return NULL;
}
