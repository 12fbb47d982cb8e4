// A pybind11 module that declares free-threading support: nothing to report.
#include <pybind11/pybind11.h>

namespace py = pybind11;

static int mul(int a, int b) { return a * b; }

PYBIND11_MODULE(declared, m, py::mod_gil_not_used()) {
    m.def("mul", &mul);
}
