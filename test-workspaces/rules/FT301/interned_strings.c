/* Interned strings filled by a set-up function that the module's exec (in another file) calls. */
#include <Python.h>

static PyObject *str_name;
static PyObject *str_path;

int
tracer_intern_strings(void)
{
    str_name = PyUnicode_InternFromString("name");
    if (str_name == NULL) {
        return -1;
    }
    str_path = PyUnicode_InternFromString("path");
    return str_path == NULL ? -1 : 0;
}
