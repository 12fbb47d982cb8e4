/* Plain structs, void pointers and memory freed by another function. */
#include <Python.h>
#include <string.h>

typedef struct {
    Py_ssize_t n;
    double *values;
} Table;

struct node {
    struct node *next;
    PyObject *item;
};

typedef struct {
    PyObject_HEAD
    Table *table;
} TableObject;

typedef struct {
    TableObject base;   /* a subclass of an object struct */
    int extra;
} SubTableObject;

static Table *
table_new(Py_ssize_t n)
{
    Table *t = PyObject_Malloc(sizeof(Table));   // expect: FT601 error "a struct without an object header"
    if (t == NULL) {
        return NULL;
    }
    t->n = n;
    return t;
}

static void
table_free(Table *t)
{
    PyObject_Free(t);
}

static PyObject *
push(PyObject *self, PyObject *item)
{
    struct node *n = (struct node *)PyObject_Malloc(sizeof(struct node));   // expect: FT601 "'node'"
    if (n == NULL) {
        return PyErr_NoMemory();
    }
    n->item = Py_NewRef(item);
    n->next = NULL;
    Py_DECREF(n->item);
    PyObject_Free(n);
    Py_RETURN_NONE;
}

static PyObject *
scratch(PyObject *self, PyObject *arg)
{
    Py_ssize_t size = PyLong_AsSsize_t(arg);
    void *buf = PyObject_Malloc(size);   // expect: FT601 "'void *buf'"
    if (buf == NULL) {
        return PyErr_NoMemory();
    }
    memset(buf, 0, size);
    PyObject *res = PyBytes_FromStringAndSize(buf, size);
    PyObject_Free(buf);
    return res;
}

static char *
dup_text(const char *src, size_t n)
{
    char *p = PyObject_Malloc(n + 1);   // expect: FT601
    if (p == NULL) {
        return NULL;
    }
    memcpy(p, src, n);
    p[n] = '\0';
    return p;
}

static PyObject *
shout(PyObject *self, PyObject *arg)
{
    Py_ssize_t n;
    const char *s = PyUnicode_AsUTF8AndSize(arg, &n);
    if (s == NULL) {
        return NULL;
    }
    char *copy = dup_text(s, (size_t)n);
    if (copy == NULL) {
        return PyErr_NoMemory();
    }
    PyObject *res = PyUnicode_FromString(copy);
    PyObject_Free(copy);
    return res;
}

/* Not static: callers in other files free what it returns; no fix (both sides or neither). */
char *
exported_buffer(size_t n)
{
    char *p = PyObject_Malloc(n);   // expect: FT601
    return p;
}

static PyObject *
make_tables(PyObject *self, PyObject *unused)
{
    Table *t = table_new(4);
    table_free(t);
    Py_RETURN_NONE;
}

/* A struct whose first member is a function pointer, kept in a field and freed elsewhere. */
typedef int (*iter_fn)(void *);

typedef struct {
    iter_fn next;
    void *state;
} Iter;

struct holder {
    void *prv;
};

static void
iter_begin(struct holder *h)
{
    h->prv = PyObject_Malloc(sizeof(Iter));   // expect: FT601 "'Iter'"
}

static void
iter_end(struct holder *h)
{
    PyObject_Free(h->prv);
}
