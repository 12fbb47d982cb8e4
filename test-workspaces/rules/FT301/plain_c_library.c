/* A plain C file of the project (no Python at all): its globals are not Python's business. */
#include <stdint.h>

uint64_t state = 290797;

int
next_random(void)
{
    state = (state * state) % 50515093;
    return (int)(state % 1000);
}
