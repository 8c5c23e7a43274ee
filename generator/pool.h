/*
 * pool.h: a parallel for over indices on a few pthreads (issue 7).
 *
 * pool_for(n, fn, ctx) calls fn(ctx, i, worker) once for every i in [0, n),
 * spread over pool_jobs() threads (the caller is worker 0), and returns when
 * all calls have returned. Indices are handed out in small chunks from one
 * atomic counter, so a slow record does not hold up a whole slice. `worker`
 * is in [0, pool_jobs()) and lets fn keep per-thread state (a parser, a
 * counter) without locks. With one job, or n < 2, everything runs on the
 * caller's thread in index order: `-j 1` is the plain serial build.
 */
#ifndef GONGKAI_POOL_H
#define GONGKAI_POOL_H

#include <stddef.h>

typedef void (*pool_fn)(void *ctx, size_t i, int worker);

/* Sets the number of threads for later pool_for calls; n < 1 means the number of cores. */
void pool_set_jobs(int n);
/* The number of threads pool_for uses (at least 1). */
int pool_jobs(void);
/* The number of online cores (at least 1). */
int pool_cores(void);
/* Runs fn over [0, n) as described above. Thread creation failure falls back to fewer threads. */
void pool_for(size_t n, pool_fn fn, void *ctx);

/*
 * Progress on long builds: after pool_progress(1) (build.c turns it on when
 * stderr is a terminal and -q is not given), pool_for_label prints
 * "gongkai: <label> k/n" on one line of stderr, updated in place, for loops
 * of more than 2,000 items, and clears the line when done.
 */
void pool_progress(int on);
void pool_for_label(const char *label, size_t n, pool_fn fn, void *ctx);

#endif
