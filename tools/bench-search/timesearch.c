/*
 * timesearch.c: wrappers linked into build/bench-search/gongkai-timed with
 * -Wl,--wrap=search_new,--wrap=search_add,--wrap=search_write,--wrap=search_free (see
 * mk/bench-search.mk), for `make bench-search`.
 *
 * The build itself is unchanged: the wrappers time every call into
 * generator/search.c (adding pages, writing the index files through
 * output.c, freeing) and print one line on stderr at exit:
 *
 *   bench-search: search pages P add A ms write W ms free F ms
 *
 * With GK_BENCH_NOINDEX=1 in the environment the index is not built at all
 * (search_new returns NULL, which pages.c takes as "no index": no text is
 * gathered, nothing added or written), so the same binary times a build
 * without the search index. The search page itself is still written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "search.h"

struct search_index *__real_search_new(void);
struct search_index *__wrap_search_new(void);
int __real_search_add(struct search_index *, const char *, const char *, const char *,
    const char *, const char *, const char *, const char *, const char *);
int __real_search_write(struct search_index *, int (*)(void *, const char *, const char *, size_t), void *);
void __real_search_free(struct search_index *);
int __wrap_search_add(struct search_index *, const char *, const char *, const char *,
    const char *, const char *, const char *, const char *, const char *);
int __wrap_search_write(struct search_index *, int (*)(void *, const char *, const char *, size_t), void *);
void __wrap_search_free(struct search_index *);

static double t_add, t_write, t_free;
static long npages = -1;
static int noindex = -1;

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
report(void)
{
	fprintf(stderr, "bench-search: search%s pages %ld add %.1f ms write %.1f ms free %.1f ms\n",
	    noindex ? " (not built)" : "", npages + 1, t_add, t_write, t_free);
}

static int
skip(void)
{
	if (noindex < 0) {
		const char *e = getenv("GK_BENCH_NOINDEX");

		noindex = e != NULL && e[0] == '1';
		atexit(report);
	}
	return noindex;
}
struct search_index *
__wrap_search_new(void)
{
	if (skip())
		return NULL;
	return __real_search_new();
}

int
__wrap_search_add(struct search_index *ix, const char *url, const char *title, const char *site_id,
    const char *site_name, const char *kind, const char *kind_name, const char *date, const char *text)
{
	double t0;
	int r;

	if (skip())
		return (int)++npages;
	t0 = now_ms();
	r = __real_search_add(ix, url, title, site_id, site_name, kind, kind_name, date, text);
	t_add += now_ms() - t0;
	npages = r;
	return r;
}

int
__wrap_search_write(struct search_index *ix, int (*put)(void *, const char *, const char *, size_t), void *ctx)
{
	double t0;
	int r;

	if (skip())
		return 0;
	t0 = now_ms();
	r = __real_search_write(ix, put, ctx);
	t_write += now_ms() - t0;
	return r;
}

void
__wrap_search_free(struct search_index *ix)
{
	double t0;

	if (skip() || ix == NULL)
		return;
	t0 = now_ms();
	__real_search_free(ix);
	t_free += now_ms() - t0;
}
