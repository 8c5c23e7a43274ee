/*
 * life_pages.c: what the life of a disclosure shows (life.h): the review,
 * corrections, objections and expiry on a page and its print sheet, the
 * withdrawal notices left at withdrawn records' URLs, and the
 * dashboard's list of disclosures without the review the rules require or
 * with an objection left unanswered past its time.
 */
#include <stdlib.h>
#include <string.h>

#include "csvtable.h"
#include "diag.h"
#include "frontmatter.h"
#include "gate.h"
#include "gongkai.h"
#include "markdown.h"
#include "life.h"
#include "model.h"
#include "render.h"
#include "util.h"
#include "value.h"

static struct val *
names_val(struct arena *a, const struct ynode *by)
{
	struct val *l = v_list(a);
	size_t cnt = by == NULL || by->null ? 0 : by->type == YNODE_SEQ ? by->n : 1;

	for (size_t i = 0; i < cnt; i++) {
		const struct ynode *it = by->type == YNODE_SEQ ? by->items[i] : by;
		if (it->type == YNODE_SCALAR && !it->null)
			v_push(a, l, v_str(a, it->str));
	}
	return l;
}

/* "张三、李四": the reviewers for a sentence. */
static const char *
names_joined(struct arena *a, const struct ynode *by)
{
	size_t cnt = by == NULL || by->null ? 0 : by->type == YNODE_SEQ ? by->n : 1;
	const char *s = NULL;

	for (size_t i = 0; i < cnt; i++) {
		const struct ynode *it = by->type == YNODE_SEQ ? by->items[i] : by;
		if (it->type == YNODE_SCALAR && !it->null)
			s = s ? arena_printf(a, "%s、%s", s, it->str) : arena_printf(a, "%s", it->str);
	}
	return s;
}

static struct val *
review_val(struct arena *a, const struct life_review *rv)
{
	struct val *v = v_map(a);

	v_setstr(a, v, "body", rv->body ? rv->body : "村务监督委员会");
	v_set(a, v, "by", names_val(a, rv->by));
	v_setstr(a, v, "names", names_joined(a, rv->by));
	v_set(a, v, "date_cn", gen_date(a, rv->date));
	v_setstr(a, v, "opinion", rv->opinion);
	return v;
}

static struct val *
corrections_val(struct arena *a, const struct life *l)
{
	struct val *v = v_list(a);

	for (size_t i = 0; i < l->ncorrections; i++) {
		struct val *c = v_map(a);

		v_set(a, c, "date_cn", gen_date(a, l->corrections[i].date));
		v_setstr(a, c, "reason", l->corrections[i].reason);
		v_push(a, v, c);
	}
	return v;
}

static struct val *
objections_val(struct arena *a, const struct life *l)
{
	struct val *v = v_list(a);

	for (size_t i = 0; i < l->nobjections; i++) {
		const struct life_objection *o = &l->objections[i];
		struct val *c = v_map(a);

		v_set(a, c, "received_cn", gen_date(a, o->received));
		v_setstr(a, c, "summary", o->summary);
		v_set(a, c, "replied_cn", gen_date(a, o->replied));
		v_setstr(a, c, "outcome", o->outcome);
		v_setbool(a, c, "overdue", o->overdue);
		if (o->replied.y == 0)
			v_setstr(a, c, "state", o->overdue ? "逾期未答复" : "待答复");
		else
			v_setstr(a, c, "state", "已答复");
		v_push(a, v, c);
	}
	return v;
}

long
life_rows_count(const struct record *r)
{
	const char *rows = r->disc != NULL ? r->disc->rows.s : NULL;
	char *dir, *path;
	struct csvtable *t;
	struct diags quiet;	/* check_notice reported any problem */
	long n = -1;

	if (rows == NULL || strchr(rows, '/') != NULL || strstr(rows, "..") != NULL)
		return -1;
	dir = xstrndup(r->path, (size_t)(strrchr(r->path, '/') - r->path));
	path = path_join(dir, rows);
	diags_init(&quiet);
	if ((t = csvtable_read(path, path, &quiet)) != NULL)
		n = (long)t->nrows;
	csvtable_free(t);
	diags_free(&quiet);
	free(path);
	free(dir);
	return n;
}

/* The reason of the earliest correction dated on or after d, or NULL. */
static const char *
reason_for(const struct life *l, struct date d)
{
	const struct life_dated *best = NULL;

	for (size_t c = 0; c < l->ncorrections; c++)
		if (l->corrections[c].date.y && date_cmp(l->corrections[c].date, d) >= 0 &&
		    (best == NULL || date_cmp(l->corrections[c].date, best->date) < 0))
			best = &l->corrections[c];
	return best ? best->reason : NULL;
}

/* The versions from git, newest first: {n, date_cn, url (earlier ones), current, reason}. */
static struct val *
revisions_val(struct arena *a, const struct record *r)
{
	const struct life *l = r->life;
	struct val *v = v_list(a);

	for (size_t k = l->nrevs; k-- > 0;) {
		struct val *e = v_map(a);

		v_setint(a, e, "n", (long long)(k + 1));
		v_set(a, e, "date_cn", gen_date(a, l->revs[k].date));
		v_setbool(a, e, "current", k + 1 == l->nrevs);
		if (k + 1 < l->nrevs)
			v_seturl(a, e, "url", arena_printf(a, "%sv%zu/index.html", r->url, k + 1));
		if (k > 0)
			v_setstr(a, e, "reason", reason_for(l, l->revs[k].date));
		v_push(a, v, e);
	}
	return v;
}

void
life_vals(struct arena *a, const struct record *r, struct val *rec)
{
	const struct life *l = r->life;

	if (l == NULL)
		return;
	if (l->review)
		v_set(a, rec, "review", review_val(a, l->review));
	if (l->ncorrections)
		v_set(a, rec, "corrections", corrections_val(a, l));
	if (l->nobjections)
		v_set(a, rec, "objections", objections_val(a, l));
	if (l->nrevs > 1)
		v_set(a, rec, "revisions", revisions_val(a, r));
	if (l->expired) {
		struct val *e = v_map(a);
		long n = life_rows_count(r);

		if (n >= 0)
			v_setint(a, e, "count", n);
		v_set(a, e, "on_cn", gen_date(a, l->expired_on));
		v_set(a, rec, "expired", e);
	}
}

static void
write_notice(struct gen *g, struct record *r)
{
	struct arena *a = arena_new();
	char *title = xasprintf("已撤回：%s", r->title ? r->title : r->slug);
	struct val *ctx = gen_ctx(g, a, title, r->url, "本条公开信息已撤回。"), *w = v_map(a);
	char *file = xasprintf("%sindex.html", r->url);

	v_setstr(a, w, "title", r->title);
	v_set(a, w, "date_cn", gen_date(a, r->life->withdrawn->date));
	v_setstr(a, w, "reason", r->life->withdrawn->reason);
	v_setstr(a, w, "site_name", r->site->name);
	v_seturl(a, w, "site_url", arena_printf(a, "%sindex.html", r->site->url));
	v_set(a, ctx, "withdrawn", w);
	/* a notice, not content: search engines drop the old page, and no list or sitemap links it */
	v_setbool(a, v_get(ctx, "page"), "noindex", 1);
	gen_crumb(a, ctx, "首页", "index.html");
	gen_crumb(a, ctx, r->site->name, arena_printf(a, "%sindex.html", r->site->url));
	/* given as a file: the notice is no page of the site's content, so not in the sitemap */
	gen_emit(g, "withdrawn.html", ctx, r->url, file);
	free(file);
	arena_free(a);
	free(title);
}

/*
 * An earlier version k (0-based) of r at <url>v<k+1>/: its body, masked by
 * the gate like every text, under a banner that links the current page.
 * Only the body: the tables of the current page are the ones checked.
 */
static void
write_version(struct gen *g, struct record *r, size_t k)
{
	const struct life_rev *v = &r->life->revs[k];
	struct gate quiet = { g->m->cfg->pii_allow, 0, NULL };
	struct md_opts o;
	struct md_doc doc;
	struct diags dq;
	struct fm fm;
	struct arena *a;
	struct val *ctx, *ver;
	char *url, *file, *title;

	diags_init(&dq);
	memset(&fm, 0, sizeof fm);
	memset(&o, 0, sizeof o);
	memset(&doc, 0, sizeof doc);
	o.gate = &quiet;
	o.path = r->path;
	o.make = MD_HTML;
	if (v->text && fm_parse(r->path, v->text, v->len, 0, &fm, &dq) == 0 && fm.body)
		md_render(fm.body, fm.body_len, &o, &doc);
	a = arena_new();
	url = xasprintf("%sv%zu/", r->url, k + 1);
	file = xasprintf("%sindex.html", url);
	title = xasprintf("%s（第%zu版）", r->title, k + 1);
	ctx = gen_ctx(g, a, title, url, NULL);
	ver = v_map(a);
	v_setstr(a, ver, "title", r->title);
	v_setint(a, ver, "n", (long long)(k + 1));
	v_setint(a, ver, "count", (long long)r->life->nrevs);
	v_set(a, ver, "date_cn", gen_date(a, v->date));
	v_seturl(a, ver, "current_url", arena_printf(a, "%sindex.html", r->url));
	v_set(a, ver, "body", v_html(a, doc.html ? doc.html : ""));
	v_set(a, ctx, "version", ver);
	v_setbool(a, v_get(ctx, "page"), "noindex", 1);
	gen_crumb(a, ctx, "首页", "index.html");
	gen_crumb(a, ctx, r->site->name, arena_printf(a, "%sindex.html", r->site->url));
	gen_crumb(a, ctx, r->title, arena_printf(a, "%sindex.html", r->url));
	gen_emit(g, "version.html", ctx, url, file);
	arena_free(a);
	free(title);
	free(file);
	free(url);
	md_doc_free(&doc);
	fm_free(&fm);
	diags_free(&dq);
}

void
life_pages(struct gen *g)
{
	for (size_t i = 0; i < g->m->nrecs && !g->failed; i++) {
		struct record *r = g->m->recs[i];

		if (r->life && r->life->withdrawn && r->life->was_published)
			write_notice(g, r);
		for (size_t k = 0; r->life && r->published && k + 1 < r->life->nrevs; k++)
			write_version(g, r, k);
	}
}

static struct val *
entry(struct arena *a, const struct record *r, const char *problem)
{
	struct val *v = gen_link(a, r->title, arena_printf(a, "%sindex.html", r->url));

	v_setstr(a, v, "site_name", r->site->name);
	v_seturl(a, v, "site_url", arena_printf(a, "%sindex.html", r->site->url));
	v_setstr(a, v, "problem", problem);
	return v;
}

struct val *
life_dashboard_val(struct gen *g, struct arena *a, const struct site *s)
{
	struct val *l = v_list(a);

	for (size_t i = 0; i < s->nrecs[KIND_DISCLOSURES]; i++) {
		const struct record *r = s->recs[KIND_DISCLOSURES][i];
		const struct life *lf = r->life;
		char d1[11], d2[11];

		if (lf == NULL)
			continue;
		if (lf->review_missing)
			v_push(a, l, entry(a, r, "未经村务监督委员会（民主理财小组）审核"));
		for (size_t k = 0; k < lf->nobjections; k++)
			if (lf->objections[k].overdue)
				v_push(a, l, entry(a, r, arena_printf(a, "异议逾期未答复（%s 收到，答复期限 %s）",
				    date_iso(lf->objections[k].received, d1), date_iso(lf->objections[k].due, d2))));
	}
	(void)g;
	return l;
}
