/* The lock is kept in a void pointer: the allocation is flagged. */
#include <Python.h>

static void *table_lock;

static int
setup_lock(void)
{
    table_lock = PyThread_allocate_lock();     // expect: FT303
    return table_lock == NULL ? -1 : 0;
}

PyMODINIT_FUNC
PyInit_untyped(void)
{
    if (setup_lock() < 0) {
        return NULL;
    }
    return NULL;
}
