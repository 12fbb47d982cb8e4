/* Shared state written from functions that other files call. */
#include <Python.h>
#include "crossfile.h"

static PyObject *table;
static long hits;
static PyObject *last;
static PyObject *latest;
PyObject *shared_names;

/* Called only from PyInit_crossfile (module.c): runs before any other thread can use the
   module, so the write is safe although nothing here says so. */
int
fill_tables(void)
{
    table = PyDict_New();
    return table == NULL ? -1 : 0;
}

/* Named like a set-up function, but module.c calls it from a method that any thread may run. */
int
register_hit(void)
{
    hits++;  // expect: FT301
    return 0;
}

/* The lock macros come from the project's header. */
void
remember_last(PyObject *obj)
{
    CACHE_LOCK();
    Py_XSETREF(last, Py_NewRef(obj));
    CACHE_UNLOCK();
}

/* The lock wrappers are defined in locks.c. */
void
keep_latest(PyObject *obj)
{
    registry_lock();
    Py_XSETREF(latest, Py_NewRef(obj));
    registry_unlock();
}
