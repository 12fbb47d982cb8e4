// The body of PYBIND11_MODULE runs once, at import; the lambdas it hands to m.def run in callers' threads.
#include <pybind11/pybind11.h>

namespace py = pybind11;

static int calls = 0;
static std::vector<int> history;

PYBIND11_MODULE(bound, m, py::mod_gil_not_used()) {
    calls = 0;
    history.reserve(16);
    history.push_back(0);
    m.def("call", [](int x) {
        calls += 1;                  // expect: FT301 warning "'calls'"
        history.push_back(x);        // expect: FT301 warning "'history'"
        return x;
    });
}
