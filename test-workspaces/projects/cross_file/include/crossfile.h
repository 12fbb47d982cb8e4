/* The project's header: its lock macros and the functions its files share. It does not
   include Python.h: every source file includes that first. */
#ifndef CROSSFILE_H
#define CROSSFILE_H

extern PyMutex cache_mutex;
#define CACHE_LOCK() PyMutex_Lock(&cache_mutex)
#define CACHE_UNLOCK() PyMutex_Unlock(&cache_mutex)

/* locks.c */
void registry_lock(void);
void registry_unlock(void);

/* tables.c */
extern PyObject *shared_names;
int fill_tables(void);
int register_hit(void);
void remember_last(PyObject *obj);
void keep_latest(PyObject *obj);

/* module.c */
extern PyMethodDef crossfile_methods[];

/* create.c */
PyObject *make_module(void);
PyObject *collect_pair(PyObject *a, PyObject *b);

/* stats.c */
extern long total_calls;
void bump_count(void);
void save_count(int fd);

#endif
