/*
 * test_pool.c: pool_for visits every index exactly once, with worker ids in
 * range, serially in order with one job; pool_set_jobs clamps.
 */
#include <stdlib.h>

#include "harness.h"
#include "pool.h"

struct visit {
	int	*hits;		/* per index */
	size_t	*order;		/* the order of visits (serial case) */
	size_t	 n;		/* visits so far (atomic) */
	int	 bad_worker;
};

static void
visit(void *ctx, size_t i, int worker)
{
	struct visit *v = ctx;
	size_t k = __atomic_fetch_add(&v->n, 1, __ATOMIC_RELAXED);

	__atomic_add_fetch(&v->hits[i], 1, __ATOMIC_RELAXED);
	if (v->order)
		v->order[k] = i;
	if (worker < 0 || worker >= pool_jobs())
		v->bad_worker = 1;
}

static int
each_once(size_t n, int jobs)
{
	struct visit v = { calloc(n + 1, sizeof(int)), NULL, 0, 0 };
	int ok;

	pool_set_jobs(jobs);
	pool_for(n, visit, &v);
	ok = v.n == n && !v.bad_worker;
	for (size_t i = 0; i < n; i++)
		ok = ok && v.hits[i] == 1;
	free(v.hits);
	return ok;
}

int
main(void)
{
	struct visit v;
	int inorder = 1;

	CHECK("pool: 0 items, 4 jobs", each_once(0, 4));
	CHECK("pool: 1 item, 4 jobs", each_once(1, 4));
	CHECK("pool: 3 items, 8 jobs (fewer items than threads)", each_once(3, 8));
	CHECK("pool: 10007 items, 2 jobs", each_once(10007, 2));
	CHECK("pool: 100000 items, 7 jobs", each_once(100000, 7));
	CHECK("pool: 5000 items, default jobs", each_once(5000, 0));

	v.hits = calloc(1000, sizeof(int));
	v.order = calloc(1000, sizeof(size_t));
	v.n = 0;
	v.bad_worker = 0;
	pool_set_jobs(1);
	pool_for(1000, visit, &v);
	for (size_t i = 0; i < 1000; i++)
		inorder = inorder && v.order[i] == i;
	CHECK("pool: -j 1 runs in index order on the caller", inorder && !v.bad_worker);
	free(v.hits);
	free(v.order);

	pool_set_jobs(0);
	CHECK_INT("pool: jobs 0 means the number of cores", pool_jobs(), pool_cores());
	pool_set_jobs(100000);
	CHECK_INT("pool: jobs are clamped to 256", pool_jobs(), 256);
	pool_set_jobs(-3);
	CHECK("pool: a negative job count means the cores", pool_jobs() >= 1);
	return t_done();
}
