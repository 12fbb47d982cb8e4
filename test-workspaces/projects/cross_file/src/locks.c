/* The project's lock wrappers: callers in other files hold the registry lock between
   registry_lock() and registry_unlock(). */
#include <Python.h>
#include "crossfile.h"

PyMutex cache_mutex;
static PyMutex registry_mutex;

void
registry_lock(void)
{
    PyMutex_Lock(&registry_mutex);
}

void
registry_unlock(void)
{
    PyMutex_Unlock(&registry_mutex);
}
