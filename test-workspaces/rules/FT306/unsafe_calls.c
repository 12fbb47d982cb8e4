/* C library functions that keep their result or state where every thread shares it, called
   from methods that threads run at the same time. */
#include <Python.h>
#include <dirent.h>
#include <locale.h>
#include <netdb.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    PyObject_HEAD
    DIR *dir;
} DirIter;

static DIR *shared_dir;

static PyObject *
format_time(PyObject *self, PyObject *arg)
{
    time_t t = (time_t)PyLong_AsLongLong(arg);
    struct tm *tm = localtime(&t);             // expect: FT306 warning "localtime_r"
    char out[64];
    strftime(out, sizeof out, "%Y-%m-%d", tm);
    struct tm *utc = gmtime(&t);               // expect: FT306
    (void)utc;
    return PyUnicode_FromString(out);
}

static PyObject *
split_words(PyObject *self, PyObject *arg)
{
    char buf[256];
    PyOS_snprintf(buf, sizeof buf, "%s", PyUnicode_AsUTF8(arg));
    PyObject *out = PyList_New(0);
    for (char *w = strtok(buf, " "); w != NULL; w = strtok(NULL, " ")) {   // expect: FT306, FT306
        PyObject *s = PyUnicode_FromString(w);
        PyList_Append(out, s);
        Py_DECREF(s);
    }
    return out;
}

static PyObject *
describe_errno(PyObject *self, PyObject *arg)
{
    return PyUnicode_FromString(strerror((int)PyLong_AsLong(arg)));   // expect: FT306 "strerror_r"
}

static PyObject *
home_of(PyObject *self, PyObject *arg)
{
    struct passwd *pw = getpwnam(PyUnicode_AsUTF8(arg));   // expect: FT306 "getpwnam_r"
    if (pw == NULL) {
        Py_RETURN_NONE;
    }
    return PyUnicode_FromString(pw->pw_dir);
}

static PyObject *
resolve(PyObject *self, PyObject *arg)
{
    struct hostent *h = gethostbyname(PyUnicode_AsUTF8(arg));   // expect: FT306, FT502
    return PyBool_FromLong(h != NULL);
}

static PyObject *
env_and_locale(PyObject *self, PyObject *arg)
{
    const char *home = getenv("HOME");          // expect: FT306
    setenv("LAST", "1", 1);                     // expect: FT306
    setlocale(LC_NUMERIC, "C");                 // expect: FT306 "uselocale"
    struct lconv *lc = localeconv();            // expect: FT306
    (void)lc;
    return PyUnicode_FromString(home ? home : "");
}

static PyObject *
roll(PyObject *self, PyObject *unused)
{
    return PyLong_FromLong(rand());             // expect: FT306
}

static PyObject *
iter_next(DirIter *it)
{
    struct dirent *e = readdir(it->dir);        // expect: FT306
    if (e == NULL) {
        return NULL;
    }
    return PyUnicode_FromString(e->d_name);
}

static PyObject *
next_shared(PyObject *self, PyObject *unused)
{
    struct dirent *e = readdir(shared_dir);     // expect: FT306
    return PyBool_FromLong(e != NULL);
}

static PyObject *
temp_name(PyObject *self, PyObject *unused)
{
    return PyUnicode_FromString(tmpnam(NULL));   // expect: FT306 "mkstemp"
}

static PyMethodDef methods[] = {
    {"format_time", format_time, METH_O, NULL},
    {"split_words", split_words, METH_O, NULL},
    {"describe_errno", describe_errno, METH_O, NULL},
    {"home_of", home_of, METH_O, NULL},
    {"resolve", resolve, METH_O, NULL},
    {"env_and_locale", env_and_locale, METH_O, NULL},
    {"roll", roll, METH_NOARGS, NULL},
    {"next_shared", next_shared, METH_NOARGS, NULL},
    {"temp_name", temp_name, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyType_Slot iter_slots[] = {
    {Py_tp_iternext, iter_next},
    {0, NULL},
};

static struct PyModuleDef moddef = {
    PyModuleDef_HEAD_INIT, "unsafe_calls", NULL, 0, methods,
};

PyMODINIT_FUNC
PyInit_unsafe_calls(void)
{
    PyObject *m = PyModule_Create(&moddef);
    if (m != NULL) {
#ifdef Py_GIL_DISABLED
        PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    }
    return m;
}
