// C++ globals: guards, atomics, thread_local and call_once keep writes safe.
#include <Python.h>
#include <atomic>
#include <mutex>

static std::mutex table_mutex;
static long table_size = 0;
static std::atomic<long> hits{0};
static thread_local int nesting = 0;
static std::once_flag names_once;
static PyObject *names = nullptr;
static PyObject *last = nullptr;

static PyObject *
grow(PyObject *self, PyObject *arg)
{
    {
        std::lock_guard<std::mutex> guard(table_mutex);   // expect: FT502
        table_size += 1;
    }
    hits++;
    nesting++;
    std::call_once(names_once, [] {
        names = PyDict_New();
    });
    nesting--;
    Py_XSETREF(last, Py_NewRef(arg));                     // expect: FT301 error
    table_size = 0;                                       // expect: FT301 warning
    return PyLong_FromLong(table_size);
}
