/*
 * pool.h: a parallel for over indices on a few pthreads (issue 7).
 *
 * pool_for(n, fn, ctx) calls fn(ctx, i, worker) once for every i in [0, n),
 * spread over p->jobs threads (the caller is worker 0), and returns when
 * all calls have returned. Indices are handed out in small chunks from one
 * atomic counter, so a slow record does not hold up a whole slice. `worker`
 * is in [0, p->jobs) and lets fn keep per-thread state (a parser, a
 * counter) without locks. With one job, or n < 2, everything runs on the
 * caller's thread in index order: `-j 1` is the plain serial build.
 *
 * The job count is the build's, not the process's: build_run makes one pool
 * from -j and hands it down (struct model's pool, out_begin), so two builds
 * in one process, or a test, each use their own.
 */
#ifndef GONGKAI_POOL_H
#define GONGKAI_POOL_H

#include <stddef.h>

typedef void (*pool_fn)(void *ctx, size_t i, int worker);

struct pool {
	int	jobs;		/* threads a loop uses, 1 to 256 */
	int	progress;	/* pool_for_label shows progress (below) */
};

/* A pool of `jobs` threads (jobs < 1: the number of cores; at most 256). */
struct pool pool_make(int jobs, int progress);
/* The number of online cores (at least 1). */
int pool_cores(void);
/* Runs fn over [0, n) as described above. Thread creation failure falls back to fewer threads. */
void pool_for(const struct pool *p, size_t n, pool_fn fn, void *ctx);

/*
 * Progress on long builds: with p->progress (build.c sets it when stderr is
 * a terminal and -q is not given), pool_for_label prints
 * "gongkai: <label> k/n" on one line of stderr, updated in place, for loops
 * of more than 2,000 items, and clears the line when done.
 */
void pool_for_label(const struct pool *p, const char *label, size_t n, pool_fn fn, void *ctx);

#endif
