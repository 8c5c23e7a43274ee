/*
 * pages.c: every page of the site. For each page we build the values its
 * template gets (see README, "Templates"), render it, and hand the bytes to
 * output.c. Values live in a per-page arena, except record summaries, which
 * are made once per build and shared by every list that shows them.
 */
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "attach.h"
#include "csvtable.h"
#include "gongkai.h"
#include "model.h"
#include "money.h"
#include "output.h"
#include "pool.h"
#include "schema.h"
#include "template.h"
#include "util.h"
#include "value.h"
#include "render.h"
#include "gate.h"
#include "privacy.h"
#include "search.h"

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- small value makers ---- */

static struct val *
v_toc(struct arena *a, const struct md_doc *body)
{
	struct val *l = v_list(a);
	size_t n23 = 0;
	int deepest;

	for (size_t i = 0; i < body->ntoc; i++)
		n23 += body->toc[i].level == 2 || body->toc[i].level == 3;
	/* a long document (the county plan) lists its sections only: a phone screen, not a page of links */
	deepest = n23 > 12 ? 2 : 3;
	for (size_t i = 0; i < body->ntoc; i++) {
		struct val *h = v_map(a);

		if (body->toc[i].level < 2 || body->toc[i].level > deepest)
			continue;
		v_setstr(a, h, "id", body->toc[i].id);
		v_setstr(a, h, "text", body->toc[i].text);
		v_setstr(a, h, "href", arena_printf(a, "#%s", body->toc[i].id));
		v_setint(a, h, "level", body->toc[i].level);
		v_setstr(a, h, "cls", body->toc[i].level == 3 ? "sub" : NULL);
		v_push(a, l, h);
	}
	/* A contents list of one heading helps nobody. */
	return l->n >= 2 ? l : v_list(a);
}

/* ---- page plumbing ---- */

/* ---- global values ---- */

static void
make_global(struct gen *g)
{
	struct arena *a = g->build;
	struct config *c = g->m->cfg;
	struct val *site = v_map(a), *nav = v_list(a), *footer = v_map(a);
	char buf[32];
	static const struct { const char *title, *url; } fixed[] = {
		{ "首页", "" }, { "示范点", "sites/" }, { "三公开", "disclosures/" },
		{ "工作记录", "work/" }, { "会议记录", "meetings/" }, { "典型经验", "cases/" },
		{ "考核评分", "assessments/" }, { "年度报告", "reports/" }, { "年度档案", "archive/" },
		{ "公开情况", "dashboard/" },
	};

	v_setstr(a, site, "title", c->title);
	v_setstr(a, site, "description", c->description);
	v_setstr(a, site, "language", c->language);
	v_setstr(a, site, "base_url", c->base_url[0] ? c->base_url : NULL);
	v_setstr(a, site, "as_of_cn", date_cn(c->as_of, buf));
	if (c->footer)
		for (size_t i = 0; i < c->footer->n; i++)
			v_setstr(a, footer, c->footer->ents[i].key->str, c->footer->ents[i].val->str);
	v_set(a, site, "footer", footer);
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		v_push(a, nav, gen_link(a, fixed[i].title, arena_printf(a, "%sindex.html", fixed[i].url)));
	for (size_t i = 0; i < g->m->npages; i++) {
		struct page *p = g->m->pages[i];
		if (p->menu && (!p->draft || g->m->drafts))
			v_push(a, nav, gen_link(a, p->title, arena_printf(a, "%sindex.html", p->url)));
	}
	g->global = v_map(a);
	v_set(a, g->global, "site", site);
	v_set(a, g->global, "nav", nav);
	v_setstr(a, g->global, "generator", "gongkai " GONGKAI_VERSION);
}

/* ---- lists ---- */

static void
write_kind_lists(struct gen *g)
{
	for (int k = 0; k < KIND__COUNT; k++) {
		size_t n;
		struct record **v = gen_published(g->m, k, &n);
		char *base = xasprintf("%s/", kind_dir[k]);

		/* cases.c and scoreboard.c write these two county-wide pages */
		if (k != KIND_CASES && k != KIND_ASSESSMENTS)
			gen_list(g, kind_cn[k], base, v, n, NULL, NULL, 1);
		free(base);
		free(v);
		for (size_t i = 0; i < g->m->nsites; i++) {
			struct site *s = g->m->sites[i];
			char *sb = xasprintf("%s%s/", s->url, kind_dir[k]);
			char *title = xasprintf("%s · %s", s->name, kind_cn[k]);
			char *surl = xasprintf("%sindex.html", s->url);

			gen_list(g, title, sb, s->recs[k], s->nrecs[k], s->name, surl, 0);
			free(sb);
			free(title);
			free(surl);
		}
	}
}

/* ---- tags ---- */

struct tagref {
	const char	*tag;
	struct record	*rec;
};

static int
tagref_cmp(const void *x, const void *y)
{
	const struct tagref *a = x, *b = y;
	int c = strcmp(a->tag, b->tag);

	return c ? c : record_newest_first(&a->rec, &b->rec);
}

static void
write_tags(struct gen *g)
{
	struct model *m = g->m;
	struct tagref *refs = NULL;
	size_t n = 0, cap = 0;
	struct arena *a = arena_new();
	struct val *ctx = gen_ctx(g, a, "标签", "tags/", NULL), *tags = v_list(a);

	for (size_t i = 0; i < m->nrecs; i++) {
		struct record *r = m->recs[i];
		struct ynode *t = r->published ? ymap_get(r->fm.root, "tags") : NULL;
		size_t cnt = t ? (t->type == YNODE_SEQ ? t->n : 1) : 0;

		for (size_t j = 0; j < cnt; j++) {
			struct ynode *tn = t->type == YNODE_SEQ ? t->items[j] : t;
			if (tn->type != YNODE_SCALAR || tn->null)
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				refs = xrealloc(refs, cap * sizeof *refs);
			}
			refs[n].tag = tn->str;
			refs[n++].rec = r;
		}
	}
	if (n)
		xqsort(refs, n, sizeof *refs, tagref_cmp);
	gen_crumb(a, ctx, "首页", "index.html");
	for (size_t i = 0; i < n && !g->failed;) {
		size_t j = i;
		struct record **recs;
		char *slug = gen_tag_slug(refs[i].tag), *url = xasprintf("tags/%s/", slug);
		char *title = xasprintf("标签：%s", refs[i].tag);
		struct val *tv = v_map(a);

		while (j < n && strcmp(refs[j].tag, refs[i].tag) == 0)
			j++;
		recs = xcalloc(j - i, sizeof *recs);
		for (size_t k = i; k < j; k++)
			recs[k - i] = refs[k].rec;
		gen_list(g, title, url, recs, j - i, "标签", "tags/index.html", 1);
		v_setstr(a, tv, "name", refs[i].tag);
		v_set(a, tv, "url", v_url(a, arena_printf(a, "%sindex.html", url)));
		v_setint(a, tv, "count", (long long)(j - i));
		v_push(a, tags, tv);
		free(recs);
		free(slug);
		free(url);
		free(title);
		i = j;
	}
	v_set(a, ctx, "tags", tags);
	gen_emit(g, "tags.html", ctx, "tags/", NULL);
	arena_free(a);
	free(refs);
}

/* ---- record pages ---- */

static struct val *
meeting_val(struct arena *a, const struct record *r)
{
	const struct ynode *fm = r->fm.root;
	const struct meeting *mt = r->meeting;
	struct val *v = v_map(a), *absent = v_list(a), *agenda = v_list(a), *res = v_list(a);
	struct ynode *n;

	v_setstr(a, v, "type", mt->type);
	v_setstr(a, v, "location", ymap_str(fm, "location"));
	v_setstr(a, v, "host", ymap_str(fm, "host"));
	v_setstr(a, v, "recorder", ymap_str(fm, "recorder"));
	if (mt->expected >= 0)
		v_setint(a, v, "expected", mt->expected);
	if (mt->present >= 0)
		v_setint(a, v, "present", mt->present);
	if ((n = ymap_get(fm, "absent")) != NULL && n->type == YNODE_SEQ)
		for (size_t i = 0; i < n->n; i++) {
			struct val *p = v_map(a);
			v_setstr(a, p, "name", ymap_str(n->items[i], "name"));
			v_setstr(a, p, "reason", ymap_str(n->items[i], "reason"));
			v_push(a, absent, p);
		}
	if ((n = ymap_get(fm, "agenda")) != NULL) {
		if (n->type == YNODE_SEQ)
			for (size_t i = 0; i < n->n; i++)
				v_push(a, agenda, v_str(a, n->items[i]->str));
		else if (!n->null)
			v_push(a, agenda, v_str(a, n->str));
	}
	for (size_t i = 0; i < mt->nres; i++) {
		const struct resolution *rs = &mt->res[i];
		struct val *p = v_map(a);

		v_setstr(a, p, "item", rs->item);
		v_setint(a, p, "for", rs->votes_for);
		v_setint(a, p, "against", rs->against);
		v_setint(a, p, "abstain", rs->abstain);
		v_setbool(a, p, "passed", rs->passed);
		v_setstr(a, p, "result", rs->passed ? "通过" : "未通过");
		v_push(a, res, p);
	}
	v_set(a, v, "absent", absent);
	v_set(a, v, "agenda", agenda);
	v_set(a, v, "resolutions", res);
	v_setstr(a, v, "rule", meeting_vote_rule(mt));
	return v;
}

static struct val *
assessment_val(struct arena *a, const struct record *r)
{
	const struct scorecard *sc = r->score;
	struct val *v = v_map(a), *items = v_list(a);

	for (size_t i = 0; i < sc->nitems; i++) {
		struct val *row = v_map(a);

		v_setstr(a, row, "item", sc->items[i].item);
		v_setint(a, row, "max", sc->items[i].max);
		v_setint(a, row, "score", sc->items[i].score);
		v_push(a, items, row);
	}
	v_setstr(a, v, "year", ymap_str(r->fm.root, "year"));
	v_setstr(a, v, "stage", ymap_str(r->fm.root, "stage"));
	v_set(a, v, "scores", items);
	v_setint(a, v, "total", sc->total);
	v_setint(a, v, "max", sc->max);
	v_setint(a, v, "pass_mark", sc->pass);
	v_setbool(a, v, "passed", sc->passed);
	v_setbool(a, v, "verified", sc->verified);
	v_setstr(a, v, "result", scorecard_result(sc));
	return v;
}

static struct val *
evidence_val(struct gen *g, struct arena *a, struct record *r, const struct ynode *ev)
{
	struct val *l = v_list(a);

	for (size_t i = 0; ev && ev->type == YNODE_SEQ && i < ev->n; i++) {
		struct record *t = model_resolve(g->m, r, ev->items[i]->str);

		if (t && t->published)
			v_push(a, l, gen_summary(g, t));
	}
	return l;
}

static void
write_record(struct gen *g, struct record *r, char **text)
{
	struct arena *a;
	char *html;
	struct val *ctx, *rec, *sum, *tags, *att;
	struct ynode *fm = r->fm.root, *n;
	const char *s;

	/* first: in a build this is the body's only rendering, which makes the summary */
	if (model_record_page_body(g->m, r, g->d, &html, text) < 0) {
		g->failed = 1;
		return;
	}
	a = arena_new();
	ctx = gen_ctx(g, a, r->title, r->url, r->summary);
	rec = v_map(a);
	sum = gen_summary(g, r);
	tags = v_list(a);
	att = v_list(a);
	for (size_t i = 0; i < sum->n; i++)
		v_set(a, rec, sum->keys[i], sum->items[i]);
	v_set(a, rec, "body", v_html(a, html));
	free(html);
	v_set(a, ctx, "toc", v_toc(a, &r->body));
	if ((n = ymap_get(fm, "tags")) != NULL) {
		size_t cnt = n->type == YNODE_SEQ ? n->n : 1;
		for (size_t i = 0; i < cnt; i++) {
			struct ynode *t = n->type == YNODE_SEQ ? n->items[i] : n;
			if (t->type != YNODE_SCALAR || t->null)
				continue;
			char *slug = gen_tag_slug(t->str);
			v_push(a, tags, gen_link(a, t->str, arena_printf(a, "tags/%s/index.html", slug)));
			free(slug);
		}
	}
	v_set(a, rec, "tags", tags);
	if ((n = ymap_get(fm, "attachments")) != NULL) {
		size_t cnt = n->type == YNODE_SEQ ? n->n : 1;
		for (size_t i = 0; i < cnt; i++) {
			struct ynode *t = n->type == YNODE_SEQ ? n->items[i] : n;
			const char *f = t->str;
			if (t->null)
				continue;
			if (strncmp(f, "static/", 7) == 0)
				f += 7;
			const char *base = strrchr(f, '/');
			char *href = attach_href(f);
			v_push(a, att, gen_link(a, base ? base + 1 : f, href));
			free(href);
		}
	}
	v_set(a, rec, "attachments", att);
	switch (r->kind) {
	case KIND_MEETINGS:
		if (r->meeting != NULL)
			v_set(a, rec, "meeting", meeting_val(a, r));
		break;
	case KIND_DISCLOSURES:
		if ((n = ymap_get(fm, "finance")) != NULL && n->type == YNODE_MAP)
			v_set(a, rec, "finance", gen_finance(a, n));
		if ((n = ymap_get(fm, "notice")) != NULL && n->type == YNODE_MAP)
			v_set(a, rec, "notice", gen_notice(g, a, n));
		if ((s = ymap_str(fm, "rows")) != NULL)
			v_set(a, rec, "rows", gen_rows(a, r, s, g->m->cfg->pii_allow, g->d));
		print_record_vals(g, a, r, rec, 1);
		break;
	case KIND_CASES:
		v_setstr(a, rec, "requirement", ymap_str(fm, "requirement"));
		v_setstr(a, rec, "promoted", ymap_str(fm, "promoted"));
		v_set(a, rec, "evidence", evidence_val(g, a, r, ymap_get(fm, "evidence")));
		break;
	case KIND_ASSESSMENTS:
		if (r->score != NULL)
			v_set(a, rec, "assessment", assessment_val(a, r));
		break;
	case KIND_REPORTS:
		v_setstr(a, rec, "year", ymap_str(fm, "year"));
		break;
	default:
		break;
	}
	v_set(a, ctx, "rec", rec);
	gen_crumb(a, ctx, "首页", "index.html");
	gen_crumb(a, ctx, r->site->name, arena_printf(a, "%sindex.html", r->site->url));
	gen_crumb(a, ctx, kind_cn[r->kind], arena_printf(a, "%s%s/index.html", r->site->url, kind_dir[r->kind]));
	gen_emit(g, "record.html", ctx, r->url, NULL);
	arena_free(a);
}

/* ---- sites ---- */

static const struct { const char *key, *label; } stat_rows[] = {
	{ "villages", "行政村（个）" }, { "groups", "村民小组（个）" }, { "households", "户数（户）" },
	{ "population", "人口（人）" }, { "farmland_mu", "耕地（亩）" },
	{ "income_per_capita", "人均纯收入（元）" }, { "grain_per_capita_kg", "人均占有粮（公斤）" },
	{ "party_branches", "党支部（个）" }, { "party_members", "党员（名）" },
};

/* The stats as a table: one row per figure, one column per year. */
static struct val *
stats_val(struct arena *a, const struct ynode *stats)
{
	struct val *v = v_map(a), *years = v_list(a), *rows = v_list(a);

	if (stats == NULL || stats->type != YNODE_SEQ || stats->n == 0)
		return v_null();
	for (size_t i = 0; i < stats->n; i++)
		v_push(a, years, v_str(a, ymap_str(stats->items[i], "year")));
	for (size_t k = 0; k < sizeof stat_rows / sizeof stat_rows[0]; k++) {
		struct val *row = v_map(a), *cells = v_list(a);
		int any = 0;

		for (size_t i = 0; i < stats->n; i++) {
			const char *s = ymap_str(stats->items[i], stat_rows[k].key);
			v_push(a, cells, v_str(a, s ? s : "—"));
			any |= s != NULL;
		}
		if (!any)
			continue;
		v_setstr(a, row, "label", stat_rows[k].label);
		v_set(a, row, "cells", cells);
		v_push(a, rows, row);
	}
	v_set(a, v, "years", years);
	v_set(a, v, "rows", rows);
	return v;
}

/* Latest-year figures in one line, for cards. */
static const char *
stats_line(struct arena *a, const struct ynode *stats)
{
	const struct ynode *last;
	const char *pop, *hh, *mem;

	if (stats == NULL || stats->type != YNODE_SEQ || stats->n == 0)
		return NULL;
	last = stats->items[stats->n - 1];
	pop = ymap_str(last, "population");
	hh = ymap_str(last, "households");
	mem = ymap_str(last, "party_members");
	return arena_printf(a, "%s户 · %s人 · 党员%s名", hh ? hh : "—", pop ? pop : "—", mem ? mem : "—");
}

static struct val *
site_card(struct gen *g, struct arena *a, struct site *s)
{
	struct val *v = v_map(a);
	char buf[16];

	v_setstr(a, v, "id", s->id);
	v_setstr(a, v, "name", s->name);
	v_set(a, v, "url", v_url(a, arena_printf(a, "%sindex.html", s->url)));
	v_setstr(a, v, "level", s->level);
	v_setstr(a, v, "type", s->type);
	v_setstr(a, v, "location", s->location);
	v_setstr(a, v, "summary", ymap_str(s->fm.root, "summary") ? ymap_str(s->fm.root, "summary") :
	    s->body.first_para);
	v_setstr(a, v, "stats_line", stats_line(a, ymap_get(s->fm.root, "stats")));
	if (s->parent)
		v_set(a, v, "parent", gen_link(a, s->parent->name, arena_printf(a, "%sindex.html", s->parent->url)));
	size_t total = 0;
	for (int k = 0; k < KIND__COUNT; k++)
		total += s->nrecs[k];
	v_setint(a, v, "records", (long long)total);
	(void)g;
	(void)buf;
	return v;
}

static void
write_site(struct gen *g, struct site *s)
{
	struct arena *a = arena_new();
	struct val *ctx = gen_ctx(g, a, s->name, s->url, NULL);
	struct val *sv = site_card(g, a, s), *sections = v_list(a), *children = v_list(a);
	char buf[32];

	v_set(a, sv, "body", v_html(a, s->body.html ? s->body.html : ""));
	v_set(a, ctx, "toc", v_toc(a, &s->body));
	v_set(a, sv, "stats", stats_val(a, ymap_get(s->fm.root, "stats")));
	if (s->since.y)
		v_setstr(a, sv, "since_cn", date_cn(s->since, buf));
	for (size_t i = 0; i < g->m->nsites; i++)
		if (g->m->sites[i]->parent == s)
			v_push(a, children, site_card(g, a, g->m->sites[i]));
	v_set(a, sv, "children", children);
	for (int k = 0; k < KIND__COUNT; k++) {
		struct val *sec = v_map(a), *items = v_list(a);

		v_setstr(a, sec, "kind", kind_dir[k]);
		v_setstr(a, sec, "title", kind_cn[k]);
		v_set(a, sec, "url", v_url(a, arena_printf(a, "%s%s/index.html", s->url, kind_dir[k])));
		v_setint(a, sec, "count", (long long)s->nrecs[k]);
		for (size_t i = 0; i < s->nrecs[k] && i < 5; i++)
			v_push(a, items, gen_summary(g, s->recs[k][i]));
		v_set(a, sec, "items", items);
		v_setbool(a, sec, "more", s->nrecs[k] > 5);
		v_push(a, sections, sec);
	}
	v_set(a, sv, "sections", sections);
	v_set(a, sv, "dashboard", dashboard_site_val(g, a, s));
	archive_site_vals(g, a, s, sv);
	v_setbool(a, ctx, "show_site", 0);
	/* six sections of latest records: titles and dates keep the page light on a phone */
	v_setbool(a, ctx, "compact", 1);
	v_set(a, ctx, "s", sv);
	gen_crumb(a, ctx, "首页", "index.html");
	gen_crumb(a, ctx, "示范点", "sites/index.html");
	gen_emit(g, "site.html", ctx, s->url, NULL);
	arena_free(a);
}

/* A town first, then its villages: the order people read an administrative list in. */
static int
site_cmp(const void *x, const void *y)
{
	const struct site *a = *(struct site *const *)x, *b = *(struct site *const *)y;
	const char *ka = a->parent ? a->parent->id : a->id, *kb = b->parent ? b->parent->id : b->id;
	int c = strcmp(ka, kb);

	if (c)
		return c;
	if ((a->parent != NULL) != (b->parent != NULL))
		return a->parent ? 1 : -1;
	return strcmp(a->id, b->id);
}

static struct site **
site_order(const struct model *m)
{
	struct site **v = xcalloc(m->nsites + 1, sizeof *v);

	memcpy(v, m->sites, m->nsites * sizeof *v);
	xqsort(v, m->nsites, sizeof *v, site_cmp);
	return v;
}

static struct val *
sites_by_type(struct gen *g, struct arena *a)
{
	struct val *groups = v_list(a);

	for (int t = 0; schema_site_types[t] || t == 3; t++) {
		const char *type = schema_site_types[t];
		struct val *grp = v_map(a), *list = v_list(a);

		struct site **order = site_order(g->m);

		for (size_t i = 0; i < g->m->nsites; i++) {
			const char *st = order[i]->type;
			if ((type && st && strcmp(st, type) == 0) || (!type && !st))
				v_push(a, list, site_card(g, a, order[i]));
		}
		free(order);
		if (list->n) {
			v_setstr(a, grp, "type", type ? type : "其他");
			v_set(a, grp, "sites", list);
			v_push(a, groups, grp);
		}
		if (!type)
			break;
	}
	return groups;
}

static void
write_sites_index(struct gen *g)
{
	struct arena *a = arena_new();
	struct val *ctx = gen_ctx(g, a, "示范点", "sites/", NULL);

	v_set(a, ctx, "groups", sites_by_type(g, a));
	gen_crumb(a, ctx, "首页", "index.html");
	gen_emit(g, "sites.html", ctx, "sites/", NULL);
	arena_free(a);
}

static void
write_home(struct gen *g)
{
	struct arena *a = arena_new();
	struct val *ctx = gen_ctx(g, a, g->m->cfg->title, "", NULL);
	struct val *latest = v_list(a), *featured = v_list(a), *counts = v_map(a);
	size_t n, nc;
	struct record **all = gen_published(g->m, -1, &n), **cases = gen_published(g->m, KIND_CASES, &nc);

	for (size_t i = 0; i < n && i < 10; i++)
		v_push(a, latest, gen_summary(g, all[i]));
	for (size_t i = 0; i < nc && featured->n < 6; i++) {
		const char *p = ymap_str(cases[i]->fm.root, "promoted");
		if (p && (strcmp(p, "县") == 0 || strcmp(p, "州") == 0))
			v_push(a, featured, gen_summary(g, cases[i]));
	}
	v_setint(a, counts, "sites", (long long)g->m->nsites);
	v_setint(a, counts, "records", (long long)n);
	v_set(a, ctx, "groups", sites_by_type(g, a));
	v_set(a, ctx, "latest", latest);
	v_set(a, ctx, "featured", featured);
	v_set(a, ctx, "counts", counts);
	gen_emit(g, "home.html", ctx, "", NULL);
	free(all);
	free(cases);
	arena_free(a);
}

static void
write_pages(struct gen *g)
{
	for (size_t i = 0; i < g->m->npages; i++) {
		struct page *p = g->m->pages[i];
		struct arena *a;
		struct val *ctx, *pv;

		if (p->draft && !g->m->drafts)
			continue;
		a = arena_new();
		ctx = gen_ctx(g, a, p->title, p->url, ymap_str(p->fm.root, "summary"));
		pv = v_map(a);
		v_setstr(a, pv, "title", p->title);
		v_set(a, pv, "date_cn", gen_date(a, p->date));
		v_setstr(a, pv, "author", ymap_str(p->fm.root, "author"));
		v_set(a, pv, "body", v_html(a, p->body.html ? p->body.html : ""));
		v_set(a, ctx, "toc", v_toc(a, &p->body));
		v_set(a, ctx, "p", pv);
		gen_crumb(a, ctx, "首页", "index.html");
		gen_emit(g, "page.html", ctx, p->url, NULL);
		arena_free(a);
	}
}

/* Appends every scalar under node (a list of agenda items, a ledger …). */
static void
index_values(struct sb *b, const struct ynode *n, int depth)
{
	if (n == NULL || depth > 4)
		return;
	if (n->type == YNODE_SCALAR) {
		if (!n->null) {
			sb_puts(b, n->str);
			sb_putc(b, '\n');
		}
		return;
	}
	for (size_t i = 0; i < n->n; i++)
		index_values(b, n->type == YNODE_SEQ ? n->items[i] : n->ents[i].val, depth + 1);
}

/*
 * The front matter a record page shows as text: meeting agenda and
 * resolutions, ledger lines, 公示 details, case and assessment fields, tags,
 * the date as the page writes it. Numbers masked later like the body.
 */
static void
index_fields(struct sb *b, const struct model *m, const struct record *r)
{
	const struct ynode *ev = ymap_get(r->fm.root, "evidence");

	static const char *const keys[] = {
		"meeting_type", "location", "host", "recorder", "agenda", "resolutions", "category",
		"author", "notice", "finance", "requirement", "promoted", "stage", "scores", "tags", NULL
	};
	char buf[32];

	for (int i = 0; keys[i]; i++)
		index_values(b, ymap_get(r->fm.root, keys[i]), 0);
	if (r->date.y)
		sb_printf(b, "%s\n", date_cn(r->date, buf));
	/* a case page lists its evidence by title */
	for (size_t i = 0; ev != NULL && ev->type == YNODE_SEQ && i < ev->n; i++) {
		const struct record *t = model_resolve(m, r, ev->items[i]->str);
		if (t != NULL && t->published && t->title != NULL)
			sb_printf(b, "%s\n", t->title);
	}
}

/* Wrapper: search.c writes through output.c, so atomic output applies. */
static int
search_put(void *ctx, const char *relpath, const char *data, size_t len)
{
	return out_put_now(ctx, relpath, data, len);
}

/*
 * Record pages hand their text to the search thread (issue 7: the text of
 * 100,000 records is a quarter of a GiB, and rendering it a third time on
 * the search thread cost a fifth of the build). The pages are written
 * newest first, the order the index reads them, so a text waits only as
 * long as the index lags behind the pages.
 */
struct texts {
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	unsigned char	*ready;		/* by record index: text handed over (NULL on failure) */
	int		 closed;	/* no more texts will come */
};

static struct texts *
texts_new(size_t nrecs)
{
	struct texts *t = xcalloc(1, sizeof *t);

	pthread_mutex_init(&t->mu, NULL);
	pthread_cond_init(&t->cv, NULL);
	t->ready = xcalloc(nrecs + 1, 1);
	return t;
}

static void
texts_free(struct texts *t)
{
	if (t == NULL)
		return;
	pthread_mutex_destroy(&t->mu);
	pthread_cond_destroy(&t->cv);
	free(t->ready);
	free(t);
}

/* A record page's text, or NULL when its page failed. */
static void
texts_put(struct texts *t, struct record *r, char *text)
{
	pthread_mutex_lock(&t->mu);
	r->body.text = text;
	t->ready[r->index] = 1;
	pthread_cond_broadcast(&t->cv);
	pthread_mutex_unlock(&t->mu);
}

/* After the record pages (and on every way out): nobody waits for more. */
static void
texts_close(struct texts *t)
{
	pthread_mutex_lock(&t->mu);
	t->closed = 1;
	pthread_cond_broadcast(&t->cv);
	pthread_mutex_unlock(&t->mu);
}

/* Waits for r's text and takes it; NULL when it will not come. */
static char *
texts_take(struct texts *t, struct record *r)
{
	char *text;

	pthread_mutex_lock(&t->mu);
	while (!t->ready[r->index] && !t->closed)
		pthread_cond_wait(&t->cv, &t->mu);
	text = r->body.text;
	r->body.text = NULL;
	pthread_mutex_unlock(&t->mu);
	return text;
}

/*
 * The static search index (search.c). Text is masked before it is indexed,
 * so a personal number is not even a token; internal records and drafts are
 * never added. Records go in newest first, the order the index numbers them,
 * so search_write has nothing to renumber and each record's text files can
 * be written as it is added (search_stream). Returns 0 or -1.
 */
static int
build_search_index(struct search_index *ix, struct model *m, struct out *out, struct diags *d,
    struct texts *texts)
{
	struct record **v;
	size_t n;
	char date[11], *body;
	int rc = 0;

	v = gen_published(m, -1, &n);
	/* Streamed (search.h): the index writes each record's text files as it goes. */
	for (size_t i = 0; i < n; i++) {
		search_label(ix, 's', v[i]->site->id, v[i]->site->name);
		search_label(ix, 'k', kind_dir[v[i]->kind], kind_cn[v[i]->kind]);
	}
	search_stream(ix, search_put, out);
	for (size_t i = 0; i < n; i++) {
		struct record *r = v[i];
		struct sb text;
		char *url, *masked;
		size_t mlen, found;

		sb_init(&text);
		/* everything the page shows that a reader might type, not only the body */
		index_fields(&text, m, r);
		body = NULL;
		if (texts != NULL)
			body = texts_take(texts, r);
		else
			(void)model_record_body(m, r, d, NULL, &body);
		if (body == NULL) {
			sb_free(&text);
			rc = -1;
			break;
		}
		sb_puts(&text, body);
		free(body);
		/* made from gated text: a second net, as output.c's */
		masked = pii_mask_text(sb_str(&text), text.len, PII_TEXT, m->cfg->pii_allow, &mlen, &found);
		url = xasprintf("%sindex.html", r->url);
		/* a failure (a file not written) is search_write's to report */
		(void)search_add(ix, url, r->title, r->site->id, r->site->name, kind_dir[r->kind], kind_cn[r->kind],
		    date_iso(r->date, date), masked ? masked : sb_str(&text));
		free(url);
		free(masked);
		sb_free(&text);
	}
	free(v);
	if (rc == 0)
		rc = search_write(ix, search_put, out);
	return rc;
}

/*
 * The index is built on a thread of its own while the pages render (issue 6:
 * the index may add at most 20% to a build). It reads only what stays fixed
 * once Markdown is rendered (titles, URLs, front matter), renders each
 * record's text itself (model_record_body: no record keeps it, issue 7), and
 * writes its files itself with out_put_now, so that it and the writer thread
 * create files at once.
 */
struct search_job {
	struct gen	*g;
	struct search_index *ix;	/* NULL only in tools/bench-search's runs without the index */
	pthread_t	 th;
	int		 started;
	int		 rc;
};

static void *
search_main(void *arg)
{
	struct search_job *j = arg;

	j->rc = build_search_index(j->ix, j->g->m, j->g->out, j->g->d, j->g->texts);
	return NULL;
}

static void
search_start(struct gen *g, struct search_job *j)
{
	j->g = g;
	j->rc = 0;
	j->started = 0;
	j->ix = NULL;
	if (g->failed || (j->ix = search_new()) == NULL)
		return;
	/* before the thread starts and before the record pages copy g */
	g->texts = pool_jobs() > 1 ? texts_new(g->m->nrecs) : NULL;
	if (g->texts != NULL && pthread_create(&j->th, NULL, search_main, j) == 0)
		j->started = 1;
	else {
		/* serial (-j 1): the index renders the texts itself, before the pages */
		texts_free(g->texts);
		g->texts = NULL;
		j->rc = build_search_index(j->ix, g->m, g->out, g->d, NULL);
	}
}

/* Waits for the index, then writes the search page. */
static void
search_finish(struct gen *g, struct search_job *j)
{
	struct arena *a;
	struct val *ctx;

	if (g->texts != NULL)
		texts_close(g->texts);
	if (j->started)
		pthread_join(j->th, NULL);
	texts_free(g->texts);
	g->texts = NULL;
	search_free(j->ix);
	j->ix = NULL;
	if (j->rc != 0)
		g->failed = 1;
	a = arena_new();
	ctx = gen_ctx(g, a, "搜索", "search/", NULL);
	gen_crumb(a, ctx, "首页", "index.html");
	gen_emit(g, "search.html", ctx, "search/", NULL);
	arena_free(a);
}

static void
write_404(struct gen *g)
{
	struct arena *a = arena_new();
	struct val *ctx = gen_ctx(g, a, "页面未找到", "", NULL);

	/* not the home page: no canonical address to share */
	v_set(a, v_get(ctx, "page"), "canonical", v_null());
	v_setbool(a, v_get(ctx, "page"), "is_home", 0);
	gen_emit(g, "404.html", ctx, "", "404.html");
	arena_free(a);
}

/*
 * A stylesheet is copied without comments and runs of white space: readers
 * on a slow phone pay for every byte, designers keep their comments. Quoted
 * strings are kept as they are.
 */
static char *
css_minify(const char *s, size_t n, size_t *outlen)
{
	struct sb b;
	size_t i = 0;
	int space = 0;

	sb_init(&b);
	while (i < n) {
		char c = s[i];

		if (c == '/' && i + 1 < n && s[i + 1] == '*') {
			const char *end = strstr(s + i + 2, "*/");
			i = end ? (size_t)(end - s) + 2 : n;
			continue;
		}
		if (c == '"' || c == '\'') {
			size_t j = i + 1;
			while (j < n && s[j] != c) {
				if (s[j] == '\\' && j + 1 < n)
					j++;
				j++;
			}
			if (space && b.len && !strchr("{};,>:", b.buf[b.len - 1]))
				sb_putc(&b, ' ');
			space = 0;
			sb_add(&b, s + i, (j < n ? j + 1 : n) - i);
			i = j < n ? j + 1 : n;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = 1;
			i++;
			continue;
		}
		/* a space is needed only between two words: not around { } ; , > nor after ':' */
		if (space && b.len && !strchr("{};,>:", b.buf[b.len - 1]) && !strchr("{};,>", c))
			sb_putc(&b, ' ');
		space = 0;
		sb_putc(&b, c);
		i++;
	}
	sb_putc(&b, '\n');
	*outlen = b.len;
	return sb_take(&b);
}

static int
copy_css(struct gen *g, const char *from, const char *to)
{
	char *src, *min;
	size_t len, mlen;
	int rc;

	if (file_read(from, &src, &len) < 0) {
		diag_add(g->d, DIAG_ERROR, "io", from, 0, 0, "cannot read the stylesheet");
		return -1;
	}
	min = css_minify(src, len, &mlen);
	rc = out_put(g->out, to, min, mlen);
	free(src);
	free(min);
	return rc;
}

/* Copies theme assets (recursively, sorted) into assets/. */
static void
copy_tree(struct gen *g, const char *dir, const char *rel)
{
	char **names = NULL;
	size_t n = 0;
	DIR *dp = opendir(dir);
	struct dirent *de;

	if (dp == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		names = xrealloc(names, (n + 1) * sizeof *names);
		names[n++] = xstrdup(de->d_name);
	}
	closedir(dp);
	xqsort(names, n, sizeof *names, str_cmp);
	for (size_t i = 0; i < n; i++) {
		char *from = path_join(dir, names[i]), *to = path_join(rel, names[i]);
		struct stat st;

		/* lstat: a theme's symlink could point anywhere; never follow it */
		if (lstat(from, &st) == 0 && S_ISDIR(st.st_mode))
			copy_tree(g, from, to);
		else if (lstat(from, &st) == 0 && S_ISREG(st.st_mode) && !g->failed) {
			size_t l = strlen(names[i]);
			if (l > 4 && strcmp(names[i] + l - 4, ".css") == 0 ? copy_css(g, from, to) < 0 :
			    out_copy(g->out, from, to) < 0)
				g->failed = 1;
		}
		free(from);
		free(to);
		free(names[i]);
	}
	free(names);
}

static void
copy_files(struct gen *g, const char *theme_dir)
{
	char *assets = path_join(theme_dir, "assets");
	struct model *m = g->m;

	/* only what something published links, through the gate (attach.h) */
	if (!g->failed && attach_publish(m, g->out, g->o->verbose, g->d) < 0)
		g->failed = 1;
	copy_tree(g, assets, "assets");
	free(assets);
}

/* The record pages, written by pool_for workers: each worker renders with its own copy of gen. */
struct rec_pass {
	struct record	**v;		/* newest first, the search index's order */
	struct gen	*w;		/* one per worker */
	struct texts	*texts;		/* to the search thread, or NULL */
};

/*
 * Pass 1: every published record's body is rendered here, once (issue 7),
 * and its text handed to the index in the index's order. Case pages wait
 * for pass 2: they show their evidence's summaries, which pass 1 makes.
 */
static void
write_record_task(void *ctx, size_t i, int worker)
{
	struct rec_pass *x = ctx;
	struct record *r = x->v[i];
	struct gen *g = &x->w[worker];
	char *text = NULL;

	if (r->kind != KIND_CASES)
		write_record(g, r, x->texts ? &text : NULL);
	else if (model_record_page_body(g->m, r, g->d, NULL, x->texts ? &text : NULL) < 0)
		g->failed = 1;
	if (x->texts != NULL)
		texts_put(x->texts, r, text);
}

/* Pass 2: the case pages. */
static void
write_case_task(void *ctx, size_t i, int worker)
{
	struct rec_pass *x = ctx;

	if (x->v[i]->kind == KIND_CASES)
		write_record(&x->w[worker], x->v[i], NULL);
}

/*
 * Every record page, in parallel (pool.h), in two passes (above). Each
 * worker counts pages and failure in its own copy of g, summed after, and
 * keeps the list summaries it makes (gen_summary) in an arena of its own,
 * freed with the build's; gen_summary fills the rest of its cache between
 * the passes, so that pass 2 only reads it.
 */
static void
write_records(struct gen *g)
{
	struct model *m = g->m;
	struct rec_pass x;
	size_t n = 0;
	int nw = pool_jobs();

	x.v = gen_published(m, -1, &n);
	x.texts = g->texts;
	x.w = xcalloc((size_t)nw, sizeof *x.w);
	g->worker_arenas = xcalloc((size_t)nw, sizeof *g->worker_arenas);
	g->nworker_arenas = (size_t)nw;
	for (int k = 0; k < nw; k++) {
		x.w[k] = *g;
		x.w[k].pages = 0;
		x.w[k].build = g->worker_arenas[k] = arena_new();
	}
	if (!g->failed)
		pool_for_label("pages", n, write_record_task, &x);
	for (size_t i = 0; i < m->nrecs; i++)
		if (m->recs[i]->fm.root != NULL)
			gen_summary(g, m->recs[i]);
	for (int k = 0; k < nw; k++)
		g->failed |= x.w[k].failed;
	if (!g->failed)
		pool_for(n, write_case_task, &x);
	for (int k = 0; k < nw; k++) {
		g->pages += x.w[k].pages;
		g->failed |= x.w[k].failed;
	}
	free(x.w);
	free(x.v);
}

int
pages_write(struct model *m, struct theme *th, const char *out_dir, const struct build_opts *o,
    struct diags *d)
{
	struct gen g;
	struct search_job sj;
	struct stage_clock t0 = { 0, 0 };
	size_t nfiles;
	int ok;

	memset(&g, 0, sizeof g);
	g.m = m;
	g.th = th;
	g.d = d;
	g.o = o;
	g.build = arena_new();
	g.summary = xcalloc(m->nrecs + 1, sizeof *g.summary);
	g.written = xcalloc(1, sizeof *g.written);
	g.out = out_begin(out_dir, m->cfg->privacy_allow, m->cfg->nallow, d);
	if (g.out == NULL) {
		arena_free(g.build);
		free(g.summary);
		free(g.written);
		return -1;
	}
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
	dashboard_pages(&g);
	build_stage(o, "· cases, archive, print", &t0);
	search_finish(&g, &sj);
	build_stage(o, "· search index (wait)", &t0);
	sitemap_write(&g);	/* last: it lists the pages written above */
	write_404(&g);
	copy_files(&g, o->theme_dir);
	/* an error found while writing (a CSV table, say) keeps the old site too */
	ok = !g.failed && d->errors == 0;
	nfiles = out_count(g.out);
	if (out_end(g.out, ok) < 0)
		ok = 0;
	/* after out_end: a file the writer thread could not write fails the build there */
	if (!o->quiet && ok)
		fprintf(stderr, "gongkai: wrote %zu pages, %zu files in all, to %s/\n", g.pages, nfiles,
		    o->output_dir);
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
