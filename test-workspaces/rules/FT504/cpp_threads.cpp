// C++ threads: a lambda that attaches is fine, one that does not is flagged.
#include <Python.h>
#include <mutex>
#include <thread>

static std::mutex registry_mutex;

static void
consume(PyObject *item)
{
    Py_DECREF(item);                               // expect: FT504 "no Python thread state"
}

static PyObject *
spawn(PyObject *self, PyObject *item)
{
    Py_INCREF(item);
    Py_INCREF(item);
    std::thread good([item] {
        PyGILState_STATE g = PyGILState_Ensure();
        Py_DECREF(item);
        PyGILState_Release(g);
    });
    std::thread bad([item] {
        Py_DECREF(item);                           // expect: FT504 "std::thread"
    });
    std::thread named(consume, item);              // the routine is consume(): flagged there
    Py_BEGIN_ALLOW_THREADS
    good.join();
    bad.join();
    named.join();
    Py_END_ALLOW_THREADS
    registry_mutex.lock();                         // expect: FT502 "registry_mutex.lock()"
    registry_mutex.unlock();
    Py_RETURN_NONE;
}
