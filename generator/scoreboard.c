/*
 * scoreboard.c: the 五个好 scoreboard (考核验收 in the county plan).
 *   assessments/index.html          the years, and every scorecard
 *   assessments/<year>/index.html   every site's latest stage, item scores,
 *                                   total, 达标/未达标, ranked; the stage
 *                                   timeline per site; sites without one
 * A site's row uses the scorecard of its furthest stage that year (自查申报 →
 * 镇党委考核 → 县委复核 → 公示 → 命名); on the same stage the newest wins.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "gongkai.h"
#include "model.h"
#include "render.h"
#include "schema.h"
#include "util.h"
#include "value.h"

#define NSTAGES 5

/* One site's year. */
struct srow {
	struct site	*site;
	struct record	*stage[NSTAGES];	/* newest scorecard of each stage, or NULL */
	struct record	*latest;		/* furthest stage */
	int		 latest_stage;
	int		 total, max, pass;
	int		 rank;
};

static int
rec_year(const struct record *r)
{
	return r->score->year;
}

static int
stage_of(const struct record *r)
{
	return r->score->stage < 0 ? 0 : r->score->stage;
}

static int
int_cmp_desc(const void *x, const void *y)
{
	return *(const int *)y - *(const int *)x;
}

/* Years with a published scorecard, newest first. Caller frees. */
static int *
years_of(struct model *m, size_t *n)
{
	int *v = xcalloc(m->nrecs + 1, sizeof *v);

	*n = 0;
	for (size_t i = 0; i < m->nrecs; i++) {
		struct record *r = m->recs[i];
		int y, seen = 0;
		if (!r->published || r->kind != KIND_ASSESSMENTS || r->score == NULL)
			continue;
		y = rec_year(r);
		for (size_t j = 0; j < *n; j++)
			seen |= v[j] == y;
		if (!seen)
			v[(*n)++] = y;
	}
	xqsort(v, *n, sizeof *v, int_cmp_desc);
	return v;
}

static int
srow_cmp(const void *x, const void *y)
{
	const struct srow *a = x, *b = y;

	if ((a->latest == NULL) != (b->latest == NULL))
		return a->latest ? -1 : 1;
	/* only a county-verified score ranks (县委复核 or later); self-reported ones follow */
	if (a->latest && a->latest->score->verified != b->latest->score->verified)
		return a->latest->score->verified ? -1 : 1;
	if (a->total != b->total)
		return b->total - a->total;
	return strcmp(a->site->id, b->site->id);
}

static void
collect(struct gen *g, int year, struct srow *rows)
{
	struct model *m = g->m;

	for (size_t i = 0; i < m->nsites; i++) {
		struct site *s = m->sites[i];
		struct srow *row = &rows[i];

		memset(row, 0, sizeof *row);
		row->site = s;
		row->latest_stage = -1;
		/* recs are newest first: the first of each stage is its newest */
		for (size_t j = 0; j < s->nrecs[KIND_ASSESSMENTS]; j++) {
			struct record *r = s->recs[KIND_ASSESSMENTS][j];
			int st;
			if (r->score == NULL || rec_year(r) != year)
				continue;
			st = stage_of(r);
			if (row->stage[st] == NULL)
				row->stage[st] = r;
			if (st > row->latest_stage) {
				row->latest_stage = st;
				row->latest = row->stage[st];
			}
		}
		if (row->latest) {
			row->total = row->latest->score->total;
			row->max = row->latest->score->max;
			row->pass = row->latest->score->pass;
		}
	}
	xqsort(rows, m->nsites, sizeof *rows, srow_cmp);
	for (size_t i = 0; i < m->nsites; i++)
		if (rows[i].latest && rows[i].latest->score->verified)
			rows[i].rank = i > 0 && rows[i - 1].rank && rows[i - 1].total == rows[i].total ?
			    rows[i - 1].rank : (int)i + 1;
}

/* Item names in order of first appearance over the rows' scorecards. */
static size_t
item_names(struct srow *rows, size_t n, const char **names, size_t max)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		const struct scorecard *sc = rows[i].latest ? rows[i].latest->score : NULL;

		for (size_t j = 0; sc && j < sc->nitems; j++) {
			const char *it = sc->items[j].item;
			size_t x;

			if (it == NULL)
				continue;
			for (x = 0; x < k; x++)
				if (strcmp(names[x], it) == 0)
					break;
			if (x == k && k < max)
				names[k++] = it;
		}
	}
	return k;
}

static const char *
score_of(struct arena *a, const struct record *r, const char *item)
{
	const struct scorecard *sc = r->score;

	for (size_t j = 0; j < sc->nitems; j++)
		if (sc->items[j].item && strcmp(sc->items[j].item, item) == 0)
			return arena_printf(a, "%d/%d", sc->items[j].score, sc->items[j].max);
	return "—";
}

static void
write_year(struct gen *g, int year, struct srow *rows)
{
	struct arena *a = arena_new();
	char *url = xasprintf("assessments/%d/", year);
	char *title = xasprintf("%d年度“五个好”考核排名", year);
	struct val *ctx = gen_ctx(g, a, title, url, NULL);
	struct val *ranked = v_list(a), *missing = v_list(a), *timeline = v_list(a), *items = v_list(a);
	struct val *stages = v_list(a);
	const char *names[32];
	size_t nn, n = g->m->nsites, nr = 0, passed = 0;
	char buf[32];

	gen_crumb(a, ctx, "首页", "index.html");
	gen_crumb(a, ctx, "考核评分", "assessments/index.html");
	nn = item_names(rows, n, names, 32);
	for (size_t k = 0; k < nn; k++)
		v_push(a, items, v_str(a, names[k]));
	for (int st = 0; st < NSTAGES; st++)
		v_push(a, stages, v_str(a, schema_stages[st]));
	for (size_t i = 0; i < n; i++) {
		struct srow *r = &rows[i];
		struct val *v = v_map(a), *cells = v_list(a), *tl = v_list(a);

		v_set(a, v, "site", gen_link(a, r->site->name, arena_printf(a, "%sindex.html", r->site->url)));
		v_setstr(a, v, "type", r->site->type);
		for (int st = 0; st < NSTAGES; st++) {
			struct val *x = v_map(a);
			v_setstr(a, x, "stage", schema_stages[st]);
			if (r->stage[st]) {
				v_set(a, x, "date_cn", gen_date(a, r->stage[st]->date));
				v_setstr(a, x, "date", date_iso(r->stage[st]->date, buf));
				v_seturl(a, x, "url", arena_printf(a, "%sindex.html", r->stage[st]->url));
			}
			v_setstr(a, x, "cls", st == r->latest_stage ? "current" : r->stage[st] ? "done" : NULL);
			v_push(a, tl, x);
		}
		v_set(a, v, "timeline", tl);
		v_push(a, timeline, v);
		if (r->latest == NULL) {
			v_push(a, missing, v);
			continue;
		}
		nr++;
		passed += r->latest->score->passed;
		for (size_t k = 0; k < nn; k++)
			v_push(a, cells, v_str(a, score_of(a, r->latest, names[k])));
		if (r->rank)
			v_setint(a, v, "rank", r->rank);
		else
			v_setstr(a, v, "rank", "—");	/* not verified by the county: not ranked */
		v_setstr(a, v, "stage", schema_stages[r->latest_stage]);
		v_seturl(a, v, "url", arena_printf(a, "%sindex.html", r->latest->url));
		v_set(a, v, "cells", cells);
		v_setint(a, v, "total", r->total);
		v_setint(a, v, "max", r->max);
		v_setint(a, v, "pass_mark", r->pass);
		v_setbool(a, v, "passed", r->latest->score->passed);
		v_setstr(a, v, "result", scorecard_result(r->latest->score));
		v_push(a, ranked, v);
	}
	v_set(a, ctx, "charts", v_list(a));
	v_set(a, ctx, "years", v_list(a));
	v_set(a, ctx, "all", v_list(a));
	v_setbool(a, ctx, "no_years", 0);
	/* the chart ranks, so it shows only what may rank: county-verified scores (first in rows) */
	size_t nv = 0;
	while (nv < nr && rows[nv].rank > 0)
		nv++;
	if (nv > 0) {
		const char **cats = arena_alloc(a, nv * sizeof *cats);
		double *vals = arena_alloc(a, nv * sizeof *vals);
		struct chart_series ser = { "总分", vals, NULL };
		struct chart c = { "chart-total", arena_printf(a, "%d年度各示范点“五个好”总分（经县委复核）", year),
		    nv == nr ? arena_printf(a, "%zu个示范点经县委复核的考核总分，从高到低排列；达标分见表格。", nv) :
		    arena_printf(a, "%zu个示范点经县委复核的考核总分，从高到低排列；另有%zu个示范点的得分尚待县委复核，"
		    "只列在表格中，不参加排名。", nv, nr - nv),
		    "示范点", "总分（分）", cats, nv, &ser, 1 };
		for (size_t i = 0; i < nv; i++) {
			cats[i] = rows[i].site->name;
			vals[i] = rows[i].total;
		}
		v_push(a, v_get(ctx, "charts"), chart_file(g, a, &c, 0, url));
	}
	v_setint(a, ctx, "year", year);
	v_set(a, ctx, "items", items);
	v_set(a, ctx, "stages", stages);
	v_set(a, ctx, "ranked", ranked);
	v_set(a, ctx, "missing", missing);
	v_set(a, ctx, "timeline", timeline);
	v_setint(a, ctx, "assessed", (long long)nr);
	v_setint(a, ctx, "passed", (long long)passed);
	v_setint(a, ctx, "pass_mark", g->m->cfg->pass_mark);
	gen_emit(g, "scoreboard.html", ctx, url, NULL);
	free(url);
	free(title);
	arena_free(a);
}

static void
write_index(struct gen *g, const int *years, size_t ny, struct srow *rows)
{
	struct arena *a = arena_new();
	struct val *ctx = gen_ctx(g, a, "考核评分", "assessments/", "各示范点“五个好”村党组织考核评分和历年排名。");
	struct val *yl = v_list(a), *all = v_list(a);
	size_t n;
	struct record **recs = gen_published(g->m, KIND_ASSESSMENTS, &n);

	gen_crumb(a, ctx, "首页", "index.html");
	for (size_t i = 0; i < ny; i++) {
		struct val *y = v_map(a);
		size_t nr = 0, passed = 0;

		collect(g, years[i], rows);
		for (size_t j = 0; j < g->m->nsites; j++)
			if (rows[j].latest) {
				nr++;
				passed += rows[j].latest->score->passed;
			}
		v_setint(a, y, "year", years[i]);
		v_seturl(a, y, "url", arena_printf(a, "assessments/%d/index.html", years[i]));
		v_setint(a, y, "assessed", (long long)nr);
		v_setint(a, y, "passed", (long long)passed);
		v_setint(a, y, "sites", (long long)g->m->nsites);
		v_push(a, yl, y);
	}
	for (size_t i = 0; i < n; i++)
		v_push(a, all, gen_summary(g, recs[i]));
	v_set(a, ctx, "years", yl);
	v_set(a, ctx, "all", all);
	v_setbool(a, ctx, "no_years", ny == 0);
	v_set(a, ctx, "year", v_null());
	gen_emit(g, "scoreboard.html", ctx, "assessments/", NULL);
	free(recs);
	arena_free(a);
}

void
scoreboard_pages(struct gen *g)
{
	size_t ny;
	int *years = years_of(g->m, &ny);
	struct srow *rows = xcalloc(g->m->nsites + 1, sizeof *rows);

	if (!g->failed)
		write_index(g, years, ny, rows);
	for (size_t i = 0; i < ny && !g->failed; i++) {
		collect(g, years[i], rows);
		write_year(g, years[i], rows);
	}
	free(rows);
	free(years);
}
