/* A helper with no lock: module.c calls it from a method. */
#include <Python.h>
#include "crossfile.h"
#include <stdio.h>
#include <unistd.h>

static long count;
long total_calls;

void
bump_count(void)
{
    count++;  // expect: FT301
}

/* Writes the count to a file descriptor: it can block. */
void
save_count(int fd)
{
    char line[32];
    int len = snprintf(line, sizeof(line), "%ld\n", count);
    (void)write(fd, line, (size_t)len);
}
