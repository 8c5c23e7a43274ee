/*
 * pool.c: pool_for, a parallel loop on pthreads. Threads are started per
 * call: a build makes a handful of calls, each over thousands of items, so
 * the ~50 µs a thread costs to start is noise next to the work, and no idle
 * threads outlive the loop that needed them.
 */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#include "pool.h"

#define PROGRESS_MIN 2000

struct loop {
	size_t		 n;
	size_t		 chunk;
	size_t		 next;	/* the next index to hand out (atomic) */
	pool_fn		 fn;
	void		*ctx;
	const char	*label;	/* print progress (worker 0 only), or NULL */
	size_t		 done;	/* items finished (atomic) */
	size_t		 shown;	/* what worker 0 printed last */
};

struct worker {
	struct loop	*l;
	int		 id;
	pthread_t	 t;
};

int
pool_cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

struct pool
pool_make(int jobs, int progress)
{
	struct pool p;

	p.jobs = jobs < 1 ? pool_cores() : jobs > 256 ? 256 : jobs;
	p.progress = progress;
	return p;
}

static void
run(struct loop *l, int id)
{
	for (;;) {
		size_t i = __atomic_fetch_add(&l->next, l->chunk, __ATOMIC_RELAXED);

		if (i >= l->n)
			break;
		size_t e = i + l->chunk < l->n ? i + l->chunk : l->n, k = e - i;

		for (; i < e; i++)
			l->fn(l->ctx, i, id);
		if (l->label == NULL)
			continue;
		k = __atomic_add_fetch(&l->done, k, __ATOMIC_RELAXED);
		if (id == 0 && k - l->shown >= l->n / 100) {
			l->shown = k;
			fprintf(stderr, "\rgongkai: %s %zu/%zu", l->label, k, l->n);
		}
	}
}

static void *
start(void *arg)
{
	struct worker *w = arg;

	run(w->l, w->id);
	return NULL;
}

void
pool_for(const struct pool *p, size_t n, pool_fn fn, void *ctx)
{
	pool_for_label(p, NULL, n, fn, ctx);
}

void
pool_for_label(const struct pool *p, const char *label, size_t n, pool_fn fn, void *ctx)
{
	struct worker w[256];
	struct loop l = { n, 1, 0, fn, ctx, p->progress && n > PROGRESS_MIN ? label : NULL, 0, 0 };
	int nt = p->jobs, started = 1;

	if (n == 0)
		return;
	if ((size_t)nt > n)
		nt = (int)n;
	/*
	 * Chunks of ~1/64 of a thread's share, at most 16 items: cheap to hand
	 * out, and even at the end. With one job no thread starts and run()
	 * walks [0, n) in order.
	 */
	l.chunk = n / ((size_t)nt * 64);
	l.chunk = l.chunk < 1 ? 1 : l.chunk > 16 ? 16 : l.chunk;
	for (int i = 1; i < nt; i++) {
		w[i].l = &l;
		w[i].id = i;
		if (pthread_create(&w[i].t, NULL, start, &w[i]) != 0)
			break;
		started++;
	}
	run(&l, 0);
	for (int i = 1; i < started; i++)
		pthread_join(w[i].t, NULL);
	if (l.label != NULL)
		fputs("\r\033[K", stderr);
}
