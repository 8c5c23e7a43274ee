/*
 * archive.c: the annual archive (年度报告归档 in the county plan) and the
 * site page's charts.
 *   archive/index.html                    the years
 *   archive/<year>/index.html             all sites side by side: stats,
 *                                         disclosure completeness, scores, charts
 *   sites/<id>/archive/index.html         the site's years
 *   sites/<id>/archive/<year>/index.html  the report, stats beside the year
 *                                         before, the year's records by kind and
 *                                         month, finance totals, the assessment
 * The years are those of any record date, report `year` or assessment
 * `year`; every site gets a page for every such year, so links never break.
 * Archive pages print as A4 documents (print.css part of style.css): a page
 * header names the site and year, and every kind starts on a new page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "gongkai.h"
#include "model.h"
#include "money.h"
#include "matterpages.h"
#include "render.h"
#include "schema.h"
#include "util.h"
#include "value.h"

static const struct {
	const char	*label, *unit;
} stat_rows[STAT__COUNT] = {
	[STAT_VILLAGES] = { "行政村", "个" }, [STAT_GROUPS] = { "村民小组", "个" },
	[STAT_HOUSEHOLDS] = { "户数", "户" }, [STAT_POPULATION] = { "人口", "人" },
	[STAT_FARMLAND] = { "耕地", "亩" }, [STAT_INCOME] = { "人均纯收入", "元" },
	[STAT_GRAIN] = { "人均占有粮", "公斤" }, [STAT_BRANCHES] = { "党支部", "个" },
	[STAT_MEMBERS] = { "党员", "名" },
};

static void
push_chart(struct arena *a, struct val *list, struct val *ch)
{
	if (ch->t != V_NULL)
		v_push(a, list, ch);
}

static int
int_desc(const void *x, const void *y)
{
	return *(const int *)y - *(const int *)x;
}

/* Archive years, newest first. Caller frees. */
static int *
archive_years(struct model *m, size_t *n)
{
	int *v = xcalloc(2 * m->nrecs + 1, sizeof *v);

	*n = 0;
	for (size_t i = 0; i < m->nrecs; i++) {
		struct record *r = m->recs[i];
		int ys[2] = { r->date.y, 0 };
		if (!r->published || r->fm.root == NULL)
			continue;
		if (kind_has(r->kind, KIND_F_YEAR_KEY))
			ys[1] = r->year;
		for (int k = 0; k < 2; k++) {
			int seen = ys[k] == 0;
			for (size_t j = 0; j < *n && !seen; j++)
				seen = v[j] == ys[k];
			if (!seen)
				v[(*n)++] = ys[k];
		}
	}
	xqsort(v, *n, sizeof *v, int_desc);
	return v;
}

/*
 * The archive years of the build, made on first use and kept in g (freed by
 * pages_write): every site page lists them, and scanning every record once
 * per site was sites x records work (500 x 100,000 at county scale). Only the
 * main thread calls this (write_site, archive_pages).
 */
static const int *
build_years(struct gen *g, size_t *n)
{
	if (g->years == NULL)
		g->years = archive_years(g->m, &g->nyears);
	*n = g->nyears;
	return g->years;
}

/* Figure k of a year's stats: its value, and in *ok whether it was given. */
static double
num(const struct stats_year *st, int k, int *ok)
{
	*ok = st->text[k] != NULL;
	return st->value[k];
}

/* "+24（+0.9%）", "−3（−1.2%）", "持平". */
static const char *
change(struct arena *a, double prev, double cur)
{
	double d = cur - prev;
	int whole = (long long)prev == prev && (long long)cur == cur;

	if (d == 0)
		return "持平";
	if (prev == 0)
		return arena_printf(a, whole ? "%+.0f" : "%+.2f", d);
	return arena_printf(a, whole ? "%+.0f（%+.1f%%）" : "%+.2f（%+.1f%%）", d, d / prev * 100);
}

/* ---- disclosure completeness ---- */

/* Periods of year y due by as_of and how many of them were published, over every category. */
static void
completeness(struct gen *g, const struct site *s, int year, int *due, int *done)
{
	const struct config *c = g->m->cfg;
	long grace = c->rs.grace_days;
	struct date since = s->since.y ? s->since : c->rs.since;

	*due = *done = 0;
	for (size_t k = 0; k < c->rs.nfrequency; k++) {
		const char *cat = c->rs.frequency[k].name;
		int unit = c->rs.frequency[k].value;
		struct date jan1 = { year, 1, 1 };

		if (unit < 0)
			continue;
		for (struct period p = period_of(jan1, (enum period_unit)unit); p.year == year; p = period_next(p)) {
			int found = 0;
			if ((since.y && date_cmp(period_start(p), since) < 0) ||
			    date_days(c->as_of) - date_days(period_end(p)) <= grace)
				continue;
			(*due)++;
			for (size_t i = 0; i < s->nrecs[KIND_DISCLOSURES] && !found; i++) {
				const struct disclosure *d = s->recs[KIND_DISCLOSURES][i]->disc;
				found = d && d->category && d->has_period && strcmp(d->category, cat) == 0 &&
				    d->period.unit == p.unit && period_cmp(p, d->period) == 0;
			}
			*done += found;
		}
	}
}

/* ---- assessments ---- */

/* The scorecard of the furthest stage of year y (newest on a tie), or NULL. */
static struct record *
assessment_of(const struct site *s, int y)
{
	struct record *best = NULL;

	for (size_t i = 0; i < s->nrecs[KIND_ASSESSMENTS]; i++) {
		struct record *r = s->recs[KIND_ASSESSMENTS][i];
		if (r->score && r->score->year == y && (best == NULL || r->score->stage > best->score->stage))
			best = r;
	}
	return best;
}

static struct val *
assessment_val(struct arena *a, const struct record *r)
{
	const struct scorecard *sc = r->score;
	struct val *v = v_map(a);

	v_setstr(a, v, "title", r->title);
	v_seturl(a, v, "url", arena_printf(a, "%sindex.html", r->url));
	v_set(a, v, "date_cn", gen_date(a, r->date));
	gen_score_fields(a, v, sc);
	return v;
}

/* ---- charts of the site page ---- */

static struct val *
trend_chart(struct gen *g, struct arena *a, const struct site *s, int key, const char *label,
    const char *unit, const char *id)
{
	size_t n = 0;
	const char **cats, **txt;
	double *vals;
	struct chart_series ser;
	struct chart c;

	if (s->nstats == 0)
		return NULL;
	cats = arena_alloc(a, (s->nstats + 1) * sizeof *cats);
	txt = arena_alloc(a, (s->nstats + 1) * sizeof *txt);
	vals = arena_alloc(a, (s->nstats + 1) * sizeof *vals);
	for (size_t i = 0; i < s->nstats; i++) {
		const struct stats_year *st = &s->stats[i];
		if (st->year_text == NULL || st->text[key] == NULL)
			continue;
		cats[n] = arena_printf(a, "%s年", st->year_text);
		txt[n] = st->text[key];
		vals[n++] = st->value[key];
	}
	if (n < 2)
		return NULL;
	ser.name = arena_printf(a, "%s（%s）", label, unit);
	ser.v = vals;
	ser.text = txt;
	memset(&c, 0, sizeof c);
	c.id = id;
	c.title = arena_printf(a, "%s历年%s", s->name, label);
	c.desc = arena_printf(a, "%s从%s的%s%s变为%s的%s%s，共%zu年。", label, cats[0], txt[0], unit,
	    cats[n - 1], txt[n - 1], unit, n);
	c.xlabel = "年份";
	c.ylabel = ser.name;
	c.cats = cats;
	c.ncat = n;
	c.series = &ser;
	c.nseries = 1;
	return chart_file(g, a, &c, 1, s->url);
}

void
archive_site_vals(struct gen *g, struct arena *a, struct site *s, struct val *sv)
{
	static const struct { int key; const char *label, *unit, *id; } trends[] = {
		{ STAT_POPULATION, "人口", "人", "chart-pop" },
		{ STAT_INCOME, "人均纯收入", "元", "chart-inc" },
		{ STAT_MEMBERS, "党员", "名", "chart-mem" },
	};
	struct val *charts = v_list(a), *years = v_list(a);
	struct chart_fin *fin;
	size_t ny, nfin = chart_finance(s, 0, &fin);
	const int *yv = build_years(g, &ny);

	/* the numbers are in the 基本数据 table the charts stand beside */
	for (size_t i = 0; i < sizeof trends / sizeof trends[0]; i++) {
		struct val *c = trend_chart(g, a, s, trends[i].key, trends[i].label, trends[i].unit, trends[i].id);
		if (c) {
			v_setbool(a, c, "table", 0);
			v_push(a, charts, c);
		}
	}
	v_set(a, sv, "charts", charts);
	free(fin);
	v_set(a, sv, "finance_url", nfin == 0 ? v_null() :
	    v_url(a, arena_printf(a, "%sfinance/index.html", s->url)));
	for (size_t i = 0; i < ny; i++)
		v_push(a, years, gen_link(a, arena_printf(a, "%d年", yv[i]),
		    arena_printf(a, "%sarchive/%d/index.html", s->url, yv[i])));
	v_set(a, sv, "archive", years);
	if (s->nrecs[KIND_DISCLOSURES])
		v_seturl(a, sv, "print_url", arena_printf(a, "%sprint/index.html", s->url));
}

/* ---- the site's year ---- */

/* An @page rule naming the document in the printed page header. */
static struct val *
print_head(struct arena *a, const char *left)
{
	struct sb b;
	char *s;
	struct val *v;

	sb_init(&b);
	sb_puts(&b, "@page{@top-left{content:\"");
	/* a CSS string: only the quote, backslash and '<' need care */
	for (const char *p = left; *p; p++) {
		if (*p == '"' || *p == '\\')
			sb_printf(&b, "\\%c", *p);
		else if (*p == '<')
			sb_puts(&b, "\\3c ");
		else if ((unsigned char)*p >= 0x20)
			sb_putc(&b, *p);
	}
	sb_puts(&b, "\"}}");
	s = sb_take(&b);
	v = v_html(a, s);
	free(s);
	return v;
}

static struct val *
stats_compare(struct arena *a, const struct site *s, int y)
{
	const struct stats_year *cur = site_stats_of(s, y), *prev = site_stats_of(s, y - 1);
	struct val *rows = v_list(a);

	for (int k = 0; k < STAT__COUNT; k++) {
		int okc = 0, okp = 0;
		double c = cur ? num(cur, k, &okc) : 0, p = prev ? num(prev, k, &okp) : 0;
		struct val *row;

		if (!okc && !okp)
			continue;
		row = v_map(a);
		v_setstr(a, row, "label", arena_printf(a, "%s（%s）", stat_rows[k].label, stat_rows[k].unit));
		v_setstr(a, row, "prev", okp ? prev->text[k] : "—");
		v_setstr(a, row, "cur", okc ? cur->text[k] : "—");
		v_setstr(a, row, "change", okc && okp ? change(a, p, c) : "—");
		v_push(a, rows, row);
	}
	return rows;
}

static const char *const months_cn[] = {
	"", "1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"
};

/* This year's records of each kind (reports aside), oldest first, by month. */
/*
 * The indexes of recs[0..n) (newest first) oldest first: the list
 * backwards, but the records of one day in the list's own order (a to z),
 * as on every other list (record_newest_first). Caller frees.
 */
static size_t *
oldest_first(struct record *const *recs, size_t n)
{
	size_t *order = xcalloc(n + 1, sizeof *order), no = 0;

	for (size_t hi = n; hi > 0;) {
		size_t lo = hi - 1;

		while (lo > 0 && date_cmp(recs[lo - 1]->date, recs[hi - 1]->date) == 0)
			lo--;
		for (size_t j = lo; j < hi; j++)
			order[no++] = j;
		hi = lo;
	}
	return order;
}

static struct val *
kinds_val(struct gen *g, struct arena *a, const struct site *s, int y, size_t *total)
{
	struct val *kinds = v_list(a);

	*total = 0;
	for (int k = 0; k < KIND__COUNT; k++) {
		struct val *kv = v_map(a), *months = v_list(a), *cur = NULL;
		int curm = 0;
		size_t cnt = 0, *order;

		if (kind_has(k, KIND_F_NOT_BY_MONTH))
			continue;
		order = oldest_first(s->recs[k], s->nrecs[k]);
		for (size_t t = 0; t < s->nrecs[k]; t++) {
			struct record *r = s->recs[k][order[t]];

			if (r->fm.root == NULL || r->date.y != y)
				continue;
			if (cur == NULL || r->date.m != curm) {
				struct val *mv = v_map(a);
				curm = r->date.m;
				cur = v_list(a);
				v_setstr(a, mv, "month", months_cn[curm]);
				v_set(a, mv, "items", cur);
				v_push(a, months, mv);
			}
			v_push(a, cur, gen_summary(g, r));
			cnt++;
		}
		free(order);
		*total += cnt;
		v_setstr(a, kv, "kind", kind_info[k].dir);
		v_setstr(a, kv, "title", kind_info[k].cn);
		v_setint(a, kv, "count", (long long)cnt);
		v_set(a, kv, "months", months);
		v_push(a, kinds, kv);
	}
	return kinds;
}

/* One period's row of a finance table: the yearly archive's and the site's finance page's. */
static struct val *
finance_row(struct arena *a, const struct chart_fin *f)
{
	struct val *p = v_map(a);
	char buf[48];

	v_setstr(a, p, "period", period_cn(f->p, buf));
	v_seturl(a, p, "url", arena_printf(a, "%sindex.html", f->rec->url));
	v_set(a, p, "opening", gen_money(a, f->opening));
	v_set(a, p, "income", gen_money(a, f->income));
	v_set(a, p, "expense", gen_money(a, f->expense));
	v_set(a, p, "closing", gen_money(a, f->closing));
	return p;
}

static struct val *
finance_year(struct gen *g, struct arena *a, const struct site *s, int y)
{
	struct chart_fin *f;
	size_t n = chart_finance(s, y, &f);
	struct val *v = v_null(), *periods;
	int64_t in = 0, out = 0;
	char buf[48];

	if (n == 0)
		goto out;
	v = v_map(a);
	periods = v_list(a);
	for (size_t i = 0; i < n; i++) {
		in += f[i].income;
		out += f[i].expense;
		v_push(a, periods, finance_row(a, &f[i]));
	}
	v_set(a, v, "periods", periods);
	v_setint(a, v, "count", (long long)n);
	v_set(a, v, "opening", gen_money(a, f[0].opening));
	v_set(a, v, "income", gen_money(a, in));
	v_set(a, v, "expense", gen_money(a, out));
	v_set(a, v, "closing", gen_money(a, f[n - 1].closing));
	v_setstr(a, v, "last_period", period_cn(f[n - 1].p, buf));
	v_set(a, v, "charts", v_list(a));
	push_chart(a, v_get(v, "charts"), chart_finance_val(g, a, s, y, "chart-fin",
	    arena_printf(a, "%sarchive/%d/", s->url, y)));
out:
	free(f);
	return v;
}

static struct record *
report_of(const struct site *s, int y)
{
	for (size_t i = 0; i < s->nrecs[KIND_REPORTS]; i++)
		if (s->recs[KIND_REPORTS][i]->fm.root && s->recs[KIND_REPORTS][i]->year == y)
			return s->recs[KIND_REPORTS][i];
	return NULL;
}

static void
write_site_year(struct gen *g, struct site *s, int y, const int *years, size_t ny)
{
	struct arena *a = arena_new();
	char *url = xasprintf("%sarchive/%d/", s->url, y);
	char *title = xasprintf("%s%d年度档案", s->name, y);
	struct val *ctx = gen_ctx(g, a, title, url, NULL), *others = v_list(a);
	struct record *rep = report_of(s, y), *as = assessment_of(s, y);
	size_t total;
	int due, done;

	gen_crumb(a, ctx, "首页", "index.html");
	gen_crumb(a, ctx, s->name, arena_printf(a, "%sindex.html", s->url));
	gen_crumb(a, ctx, "年度档案", arena_printf(a, "%sarchive/index.html", s->url));
	v_setint(a, ctx, "year", y);
	v_setint(a, ctx, "prev_year", y - 1);
	v_set(a, ctx, "place", gen_link(a, s->name, arena_printf(a, "%sindex.html", s->url)));
	v_setstr(a, ctx, "site_type", s->type);
	v_set(a, ctx, "print_css", print_head(a, arena_printf(a, "%s · %d年度档案", s->name, y)));
	v_seturl(a, ctx, "county_url", arena_printf(a, "archive/%d/index.html", y));
	v_set(a, ctx, "report", v_null());
	v_set(a, ctx, "assessment", v_null());
	v_set(a, ctx, "completeness", v_null());
	if (rep) {
		struct val *r = v_map(a);
		v_setstr(a, r, "title", rep->title);
		v_seturl(a, r, "url", arena_printf(a, "%sindex.html", rep->url));
		v_set(a, r, "date_cn", gen_date(a, rep->date));
		v_setstr(a, r, "author", rep->author);
		v_set(a, r, "body", v_html(a, rep->body.html ? rep->body.html : ""));
		v_set(a, ctx, "report", r);
	}
	v_set(a, ctx, "stats", stats_compare(a, s, y));
	v_set(a, ctx, "kinds", kinds_val(g, a, s, y, &total));
	v_setint(a, ctx, "total", (long long)total);
	v_set(a, ctx, "finance", finance_year(g, a, s, y));
	if (as)
		v_set(a, ctx, "assessment", assessment_val(a, as));
	completeness(g, s, y, &due, &done);
	if (due)
		v_setstr(a, ctx, "completeness", arena_printf(a, "应公开 %d 期，已公开 %d 期（%d%%）", due, done,
		    percent_of(done, due)));
	for (size_t i = 0; i < ny; i++)
		if (years[i] != y)
			v_push(a, others, gen_link(a, arena_printf(a, "%d年", years[i]),
			    arena_printf(a, "%sarchive/%d/index.html", s->url, years[i])));
	v_set(a, ctx, "others", others);
	v_set(a, ctx, "matters", matter_year_val(g, a, s, y));
	v_setbool(a, ctx, "show_site", 0);
	gen_emit(g, "archive-site.html", ctx, url, NULL);
	free(url);
	free(title);
	arena_free(a);
}

/* ---- the county's year ---- */

static struct val *
bar_chart(struct gen *g, struct arena *a, int year, const char *id, const char *title, const char *desc, const char *axis,
    const char **cats, double *vals, const char **txt, size_t n)
{
	struct chart_series ser = { axis, vals, txt };
	struct chart c = { id, title, desc, "示范点", axis, cats, n, &ser, 1 };

	return n ? chart_file(g, a, &c, 0, arena_printf(a, "archive/%d/", year)) : v_null();
}

static void
write_county_year(struct gen *g, int y, const int *years, size_t ny)
{
	struct model *m = g->m;
	struct arena *a = arena_new();
	char *url = xasprintf("archive/%d/", y);
	char *title = xasprintf("%d年度示范点档案", y);
	struct val *ctx = gen_ctx(g, a, title, url, NULL), *rows = v_list(a), *charts = v_list(a), *others = v_list(a);
	const char **cat_inc = arena_alloc(a, (m->nsites + 1) * sizeof *cat_inc), **txt_inc, **cat_mem, **txt_mem,
	    **cat_dis, **txt_dis;
	double *v_inc, *v_mem, *v_dis;
	size_t n_inc = 0, n_mem = 0, n_dis = 0;

	txt_inc = arena_alloc(a, (m->nsites + 1) * sizeof *txt_inc);
	cat_mem = arena_alloc(a, (m->nsites + 1) * sizeof *cat_mem);
	txt_mem = arena_alloc(a, (m->nsites + 1) * sizeof *txt_mem);
	cat_dis = arena_alloc(a, (m->nsites + 1) * sizeof *cat_dis);
	txt_dis = arena_alloc(a, (m->nsites + 1) * sizeof *txt_dis);
	v_inc = arena_alloc(a, (m->nsites + 1) * sizeof *v_inc);
	v_mem = arena_alloc(a, (m->nsites + 1) * sizeof *v_mem);
	v_dis = arena_alloc(a, (m->nsites + 1) * sizeof *v_dis);
	gen_crumb(a, ctx, "首页", "index.html");
	gen_crumb(a, ctx, "年度档案", "archive/index.html");
	for (size_t i = 0; i < m->nsites; i++) {
		struct site *s = m->sites[i];
		const struct stats_year *st = site_stats_of(s, y);
		struct val *row = v_map(a);
		struct record *as = assessment_of(s, y);
		int okp = 0, okm = 0, oki = 0, due, done;
		double pop = st ? num(st, STAT_POPULATION, &okp) : 0, mem = st ? num(st, STAT_MEMBERS, &okm) : 0;
		double inc = st ? num(st, STAT_INCOME, &oki) : 0;

		v_set(a, row, "site", gen_link(a, s->name, arena_printf(a, "%sarchive/%d/index.html", s->url, y)));
		v_setstr(a, row, "type", s->type);
		v_setstr(a, row, "level", s->level);
		v_setstr(a, row, "population", st && okp ? st->text[STAT_POPULATION] : "—");
		v_setstr(a, row, "households", st && st->text[STAT_HOUSEHOLDS] ? st->text[STAT_HOUSEHOLDS] : "—");
		v_setstr(a, row, "income", oki ? st->text[STAT_INCOME] : "—");
		v_setstr(a, row, "members", okm ? st->text[STAT_MEMBERS] : "—");
		if (oki) {
			cat_inc[n_inc] = s->name;
			txt_inc[n_inc] = st->text[STAT_INCOME];
			v_inc[n_inc++] = inc;
		}
		if (okp && okm && pop > 0) {
			const char *per = arena_printf(a, "%.2f", mem * 100 / pop);
			v_setstr(a, row, "per100", per);
			cat_mem[n_mem] = s->name;
			txt_mem[n_mem] = per;
			v_mem[n_mem++] = mem * 100 / pop;
		} else
			v_setstr(a, row, "per100", "—");
		completeness(g, s, y, &due, &done);
		if (due) {
			v_setstr(a, row, "disclosed", arena_printf(a, "%d/%d", done, due));
			cat_dis[n_dis] = s->name;
			txt_dis[n_dis] = arena_printf(a, "%d%%", percent_of(done, due));
			v_dis[n_dis++] = done * 100.0 / due;
		} else
			v_setstr(a, row, "disclosed", "—");
		v_set(a, row, "score", v_null());
		v_set(a, row, "result", v_null());
		if (as) {
			struct val *av = assessment_val(a, as);
			v_set(a, row, "score", v_get(av, "total"));
			v_set(a, row, "result", v_get(av, "result"));
			v_set(a, row, "stage", v_get(av, "stage"));
		}
		v_push(a, rows, row);
	}
	push_chart(a, charts, bar_chart(g, a, y, "chart-cinc", arena_printf(a, "%d年各示范点人均纯收入", y),
	    "各示范点当年人均纯收入（元）的比较，数字见旁边的表格。", "人均纯收入（元）", cat_inc, v_inc, txt_inc, n_inc));
	push_chart(a, charts, bar_chart(g, a, y, "chart-cmem", arena_printf(a, "%d年各示范点每百人党员数", y),
	    "党员人数除以人口再乘以100，数字见旁边的表格。", "每百人党员（名）", cat_mem, v_mem, txt_mem, n_mem));
	push_chart(a, charts, bar_chart(g, a, y, "chart-cdis", arena_printf(a, "%d年各示范点三公开完成率", y),
	    "截至统计日已到期的公开期次中按时公开的比例，数字见旁边的表格。", "公开完成率（%）", cat_dis, v_dis, txt_dis, n_dis));
	for (size_t i = 0; i < ny; i++)
		if (years[i] != y)
			v_push(a, others, gen_link(a, arena_printf(a, "%d年", years[i]),
			    arena_printf(a, "archive/%d/index.html", years[i])));
	v_setint(a, ctx, "year", y);
	v_set(a, ctx, "rows", rows);
	v_set(a, ctx, "charts", charts);
	v_set(a, ctx, "others", others);
	/* scoreboard.c writes a year's page only when that year has assessments */
	v_set(a, ctx, "scoreboard_url", v_null());
	for (size_t i = 0; i < m->nrecs; i++) {
		const struct record *r = m->recs[i];
		if (r->published && r->kind == KIND_ASSESSMENTS && r->year == y) {
			v_seturl(a, ctx, "scoreboard_url", arena_printf(a, "assessments/%d/index.html", y));
			break;
		}
	}
	v_set(a, ctx, "print_css", print_head(a, arena_printf(a, "%s · %d年度档案", m->cfg->title, y)));
	gen_emit(g, "archive.html", ctx, url, NULL);
	free(url);
	free(title);
	arena_free(a);
}

/* archive/index.html (s == NULL) or sites/<id>/archive/index.html. */
static void
write_years(struct gen *g, struct site *s, const int *years, size_t ny)
{
	struct arena *a = arena_new();
	char *url = s ? xasprintf("%sarchive/", s->url) : xstrdup("archive/");
	char *title = s ? xasprintf("%s · 年度档案", s->name) : xstrdup("年度档案");
	struct val *ctx = gen_ctx(g, a, title, url, NULL), *yl = v_list(a);

	gen_crumb(a, ctx, "首页", "index.html");
	if (s)
		gen_crumb(a, ctx, s->name, arena_printf(a, "%sindex.html", s->url));
	for (size_t i = 0; i < ny; i++) {
		struct val *y = v_map(a), *sites = v_list(a);
		v_setint(a, y, "year", years[i]);
		v_seturl(a, y, "url", s ? arena_printf(a, "%sarchive/%d/index.html", s->url, years[i]) :
		    arena_printf(a, "archive/%d/index.html", years[i]));
		for (size_t j = 0; !s && j < g->m->nsites; j++) {
			struct record *rep = report_of(g->m->sites[j], years[i]);
			struct val *x = gen_link(a, g->m->sites[j]->name,
			    arena_printf(a, "%sarchive/%d/index.html", g->m->sites[j]->url, years[i]));
			v_setbool(a, x, "has_report", rep != NULL);
			v_push(a, sites, x);
		}
		if (s)
			v_setbool(a, y, "has_report", report_of(s, years[i]) != NULL);
		else {
			int any = 0;
			for (size_t j = 0; j < g->m->nsites; j++)
				any |= report_of(g->m->sites[j], years[i]) != NULL;
			v_setbool(a, y, "has_report", any);
		}
		v_set(a, y, "sites", sites);
		v_push(a, yl, y);
	}
	v_set(a, ctx, "years", yl);
	if (s)
		v_set(a, ctx, "place", gen_link(a, s->name, arena_printf(a, "%sindex.html", s->url)));
	gen_emit(g, "archive-index.html", ctx, url, NULL);
	free(url);
	free(title);
	arena_free(a);
}

/* sites/<id>/finance/: every 财务公开 period of the site, as a chart and a table. */
static void
write_finance(struct gen *g, struct site *s)
{
	struct chart_fin *f;
	size_t n = chart_finance(s, 0, &f);
	struct arena *a;
	char *url, *title;
	struct val *ctx, *periods, *charts;

	if (n == 0) {
		free(f);
		return;
	}
	a = arena_new();
	url = xasprintf("%sfinance/", s->url);
	title = xasprintf("%s · 财务收支", s->name);
	ctx = gen_ctx(g, a, title, url, NULL);
	periods = v_list(a);
	charts = v_list(a);
	gen_crumb(a, ctx, "首页", "index.html");
	gen_crumb(a, ctx, s->name, arena_printf(a, "%sindex.html", s->url));
	for (size_t i = 0; i < n; i++) {
		v_push(a, periods, finance_row(a, &f[i]));
	}
	v_push(a, charts, chart_finance_val(g, a, s, 0, "chart-fin", url));
	v_set(a, ctx, "periods", periods);
	v_set(a, ctx, "charts", charts);
	v_set(a, ctx, "place", gen_link(a, s->name, arena_printf(a, "%sindex.html", s->url)));
	v_seturl(a, ctx, "list_url", arena_printf(a, "%sdisclosures/index.html", s->url));
	gen_emit(g, "archive-finance.html", ctx, url, NULL);
	free(url);
	free(title);
	free(f);
	arena_free(a);
}

void
archive_pages(struct gen *g)
{
	size_t ny;
	const int *years = build_years(g, &ny);

	if (!g->failed)
		write_years(g, NULL, years, ny);
	for (size_t i = 0; i < ny && !g->failed; i++)
		write_county_year(g, years[i], years, ny);
	for (size_t j = 0; j < g->m->nsites && !g->failed; j++) {
		write_years(g, g->m->sites[j], years, ny);
		write_finance(g, g->m->sites[j]);
		for (size_t i = 0; i < ny && !g->failed; i++)
			write_site_year(g, g->m->sites[j], years[i], years, ny);
	}
}
