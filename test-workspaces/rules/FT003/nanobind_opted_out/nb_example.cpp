// Built by nanobind_add_module without FREE_THREADED (see CMakeLists.txt beside it).
#include <nanobind/nanobind.h>

static int add(int a, int b) { return a + b; }

NB_MODULE(nb_example, m) {   // expect: FT003 "FREE_THREADED"
    m.def("add", &add);
}
