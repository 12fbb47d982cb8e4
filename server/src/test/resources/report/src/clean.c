/* Reporter fixture without findings: counted as checked, never printed. */
#include <Python.h>

static int
add(int a, int b)
{
    return a + b;
}
