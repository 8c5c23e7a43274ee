/*
 * test_pool.c: pool_for visits every index exactly once, with worker ids in
 * range, serially in order with one job; pool_make clamps; two pools in one
 * process keep their own job counts.
 */
#include <stdlib.h>

#include "harness.h"
#include "pool.h"

struct visit {
	int	*hits;		/* per index */
	size_t	*order;		/* the order of visits (serial case) */
	size_t	 n;		/* visits so far (atomic) */
	int	 bad_worker;
	int	 jobs;		/* the pool's: worker ids stay below it */
	int	 max_worker;	/* the highest worker id seen (atomic) */
};

static void
visit(void *ctx, size_t i, int worker)
{
	struct visit *v = ctx;
	size_t k = __atomic_fetch_add(&v->n, 1, __ATOMIC_RELAXED);
	int seen = __atomic_load_n(&v->max_worker, __ATOMIC_RELAXED);

	__atomic_add_fetch(&v->hits[i], 1, __ATOMIC_RELAXED);
	if (v->order)
		v->order[k] = i;
	if (worker < 0 || worker >= v->jobs)
		v->bad_worker = 1;
	while (worker > seen &&
	    !__atomic_compare_exchange_n(&v->max_worker, &seen, worker, 0, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		;
}

static int
each_once(size_t n, int jobs)
{
	struct pool p = pool_make(jobs, 0);
	struct visit v = { calloc(n + 1, sizeof(int)), NULL, 0, 0, p.jobs, 0 };
	int ok;

	pool_for(&p, n, visit, &v);
	ok = v.n == n && !v.bad_worker;
	for (size_t i = 0; i < n; i++)
		ok = ok && v.hits[i] == 1;
	free(v.hits);
	return ok;
}

/* Runs a serial pool's loop; 1 when it went in index order on worker 0. */
static int
serial_in_order(const struct pool *p, size_t n)
{
	struct visit v = { calloc(n, sizeof(int)), calloc(n, sizeof(size_t)), 0, 0, p->jobs, 0 };
	int inorder = 1;

	pool_for(p, n, visit, &v);
	for (size_t i = 0; i < n; i++)
		inorder = inorder && v.order[i] == i;
	inorder = inorder && !v.bad_worker && v.max_worker == 0;
	free(v.hits);
	free(v.order);
	return inorder;
}

int
main(void)
{
	struct pool one, many, p;

	CHECK("pool: 0 items, 4 jobs", each_once(0, 4));
	CHECK("pool: 1 item, 4 jobs", each_once(1, 4));
	CHECK("pool: 3 items, 8 jobs (fewer items than threads)", each_once(3, 8));
	CHECK("pool: 10007 items, 2 jobs", each_once(10007, 2));
	CHECK("pool: 100000 items, 7 jobs", each_once(100000, 7));
	CHECK("pool: 5000 items, default jobs", each_once(5000, 0));

	one = pool_make(1, 0);
	CHECK("pool: -j 1 runs in index order on the caller", serial_in_order(&one, 1000));

	/* The job count belongs to the pool: making another one leaves the first as it was. */
	many = pool_make(4, 0);
	CHECK("pool: a serial pool stays serial after a pool of 4 is made", serial_in_order(&one, 1000));
	CHECK_INT("pool: the pool of 4 keeps its 4 jobs", many.jobs, 4);
	CHECK("pool: the pool of 4 visits each index once", each_once(1000, 4));

	p = pool_make(0, 0);
	CHECK_INT("pool: jobs 0 means the number of cores", p.jobs, pool_cores());
	p = pool_make(100000, 1);
	CHECK_INT("pool: jobs are clamped to 256", p.jobs, 256);
	CHECK_INT("pool: the progress flag is kept", p.progress, 1);
	p = pool_make(-3, 0);
	CHECK("pool: a negative job count means the cores", p.jobs >= 1);
	return t_done();
}
