/* PEP 788 (3.15): PyThreadState_Ensure / PyThreadState_EnsureFromView attach a thread state and
 * return a token for PyThreadState_Release, or NULL when they could not attach. */
#include <Python.h>

#if PY_VERSION_HEX < 0x030F0000
/* what the 3.15 headers declare, for older headers */
typedef struct PyThreadStateToken PyThreadStateToken;
typedef struct PyInterpreterView PyInterpreterView;
typedef struct PyInterpreterGuard PyInterpreterGuard;
PyThreadStateToken *PyThreadState_Ensure(PyInterpreterGuard *guard);
PyThreadStateToken *PyThreadState_EnsureFromView(PyInterpreterView *view);
void PyThreadState_Release(PyThreadStateToken *token);
#endif

static int
call_back(PyInterpreterView *view, PyObject *callback)
{
    PyThreadStateToken *token = PyThreadState_EnsureFromView(view);
    if (token == NULL) {
        return -1;                             /* attached nothing: nothing to release */
    }
    PyObject *r = PyObject_CallNoArgs(callback);
    if (r == NULL) {
        return -1;                             // expect: FT503 "without PyThreadState_Release for the PyThreadState_EnsureFromView"
    }
    Py_DECREF(r);
    PyThreadState_Release(token);
    return 0;
}

static int
call_back_guarded(PyInterpreterGuard *guard, PyObject *callback)
{
    PyThreadStateToken *token;
    if ((token = PyThreadState_Ensure(guard)) == NULL) {
        return -1;
    }
    PyObject *r = PyObject_CallNoArgs(callback);
    int rc = r == NULL ? -1 : 0;
    Py_XDECREF(r);
    PyThreadState_Release(token);
    return rc;
}

static void
notify(PyInterpreterView *view, PyObject *callback)
{
    PyThreadStateToken *token = PyThreadState_EnsureFromView(view);   // expect: FT503 "ends without PyThreadState_Release"
    if (!token) {
        return;
    }
    PyObject *r = PyObject_CallNoArgs(callback);
    Py_XDECREF(r);
}

static void
notify_released(PyInterpreterView *view, PyObject *callback)
{
    PyThreadStateToken *token = PyThreadState_EnsureFromView(view);
    if (!token) {
        return;
    }
    PyObject *r = PyObject_CallNoArgs(callback);
    if (r == NULL) {
        PyErr_Clear();
        PyThreadState_Release(token);
        return;
    }
    Py_DECREF(r);
    PyThreadState_Release(token);
}
