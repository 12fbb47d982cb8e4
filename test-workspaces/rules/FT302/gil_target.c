/* ftls-test: target=3.13
 * With the GIL a lazy cache cannot be filled twice: nothing to report. */
#include <Python.h>

static PyObject *cache = NULL;

static PyObject *
get_cache(PyObject *self, PyObject *unused)
{
    if (cache == NULL) {
        cache = PyDict_New();
    }
    return Py_XNewRef(cache);
}
