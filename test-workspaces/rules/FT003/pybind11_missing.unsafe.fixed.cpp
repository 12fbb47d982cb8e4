// A pybind11 module that never opts in to free threading.
#include <pybind11/pybind11.h>

namespace py = pybind11;

static int add(int a, int b) { return a + b; }

PYBIND11_MODULE(example, m, py::mod_gil_not_used()) {   // expect: FT003
    m.def("add", &add);
}
