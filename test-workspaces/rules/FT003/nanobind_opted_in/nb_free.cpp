// Built with FREE_THREADED: nothing to report.
#include <nanobind/nanobind.h>

static int sub(int a, int b) { return a - b; }

NB_MODULE(nb_free, m) {
    m.def("sub", &sub);
}
