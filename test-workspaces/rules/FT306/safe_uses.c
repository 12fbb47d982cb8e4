/* Calls that are not reported: in module initialization, under a lock or a critical section,
   setlocale queries, tmpnam with a buffer, readdir on a stream the call opened, the reentrant
   functions themselves, a project function that shares a name, and Windows-only code. */
#include <Python.h>
#include <dirent.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int debug_enabled;
static PyMutex time_lock;

static int
read_settings(void)
{
    const char *v = getenv("MYMOD_DEBUG");     /* only called from module init */
    return v != NULL && strcmp(v, "1") == 0;
}

static PyObject *
format_time_locked(PyObject *self, PyObject *arg)
{
    time_t t = (time_t)PyLong_AsLongLong(arg);
    char out[64];
    PyMutex_Lock(&time_lock);
    strftime(out, sizeof out, "%Y-%m-%d", localtime(&t));
    PyMutex_Unlock(&time_lock);
    return PyUnicode_FromString(out);
}

static PyObject *
format_time_reentrant(PyObject *self, PyObject *arg)
{
    time_t t = (time_t)PyLong_AsLongLong(arg);
    struct tm buf;
    char out[64];
    strftime(out, sizeof out, "%Y-%m-%d", localtime_r(&t, &buf));
    char *save = NULL;
    char *first = strtok_r(out, "-", &save);
    return PyUnicode_FromString(first ? first : "");
}

static PyObject *
current_locale(PyObject *self, PyObject *unused)
{
    const char *name = setlocale(LC_NUMERIC, NULL);
    return PyUnicode_FromString(name ? name : "C");
}

static PyObject *
temp_name(PyObject *self, PyObject *unused)
{
    char buf[L_tmpnam];
    return PyUnicode_FromString(tmpnam(buf));
}

static PyObject *
list_dir(PyObject *self, PyObject *arg)
{
    DIR *d = opendir(PyUnicode_AsUTF8(arg));
    if (d == NULL) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    PyObject *out = PyList_New(0);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        PyObject *s = PyUnicode_FromString(e->d_name);
        PyList_Append(out, s);
        Py_DECREF(s);
    }
    closedir(d);
    return out;
}

static long
next_entry_count(DIR *d)
{
    long n = 0;
    while (readdir(d) != NULL) {
        n++;
    }
    return n;
}

static PyObject *
count_entries(PyObject *self, PyObject *arg)
{
    DIR *d = opendir(PyUnicode_AsUTF8(arg));
    if (d == NULL) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    long n = next_entry_count(d);
    closedir(d);
    return PyLong_FromLong(n);
}

static PyObject *
strerror_in_section(PyObject *self, PyObject *arg)
{
    PyObject *res;
    Py_BEGIN_CRITICAL_SECTION(self);
    res = PyUnicode_FromString(strerror((int)PyLong_AsLong(arg)));
    Py_END_CRITICAL_SECTION();
    return res;
}

static PyObject *
roll(PyObject *self, PyObject *unused)
{
#ifdef _WIN32
    return PyLong_FromLong(rand() + (long)strtok(NULL, " "));
#else
    return PyLong_FromLong(4);   /* only the inactive Windows branch calls them */
#endif
}

static PyMethodDef methods[] = {
    {"format_time_locked", format_time_locked, METH_O, NULL},
    {"format_time_reentrant", format_time_reentrant, METH_O, NULL},
    {"current_locale", current_locale, METH_NOARGS, NULL},
    {"temp_name", temp_name, METH_NOARGS, NULL},
    {"list_dir", list_dir, METH_O, NULL},
    {"count_entries", count_entries, METH_O, NULL},
    {"strerror_in_section", strerror_in_section, METH_O, NULL},
    {"roll", roll, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef moddef = {
    PyModuleDef_HEAD_INIT, "safe_uses", NULL, 0, methods,
};

PyMODINIT_FUNC
PyInit_safe_uses(void)
{
    PyObject *m = PyModule_Create(&moddef);
    if (m == NULL) {
        return NULL;
    }
    debug_enabled = read_settings();
    setlocale(LC_ALL, "");
    srand((unsigned)time(NULL));
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    return m;
}

/* A fallback for C libraries without localtime_r (MSVC keeps localtime's buffer per thread). */
struct tm *
compat_localtime_r(const time_t *t, struct tm *out)
{
    struct tm *shared = localtime(t);
    if (shared == NULL) {
        return NULL;
    }
    *out = *shared;
    return out;
}
