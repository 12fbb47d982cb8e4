/* A helper with no lock: module.c calls it from a method. */
#include <Python.h>
#include "crossfile.h"

static long count;

void
bump_count(void)
{
    count++;  // expect: FT301
}
