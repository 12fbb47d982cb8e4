/* The 3.15 module export hook (PEP 793): PyModExport_<name> returns the module's slots, which
 * must say whether the module needs the GIL. */
#include <Python.h>

#if PY_VERSION_HEX < 0x030F0000
/* stand-ins for what the 3.15 headers declare */
typedef struct { int sl_id; void *sl_ptr; } PySlot;
#define PySlot_STATIC_DATA(id, value) {(id), (void *)(value)}
#define PySlot_END {0, NULL}
#define PyMODEXPORT_FUNC PyObject *
#define Py_mod_name 100
#define Py_mod_methods 101
#endif

static PyMethodDef spam_methods[] = {
    {NULL, NULL, 0, NULL}
};

static PySlot spam_slots[] = {
    PySlot_STATIC_DATA(Py_mod_name, "spam"),
    PySlot_STATIC_DATA(Py_mod_methods, spam_methods),
    PySlot_END
};

PyMODEXPORT_FUNC
PyModExport_spam(void)   // expect: FT001 warning "exports the slots 'spam_slots' without a Py_mod_gil slot"
{
    return (PyObject *)spam_slots;
}

static PySlot eggs_slots[] = {
    PySlot_STATIC_DATA(Py_mod_name, "eggs"),
    PySlot_STATIC_DATA(Py_mod_gil, Py_MOD_GIL_NOT_USED),
    PySlot_END
};

PyMODEXPORT_FUNC
PyModExport_eggs(void)
{
    return (PyObject *)eggs_slots;
}

static PyModuleDef_Slot ham_slots[] = {
    {Py_mod_gil, Py_MOD_GIL_USED},
    {0, NULL}
};

PyMODEXPORT_FUNC
PyModExport_ham(void)   // expect: FT001 information "Py_MOD_GIL_USED"
{
    return (PyObject *)ham_slots;
}
