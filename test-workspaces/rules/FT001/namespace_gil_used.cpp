// A nested namespace's PyModuleDef that declares Py_MOD_GIL_USED: an information note.
#include <Python.h>

namespace outer {
namespace inner {

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_USED},
    {0, NULL}
};

static PyModuleDef def = {  // expect: FT001 information "Py_MOD_GIL_USED"
    PyModuleDef_HEAD_INIT, "legacy", NULL, 0, NULL, slots,
};

}  // namespace inner
}  // namespace outer

PyMODINIT_FUNC PyInit_legacy(void) {
    return PyModuleDef_Init(&outer::inner::def);
}
