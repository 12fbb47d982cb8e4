/* Race proof for FT402, as the documented remedy leaves it: the transfer updates both accounts
 * in their two-object section and adds up the fees, ends it, and only then locks the fee account.
 * scripts/prove.sh builds unsafe.c and fixed.c against a free-threaded CPython and runs stress.py
 * on both; see test-workspaces/proof/README.md. */
#include <Python.h>

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

#define FEE 1

/* src.transfer(dst, fees, amounts): moves each amount of the tuple from src to dst, less a fee
 * of FEE per amount that goes to the fees account. */
static PyObject *
Account_transfer(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3 || Py_TYPE(args[0]) != Py_TYPE(op) || Py_TYPE(args[1]) != Py_TYPE(op)
        || !PyTuple_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError,
                        "transfer(dst, fees, amounts) takes two accounts and a tuple of ints");
        return NULL;
    }
    AccountObject *src = (AccountObject *)op;
    AccountObject *dst = (AccountObject *)args[0];
    AccountObject *fees = (AccountObject *)args[1];
    int failed = 0;
    long collected = 0;
    Py_BEGIN_CRITICAL_SECTION2(src, dst);
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args[2]); i++) {
        long amount = amount_at(args[2], i);
        if (amount < 0) {
            failed = 1;
            break;
        }
        src->balance -= amount;
        dst->balance += amount - FEE;
        collected += FEE;
    }
    Py_END_CRITICAL_SECTION2();
    Py_BEGIN_CRITICAL_SECTION(fees);
    fees->balance += collected;
    Py_END_CRITICAL_SECTION();
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
    "proof_third.Account", sizeof(AccountObject), 0, Py_TPFLAGS_DEFAULT, Account_slots,
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
    PyModuleDef_HEAD_INIT, "proof_third", NULL, 0, methods, slots,
};

PyMODINIT_FUNC
PyInit_proof_third(void)
{
    return PyModuleDef_Init(&module);
}
