// C++ globals written from bound functions: static data members, function-local statics,
// namespace-scope containers and members of global objects.
#include <Python.h>
#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <vector>

struct Counters {
    static int created;
    static const int limit = 8;
    static std::atomic<int> live;
};
int Counters::created = 0;
std::atomic<int> Counters::live{0};

struct State {
    int count;
    std::atomic<long> hits;
    std::vector<int> items;
};
static State g_state;

namespace {
std::map<std::string, int> registry;
std::mutex registry_mutex;
constexpr int kSlots = 4;
const std::map<int, int> fixed_table = {{1, 2}};
thread_local std::vector<int> scratch;
}  // namespace

static PyObject *
add(PyObject *self, PyObject *arg)
{
    static std::vector<long> seen;
    long v = PyLong_AsLong(arg);
    Counters::created++;                 // expect: FT301 warning "'Counters::created'"
    Counters::live++;
    seen.push_back(v);                   // expect: FT301 warning "static variable 'seen'"
    registry["last"] = (int)v;           // expect: FT301 warning "'registry'"
    registry.emplace("first", (int)v);   // expect: FT301 warning "'emplace' changes it"
    g_state.count = 1;                   // expect: FT301 warning "'g_state'"
    g_state.items.clear();               // expect: FT301 warning "'clear' changes it"
    g_state.hits++;
    g_state.hits.fetch_add(1);
    scratch.push_back(v);
    if (fixed_table.count(kSlots) == 0 && registry.find("x") != registry.end()) {
        v += (long)registry.size();
    }
    {
        std::lock_guard<std::mutex> guard(registry_mutex);   // expect: FT502
        registry.erase("last");
        registry["guarded"] = 1;
    }
    return PyLong_FromLong(v + Counters::limit);
}

static PyMethodDef methods[] = {
    {"add", add, METH_O, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

static PyModuleDef def = {PyModuleDef_HEAD_INIT, "objects", nullptr, -1, methods};

PyMODINIT_FUNC
PyInit_objects(void)
{
    registry.clear();
    registry["init"] = 0;
    Counters::created = 0;
    PyObject *m = PyModule_Create(&def);
#ifdef Py_GIL_DISABLED
    if (m != nullptr) {
        PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
    }
#endif
    return m;
}
