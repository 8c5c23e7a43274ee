/*
 * gen.c: what every page family uses to make a page: small values (dates,
 * money, links, tags), record summaries, the page context and breadcrumbs,
 * paged lists, the values of a disclosure's finance table, 公示 and name
 * table, and gen_emit, which renders a template and hands the page to
 * output.c. It sits below pages.c and the families (archive.c, cases.c,
 * dashboard.c, feed.c, printsheet.c, scoreboard.c, sitemap.c): they all
 * call it, and it calls none of them (make lint).
 */
#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contact.h"
#include "csvtable.h"
#include "gate.h"
#include "gongkai.h"
#include "model.h"
#include "money.h"
#include "output.h"
#include "render.h"
#include "schema.h"
#include "template.h"
#include "util.h"
#include "value.h"

/* Pages may be written from several threads: guard the list of pages. */
static pthread_mutex_t written_lock = PTHREAD_MUTEX_INITIALIZER;

struct val *
gen_date(struct arena *a, struct date d)
{
	char buf[32];

	return d.y ? v_str(a, date_cn(d, buf)) : v_null();
}

struct val *
gen_money(struct arena *a, int64_t fen)
{
	char buf[48];

	money_format(fen, buf);
	return v_str(a, arena_printf(a, "%s 元", buf));
}

/* A link: {title, url}. */
struct val *
gen_link(struct arena *a, const char *title, const char *url)
{
	struct val *m = v_map(a);

	v_setstr(a, m, "title", title);
	v_seturl(a, m, "url", url);
	return m;
}

char *
gen_tag_slug(const char *tag)
{
	int ascii = 1;

	for (const char *s = tag; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '-'))
			ascii = 0;
	if (ascii && *tag) {
		char *s = xstrdup(tag);
		for (char *p = s; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		return s;
	}
	/* Chinese tags get a stable ASCII name: URLs must survive WeChat and SMS. */
	return xasprintf("t%010llx", (unsigned long long)(hash64(tag, strlen(tag), 0) & 0xffffffffffULL));
}

const char *
gen_notice_status(const struct model *m, const struct notice *notice, int *running)
{
	*running = 0;
	if (!notice->dated)
		return NULL;
	if (date_cmp(m->cfg->as_of, notice->from) < 0)
		return "公示未开始";
	if (date_cmp(m->cfg->as_of, notice->to) > 0)
		return "公示已结束";
	*running = 1;
	return "公示中";
}

/* The fields every list shows for a record. */
static struct val *
rec_summary(struct gen *g, struct record *r)
{
	struct arena *a = g->build;
	struct val *v = v_map_sized(a, 16);	/* the fields below: no growing */
	char buf[48];
	const struct disclosure *d = r->disc;

	/* kept for the whole build, one per record: strings the model holds are borrowed */
	v_set(a, v, "title", v_strref(a, r->title));
	v_set(a, v, "url", v_url(a, arena_printf(a, "%sindex.html", r->url)));
	v_setstr(a, v, "date", date_iso(r->date, buf));
	v_set(a, v, "date_cn", gen_date(a, r->date));
	v_set(a, v, "kind", v_strref(a, kind_info[r->kind].dir));
	v_set(a, v, "kind_cn", v_strref(a, kind_info[r->kind].cn));
	v_set(a, v, "summary", v_strref(a, r->summary));
	v_set(a, v, "site_name", v_strref(a, r->site->name));
	v_set(a, v, "site_url", v_url(a, arena_printf(a, "%sindex.html", r->site->url)));
	v_set(a, v, "author", v_strref(a, r->author));
	v_setbool(a, v, "draft", r->draft);
	if (d != NULL && d->category != NULL)
		v_setstr(a, v, "category", d->category);
	if (r->meeting != NULL && r->meeting->type != NULL)
		v_setstr(a, v, "meeting_type", r->meeting->type);
	if (d != NULL && d->has_period)
		v_setstr(a, v, "period_cn", period_cn(d->period, buf));
	if (d != NULL && d->notice != NULL) {
		int running;
		const char *st = gen_notice_status(g->m, d->notice, &running);
		v_setstr(a, v, "status", st);
		v_setbool(a, v, "running", running);
	}
	return v;
}

struct val *
gen_summary(struct gen *g, struct record *r)
{
	/*
	 * The summary text exists once the body is rendered: a published
	 * record's by its page (pages.c, pass 1), so lists come after the
	 * record pages. A failed build may get here without it; its pages are
	 * thrown away.
	 */
	assert(r->rendered || g->failed);
	if (r->index < g->m->nrecs && g->m->recs[r->index] == r) {
		if (g->summary[r->index] == NULL)
			g->summary[r->index] = rec_summary(g, r);
		return g->summary[r->index];
	}
	return rec_summary(g, r);
}

struct val *
gen_ctx(struct gen *g, struct arena *a, const char *title, const char *url, const char *desc)
{
	struct val *ctx = v_map(a), *page = v_map(a);

	for (size_t i = 0; i < g->global->n; i++)
		v_set(a, ctx, g->global->keys[i], g->global->items[i]);
	v_setstr(a, page, "title", title);
	v_set(a, page, "url", v_url(a, arena_printf(a, "%sindex.html", url)));
	v_setstr(a, page, "description", desc ? desc : g->m->cfg->description);
	if (g->m->cfg->base_url[0])
		v_setstr(a, page, "canonical", arena_printf(a, "%s%s", g->m->cfg->base_url, url));
	v_setbool(a, page, "is_home", url[0] == '\0');
	v_set(a, ctx, "page", page);
	v_set(a, ctx, "crumbs", v_list(a));
	v_set(a, ctx, "toc", v_list(a));
	v_setbool(a, ctx, "show_site", 1);
	v_setbool(a, ctx, "compact", 0);	/* lists without summaries (site pages) */
	return ctx;
}

void
gen_crumb(struct arena *a, struct val *ctx, const char *title, const char *url)
{
	v_push(a, v_get(ctx, "crumbs"), gen_link(a, title, url));
}

/* Renders tmpl with ctx to <url>index.html (or to `file` when given). */
/* A page written: counted, and listed for the sitemap when it is <url>index.html. */
static void
written(struct gen *g, const char *url, int listed)
{
	pthread_mutex_lock(&written_lock);
	g->pages++;
	if (listed) {
		struct pagelist *w = g->written;
		if (w->n == w->cap) {
			w->cap = w->cap ? w->cap * 2 : 256;
			w->v = xrealloc(w->v, w->cap * sizeof *w->v);
		}
		w->v[w->n++] = xstrdup(url);
	}
	pthread_mutex_unlock(&written_lock);
}

static void
emit(struct gen *g, const char *tmpl, struct val *ctx, const char *url, const char *file, const uint64_t *key)
{
	struct sb html;
	char *root = file && strcmp(file, "404.html") == 0 ? NULL : root_prefix(url);
	char *rel = file ? xstrdup(file) : xasprintf("%sindex.html", url);

	if (g->failed)
		goto out;
	sb_init(&html);
	if (theme_render(g->th, tmpl, ctx, root ? root : (g->m->cfg->base_url[0] ? g->m->cfg->base_url : "/"),
	    &html, g->d) < 0)
		g->failed = 1;
	else if ((key ? out_put_keyed(g->out, rel, html.buf, html.len, *key) :
	    out_put(g->out, rel, html.buf, html.len)) < 0)
		g->failed = 1;
	else
		written(g, url, file == NULL);
	sb_free(&html);
out:
	free(root);
	free(rel);
}

void
gen_emit(struct gen *g, const char *tmpl, struct val *ctx, const char *url, const char *file)
{
	emit(g, tmpl, ctx, url, file, NULL);
}

void
gen_emit_keyed(struct gen *g, const char *tmpl, struct val *ctx, const char *url, uint64_t key)
{
	emit(g, tmpl, ctx, url, NULL, &key);
}

int
gen_keep(struct gen *g, const char *url, uint64_t key)
{
	char *rel;
	int rc;

	if (g->failed)
		return 0;
	rel = xasprintf("%sindex.html", url);
	rc = out_keep(g->out, rel, key);
	free(rel);
	if (rc != 0)
		return 1;
	written(g, url, 1);
	g->kept++;	/* g is this worker's own copy (pages.c) */
	return 0;
}

/*
 * Writes a paginated list of records at base ("work/", "sites/x/work/"):
 * base/index.html, base/page/2/index.html …
 */
/* {n, url, current} for page i (0-based) of a list at base. */
static struct val *
page_num(struct arena *a, const char *base, size_t i, size_t current)
{
	struct val *num = v_map(a);

	v_setint(a, num, "n", (long long)i + 1);
	v_set(a, num, "url", v_url(a, i == 0 ? arena_printf(a, "%sindex.html", base) :
	    arena_printf(a, "%spage/%zu/index.html", base, i + 1)));
	v_setbool(a, num, "current", i == current);
	return num;
}

/*
 * The page numbers a pager shows: the first, the last and two either side
 * of the current page, with a {gap} entry for each run left out. Listing
 * every page made each page of a 5,000-page list carry 5,000 links
 * (quadratic work, 250 KB pages at 100,000 records).
 */
#define PAGER_AROUND 2

static struct val *
page_nums(struct arena *a, const char *base, size_t pages, size_t p)
{
	struct val *nums = v_list(a);
	size_t last = 0;

	for (size_t i = 0; i < pages; i++) {
		if (i != 0 && i != pages - 1 && (i + PAGER_AROUND < p || i > p + PAGER_AROUND)) {
			/* skip to the window, or past it to the last page */
			i = i < p ? p - PAGER_AROUND - 1 : pages - 2;
			continue;
		}
		if (i > 0 && i != last + 1) {
			struct val *gap = v_map(a);

			v_setbool(a, gap, "gap", 1);
			v_push(a, nums, gap);
		}
		v_push(a, nums, page_num(a, base, i, p));
		last = i;
	}
	return nums;
}

void
gen_list(struct gen *g, const char *title, const char *base, struct record **recs, size_t n,
    const char *crumb_title, const char *crumb_url, int show_site)
{
	size_t per = (size_t)g->m->cfg->paginate;
	size_t pages = n ? (n + per - 1) / per : 1;

	for (size_t p = 0; p < pages && !g->failed; p++) {
		struct arena *a = arena_new();
		char *url = p == 0 ? xstrdup(base) : xasprintf("%spage/%zu/", base, p + 1);
		struct val *ctx = gen_ctx(g, a, title, url, NULL);
		struct val *list = v_map(a), *items = v_list(a);

		gen_crumb(a, ctx, "首页", "index.html");
		if (crumb_title)
			gen_crumb(a, ctx, crumb_title, crumb_url);
		for (size_t i = p * per; i < n && i < (p + 1) * per; i++)
			v_push(a, items, gen_summary(g, recs[i]));
		v_setstr(a, list, "title", title);
		v_set(a, list, "items", items);
		v_setint(a, list, "total", (long long)n);
		v_setbool(a, ctx, "show_site", show_site);
		v_setbool(a, list, "empty", n == 0);
		if (pages > 1)
			v_set(a, list, "pages", page_nums(a, base, pages, p));
		if (p > 0)
			v_set(a, list, "prev", page_num(a, base, p - 1, p));
		if (p + 1 < pages)
			v_set(a, list, "next", page_num(a, base, p + 1, p));
		v_set(a, ctx, "list", list);
		gen_emit(g, "list.html", ctx, url, NULL);
		free(url);
		arena_free(a);
	}
}

/* Published records (of kind k, or all when k < 0), newest first. Caller frees. */
struct record **
gen_published(struct model *m, int k, size_t *n)
{
	struct record **v = xcalloc(m->nrecs + 1, sizeof *v);

	*n = 0;
	for (size_t i = 0; i < m->nrecs; i++)
		if (m->recs[i]->published && (k < 0 || (int)m->recs[i]->kind == k) && m->recs[i]->fm.root)
			v[(*n)++] = m->recs[i];
	xqsort(v, *n, sizeof *v, record_newest_first);
	return v;
}

struct val *
gen_finance(struct arena *a, const struct finance *f)
{
	struct val *v = v_map(a);
	static const char *const sides[2] = { "income", "expense" };

	v_set(a, v, "opening", gen_money(a, f->opening.fen));
	v_set(a, v, "closing", gen_money(a, f->closing.fen));
	for (int s = 0; s < 2; s++) {
		struct val *l = v_list(a);

		for (size_t i = 0; i < f->nlines[s]; i++) {
			struct val *row = v_map(a);

			v_setstr(a, row, "item", f->lines[s][i].item);
			v_set(a, row, "amount", gen_money(a, f->lines[s][i].amount.fen));
			v_push(a, l, row);
		}
		v_set(a, v, sides[s], l);
	}
	v_set(a, v, "income_total", gen_money(a, f->sum[FIN_INCOME]));
	v_set(a, v, "expense_total", gen_money(a, f->sum[FIN_EXPENSE]));
	v_setbool(a, v, "balanced", f->opening.fen + f->sum[FIN_INCOME] - f->sum[FIN_EXPENSE] == f->closing.fen);
	return v;
}

struct val *
gen_rows(struct arena *a, const struct record *r, const char *rows, const struct pii_allow *allow,
    struct diags *d)
{
	char *dir = xstrndup(r->path, (size_t)(strrchr(r->path, '/') - r->path));
	char *path = path_join(dir, rows);
	struct csvtable *t;
	struct val *v = v_null();

	if (strstr(rows, "..") == NULL && strchr(rows, '/') == NULL &&
	    (t = csvtable_read(path, path, d)) != NULL) {
		struct val *head = v_list(a), *body = v_list(a);
		/* check_notice reported the table's numbers; here they are only masked */
		struct gate quiet = { allow, 0, NULL };

		gate_table(&quiet, t, path);

		v = v_map(a);
		for (size_t i = 0; i < t->ncols; i++)
			v_push(a, head, v_str(a, t->header[i]));
		for (size_t i = 0; i < t->nrows; i++) {
			struct val *row = v_list(a);
			for (size_t j = 0; j < t->ncols; j++)
				v_push(a, row, v_str(a, t->rows[i][j]));
			v_push(a, body, row);
		}
		v_set(a, v, "header", head);
		v_set(a, v, "rows", body);
		csvtable_free(t);
	}
	free(path);
	free(dir);
	return v;
}

struct val *
gen_notice(struct gen *g, struct arena *a, const struct notice *n)
{
	struct val *nv = v_map(a);
	int running;

	v_setstr(a, nv, "kind", n->kind);
	if (n->from.y)
		v_set(a, nv, "from_cn", gen_date(a, n->from));
	if (n->to.y)
		v_set(a, nv, "to_cn", gen_date(a, n->to));
	v_setstr(a, nv, "contact", n->contact);
	/* a resident taps the number to call it (issue 19) */
	v_set(a, nv, "contact_link", contact_val(a, n->contact));
	v_setstr(a, nv, "status", gen_notice_status(g->m, n, &running));
	v_setbool(a, nv, "running", running);
	return nv;
}

static struct val *
score_items(struct arena *a, const struct scorecard *sc)
{
	struct val *items = v_list(a);

	for (size_t i = 0; i < sc->nitems; i++) {
		struct val *row = v_map(a);

		v_setstr(a, row, "item", sc->items[i].item);
		v_setint(a, row, "max", sc->items[i].max);
		v_setint(a, row, "score", sc->items[i].score);
		v_push(a, items, row);
	}
	return items;
}

void
gen_score_fields(struct arena *a, struct val *v, const struct scorecard *sc)
{
	v_setstr(a, v, "stage", sc->stage_name);
	v_set(a, v, "scores", score_items(a, sc));
	v_setint(a, v, "total", sc->total);
	v_setint(a, v, "max", sc->max);
	v_setint(a, v, "pass_mark", sc->pass);
	v_setbool(a, v, "passed", sc->passed);
	v_setstr(a, v, "result", scorecard_result(sc));
}
