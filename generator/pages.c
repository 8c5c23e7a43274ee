/*
 * pages.c: the order in which a site is written. pages_write starts the
 * search feed, renders every record page in parallel (two passes), then the
 * core pages (corepages.c), the page families (feeds, cases, scoreboard,
 * archive, print sheets, dashboard), the search page, the sitemap, 404 and
 * the assets, and commits the output folder only when nothing failed.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "gongkai.h"
#include "life.h"
#include "output.h"
#include "qrcache.h"
#include "pool.h"
#include "util.h"
#include "render.h"
#include "searchfeed.h"
#include "corepages.h"
#include "i18n.h"
#include "matterpages.h"
#include "govpages.h"


/* The record pages, written by pool_for workers: each worker renders with its own copy of gen. */
struct rec_pass {
	struct record	**v;		/* newest first, the search index's order */
	struct gen	*w;		/* one per worker */
	struct texts	*texts;		/* to the search thread, or NULL */
	int		 summaries;	/* make_summaries has run: pass 2 may begin */
};

/*
 * Pass 1: every published record's body is rendered here, once (issue 7),
 * and its text handed to the index in the index's order. Case pages wait
 * for pass 2: they show their evidence's summaries, which pass 1 makes;
 * their HTML, made here, waits with them (r->body.html) until then.
 */
static void
write_record_task(void *ctx, size_t i, int worker)
{
	struct rec_pass *x = ctx;
	struct record *r = x->v[i];
	struct gen *g = &x->w[worker];
	char *text = NULL, *html = NULL;

	if (!kind_has(r->kind, KIND_F_LATE_PAGE))
		write_record(g, r, x->texts ? &text : NULL);
	else if (model_record_page_body(g->m, r, g->d, &html, x->texts ? &text : NULL) < 0)
		g->failed = 1;
	else if (r->body.html == NULL) {
		/* held for its page in pass 2, which would otherwise parse the body again */
		r->body.html = html;
		html = NULL;
	}
	free(html);
	if (x->texts != NULL)
		texts_put(x->texts, r, text);
}

/* Pass 2: the pages that wait for the summaries (KIND_F_LATE_PAGE: cases). */
static void
write_case_task(void *ctx, size_t i, int worker)
{
	struct rec_pass *x = ctx;
	struct record *r = x->v[i];

	/* its threads share gen_summary's cache: it must be full, so that they only read it */
	assert(x->summaries);
	if (!kind_has(r->kind, KIND_F_LATE_PAGE))
		return;
	write_record(&x->w[worker], r, NULL);
	/* the HTML pass 1 held is used: the build's peak keeps only that of KIND_F_KEEP_HTML */
	if (!kind_has(r->kind, KIND_F_KEEP_HTML)) {
		free(r->body.html);
		r->body.html = NULL;
	}
}

/*
 * Every record's list summary, into gen_summary's cache: after pass 1,
 * whose rendering of each published body makes the summary text a list
 * shows (gen_summary asserts it), and before pass 2, which then only reads
 * the cache from its threads.
 */
static void
make_summaries(struct gen *g, struct rec_pass *x)
{
	struct model *m = g->m;

	for (size_t i = 0; i < m->nrecs; i++)
		if (m->recs[i]->fm.root != NULL)
			gen_summary(g, m->recs[i]);
	x->summaries = 1;
}

/*
 * Every record page, in parallel (pool.h), in two passes (above) with
 * make_summaries between them. Each worker counts pages and failure in its
 * own copy of g, summed after, and keeps the list summaries it makes
 * (gen_summary) in an arena of its own, freed with the build's.
 */
static void
write_records(struct gen *g)
{
	struct model *m = g->m;
	struct rec_pass x;
	size_t n = 0;
	int nw = m->pool->jobs;

	x.v = gen_published(m, -1, &n);
	x.texts = g->texts;
	x.summaries = 0;
	x.w = xcalloc((size_t)nw, sizeof *x.w);
	g->worker_arenas = xcalloc((size_t)nw, sizeof *g->worker_arenas);
	g->nworker_arenas = (size_t)nw;
	for (int k = 0; k < nw; k++) {
		x.w[k] = *g;
		x.w[k].pages = x.w[k].kept = 0;
		x.w[k].build = g->worker_arenas[k] = arena_new();
	}
	if (!g->failed)
		pool_for_label(m->pool, "pages", n, write_record_task, &x);
	for (int k = 0; k < nw; k++)
		g->failed |= x.w[k].failed;
	make_summaries(g, &x);
	if (!g->failed)
		pool_for(m->pool, n, write_case_task, &x);
	for (int k = 0; k < nw; k++) {
		g->pages += x.w[k].pages;
		g->kept += x.w[k].kept;
		g->failed |= x.w[k].failed;
	}
	free(x.w);
	free(x.v);
}

int
pages_write(struct model *m, struct theme *th, const char *out_dir, const struct build_opts *o,
    uint64_t site_key, struct diags *d)
{
	struct gen g;
	struct search_job sj;
	struct stage_clock t0 = { 0, 0 };
	size_t nfiles;
	char *qr_path;
	int ok;

	memset(&g, 0, sizeof g);
	g.m = m;
	g.th = th;
	g.d = d;
	g.o = o;
	g.site_key = site_key;
	g.build = arena_new();
	g.summary = xcalloc(m->nrecs + 1, sizeof *g.summary);
	g.written = xcalloc(1, sizeof *g.written);
	g.out = out_begin(out_dir, m->cfg->privacy_allow, m->cfg->nallow, m->pool, d);
	if (g.out == NULL) {
		arena_free(g.build);
		free(g.summary);
		free(g.written);
		return -1;
	}
	qr_path = out_cache_file(g.out, "qr");
	g.qr = qrcache_load(qr_path);
	make_global(&g);
	/* The marker that lets the next build replace this folder safely. */
	out_put(g.out, ".gongkai", "made by gongkai; the whole folder is replaced on each build\n", 61);
	search_start(&g, &sj);
	build_stage(o, NULL, &t0);
	/* first: the index thread waits for their texts (struct texts) */
	write_records(&g);
	build_stage(o, "· record pages", &t0);
	write_home(&g);
	write_sites_index(&g);
	for (size_t i = 0; i < m->nsites && !g.failed; i++)
		write_site(&g, m->sites[i]);
	build_stage(o, "· home and site pages", &t0);
	write_kind_lists(&g);
	write_tags(&g);
	write_pages(&g);
	feeds_write(&g);
	build_stage(o, "· lists, tags, feeds", &t0);
	cases_pages(&g); scoreboard_pages(&g); archive_pages(&g); print_pages(&g);
	matter_pages(&g);
	life_pages(&g);
	digest_write(&g);
	dashboard_pages(&g);
	build_stage(o, "· cases, archive, print", &t0);
	search_finish(&g, &sj);
	build_stage(o, "· search index (wait)", &t0);
	gov_pages(&g);	/* 网站地图, 隐私声明 */
	sitemap_write(&g);	/* last: it lists the pages written above */
	write_404(&g);
	copy_files(&g, o->theme_dir);
	/* an error found while writing (a CSV table, say) keeps the old site too */
	ok = !g.failed && d->errors == 0;
	nfiles = out_count(g.out);
	/* whatever the build's fate: a code depends on its text alone. Under out's lock. */
	qrcache_save(g.qr, qr_path);
	qrcache_free(g.qr);
	free(qr_path);
	if (out_end(g.out, ok) < 0)
		ok = 0;
	/* after out_end: a file the writer thread could not write fails the build there */
	if (!o->quiet && ok)
		fprintf(stderr, _("gongkai: wrote %zu pages, %zu files in all, to %s/\n"), g.pages, nfiles,
		    o->output_dir);
	if (o->verbose && ok)
		fprintf(stderr, _("gongkai: %zu record pages kept as they were (their inputs did not change)\n"),
		    g.kept);
	arena_free(g.build);
	for (size_t i = 0; i < g.nworker_arenas; i++)
		arena_free(g.worker_arenas[i]);
	free(g.worker_arenas);
	free(g.summary);
	free(g.years);
	for (size_t i = 0; i < g.written->n; i++)
		free(g.written->v[i]);
	free(g.written->v);
	free(g.written);
	return ok ? 0 : -1;
}
