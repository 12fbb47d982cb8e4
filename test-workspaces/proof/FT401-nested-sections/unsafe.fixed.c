/* Race proof for FT401, as ftls finds it: a transfer between two accounts that nests two
 * single-object critical sections, meaning to hold both. When the inner lock is contended,
 * CPython suspends the outer section, so the source account is updated without its lock.
 * scripts/prove.sh builds unsafe.c and fixed.c against a free-threaded CPython and runs
 * stress.py on both; see test-workspaces/proof/README.md. */
#include <Python.h>

#if PY_VERSION_HEX < 0x030D0000
/* Py_BEGIN_CRITICAL_SECTION2 is new in Python 3.13; older versions get this definition. */
#  define Py_BEGIN_CRITICAL_SECTION2(a, b) {
#  define Py_END_CRITICAL_SECTION2() }
#endif

typedef struct {
    PyObject_HEAD
    long balance;
} AccountObject;

/* Reads the next amount of a tuple of ints; -1 with an exception set when it is not one. */
static long
amount_at(PyObject *amounts, Py_ssize_t i)
{
    long amount = PyLong_AsLong(PyTuple_GET_ITEM(amounts, i));
    if (amount < 0 && !PyErr_Occurred()) {
        PyErr_SetString(PyExc_ValueError, "amounts must not be negative");
    }
    return amount < 0 ? -1 : amount;
}

/* src.transfer(dst, amounts): moves each amount of the tuple from src to dst. */
static PyObject *
Account_transfer(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || Py_TYPE(args[0]) != Py_TYPE(op) || !PyTuple_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "transfer(dst, amounts) takes an account and a tuple of ints");
        return NULL;
    }
    AccountObject *src = (AccountObject *)op;
    AccountObject *dst = (AccountObject *)args[0];
    int failed = 0;
    Py_BEGIN_CRITICAL_SECTION2(src, dst);
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args[1]); i++) {
        long amount = amount_at(args[1], i);
        if (amount < 0) {
            failed = 1;
            break;
        }
        src->balance -= amount;
        dst->balance += amount;
    }
    Py_END_CRITICAL_SECTION2();
    if (failed) {
        return NULL;
    }
    Py_RETURN_NONE;
}

/* account.deposit(amounts): adds each amount of the tuple. */
static PyObject *
Account_deposit(PyObject *op, PyObject *amounts)
{
    if (!PyTuple_Check(amounts)) {
        PyErr_SetString(PyExc_TypeError, "deposit(amounts) takes a tuple of ints");
        return NULL;
    }
    int failed = 0;
    Py_BEGIN_CRITICAL_SECTION(op);
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(amounts); i++) {
        long amount = amount_at(amounts, i);
        if (amount < 0) {
            failed = 1;
            break;
        }
        ((AccountObject *)op)->balance += amount;
    }
    Py_END_CRITICAL_SECTION();
    if (failed) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
Account_balance(PyObject *op, PyObject *unused)
{
    long balance;
    Py_BEGIN_CRITICAL_SECTION(op);
    balance = ((AccountObject *)op)->balance;
    Py_END_CRITICAL_SECTION();
    return PyLong_FromLong(balance);
}

static PyMethodDef Account_methods[] = {
    {"transfer", (PyCFunction)(void (*)(void))Account_transfer, METH_FASTCALL, NULL},
    {"deposit", Account_deposit, METH_O, NULL},
    {"balance", Account_balance, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static void
Account_dealloc(PyObject *op)
{
    PyTypeObject *tp = Py_TYPE(op);
    tp->tp_free(op);
    Py_DECREF(tp);
}

static PyType_Slot Account_slots[] = {
    {Py_tp_dealloc, Account_dealloc},
    {Py_tp_methods, Account_methods},
    {Py_tp_new, PyType_GenericNew},
    {0, NULL}
};

static PyType_Spec Account_spec = {
    "proof_nested.Account", sizeof(AccountObject), 0, Py_TPFLAGS_DEFAULT, Account_slots,
};

static int
exec_module(PyObject *m)
{
    PyObject *type = PyType_FromModuleAndSpec(m, &Account_spec, NULL);
    if (type == NULL) {
        return -1;
    }
    int r = PyModule_AddObjectRef(m, "Account", type);
    Py_DECREF(type);
    return r;
}

static PyMethodDef methods[] = {
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, exec_module},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "proof_nested", NULL, 0, methods, slots,
};

PyMODINIT_FUNC
PyInit_proof_nested(void)
{
    return PyModuleDef_Init(&module);
}
