/*
 * corepages.c: the core pages of the site: home, the site index and each
 * site's page, every record page, the lists by kind, tags, free pages and
 * 404. For each page we build the values its template gets (see README,
 * "Templates"), render it, and hand the bytes to output.c. Values live in
 * a per-page arena, except record summaries, which are made once per build
 * and shared by every list that shows them. pages.c calls these in order.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "gongkai.h"
#include "life.h"
#include "attach.h"
#include "model.h"
#include "schema.h"
#include "tags.h"
#include "util.h"
#include "value.h"
#include "render.h"
#include "contact.h"
#include "corepages.h"
#include "matter.h"
#include "matterpages.h"
#include "pagekey.h"

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

/* The MIIT query every ICP number links to; the police filing's own page takes its digits. */
#define ICP_QUERY "https://beian.miit.gov.cn/"
#define POLICE_QUERY "https://www.beian.gov.cn/portal/registerSystemInfo?recordcode="

/* site.yaml's footer: one line of text (footer.text), or its keys; links for
 * the 备案 numbers and the contact's phone number. */
static void
make_footer(struct arena *a, const struct config *c, struct val *footer)
{
	const struct site_footer *f = &c->footer;
	static const struct { const char *key; size_t off; } keys[] = {
		{ "text", offsetof(struct site_footer, text) },
		{ "org", offsetof(struct site_footer, org) },
		{ "operator", offsetof(struct site_footer, operator_) },
		{ "contact", offsetof(struct site_footer, contact) },
		{ "address", offsetof(struct site_footer, address) },
		{ "icp", offsetof(struct site_footer, icp) },
		{ "police", offsetof(struct site_footer, police) },
		{ "site_code", offsetof(struct site_footer, site_code) },
		{ "mark", offsetof(struct site_footer, mark) },
		{ "mark_url", offsetof(struct site_footer, mark_url) },
	};

	if (!f->given)
		return;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const char *v = *(const char *const *)((const char *)f + keys[i].off);

		if (v != NULL)
			v_setstr(a, footer, keys[i].key, v);
	}
	v_set(a, footer, "contact_link", contact_val(a, f->contact));
	if (f->icp)
		v_setstr(a, footer, "icp_url", ICP_QUERY);
	if (f->police != NULL) {
		char *digits = arena_strdup(a, f->police), *d = digits;

		for (const char *p = f->police; *p; p++)
			if (*p >= '0' && *p <= '9')
				*d++ = *p;
		*d = '\0';
		v_setstr(a, footer, "police_url", *digits ? arena_printf(a, "%s%s", POLICE_QUERY, digits) : NULL);
	}
	v_setbool(a, footer, "reg", f->icp || f->police || f->site_code);
	if (f->mark)
		v_seturl(a, footer, "mark_src", f->mark);
}

void
make_global(struct gen *g)
{
	struct arena *a = g->build;
	struct config *c = g->m->cfg;
	struct val *site = v_map(a), *nav = v_list(a), *footer = v_map(a);
	char buf[32];
	/* the record kinds come between these two, in their nav order (kinds.h) */
	static const struct { const char *title, *url; } before[] = {
		{ "首页", "" }, { "示范点", "sites/" },
	}, after[] = {
		{ "年度档案", "archive/" }, { "公开情况", "dashboard/" },
	};

	v_setstr(a, site, "title", c->title);
	v_setstr(a, site, "description", c->description);
	v_setstr(a, site, "language", c->language);
	v_setstr(a, site, "base_url", c->base_url[0] ? c->base_url : NULL);
	v_setstr(a, site, "as_of_cn", date_cn(c->as_of, buf));
	make_footer(a, c, footer);
	v_set(a, site, "footer", footer);
	v_set(a, site, "feedback", contact_val(a, c->feedback));
	for (size_t i = 0; i < sizeof before / sizeof before[0]; i++)
		v_push(a, nav, gen_link(a, before[i].title, arena_printf(a, "%sindex.html", before[i].url)));
	for (int i = 0; i < KIND__COUNT; i++) {
		enum kind kd = kind_by_nav(i);
		const struct kind_info *k = &kind_info[kd];
		v_push(a, nav, gen_link(a, k->cn, arena_printf(a, "%s/index.html", k->dir)));
		/* 四议两公开 beside 三公开, its two 公开 steps; only where matters exist (matter_pages) */
		if (kd == KIND_DISCLOSURES && g->m->matters != NULL && g->m->matters->n > 0)
			v_push(a, nav, gen_link(a, "四议两公开", "matters/index.html"));
	}
	for (size_t i = 0; i < sizeof after / sizeof after[0]; i++)
		v_push(a, nav, gen_link(a, after[i].title, arena_printf(a, "%sindex.html", after[i].url)));
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

void
write_kind_lists(struct gen *g)
{
	for (int k = 0; k < KIND__COUNT; k++) {
		size_t n;
		struct record **v = gen_published(g->m, k, &n);
		char *base = xasprintf("%s/", kind_info[k].dir);

		/* else its own family writes it (cases.c, scoreboard.c) */
		if (!kind_has(k, KIND_F_OWN_INDEX))
			gen_list(g, kind_info[k].cn, base, v, n, NULL, NULL, 1);
		free(base);
		free(v);
		for (size_t i = 0; i < g->m->nsites; i++) {
			struct site *s = g->m->sites[i];
			char *sb = xasprintf("%s%s/", s->url, kind_info[k].dir);
			char *title = xasprintf("%s · %s", s->name, kind_info[k].cn);
			char *surl = xasprintf("%sindex.html", s->url);

			gen_list(g, title, sb, s->recs[k], s->nrecs[k], s->name, surl, 0);
			free(sb);
			free(title);
			free(surl);
		}
	}
}

/* ---- tags ---- */

void
write_tags(struct gen *g)
{
	size_t n;
	struct tag_group *tg = tag_groups(g->m, &n);
	struct arena *a = arena_new();
	struct val *ctx = gen_ctx(g, a, "标签", "tags/", NULL), *tags = v_list(a);

	gen_crumb(a, ctx, "首页", "index.html");
	for (size_t i = 0; i < n && !g->failed; i++) {
		char *slug = gen_tag_slug(tg[i].tag), *url = xasprintf("tags/%s/", slug);
		char *title = xasprintf("标签：%s", tg[i].tag);
		struct val *tv = v_map(a);

		gen_list(g, title, url, tg[i].recs, tg[i].n, "标签", "tags/index.html", 1);
		v_setstr(a, tv, "name", tg[i].tag);
		v_set(a, tv, "url", v_url(a, arena_printf(a, "%sindex.html", url)));
		v_setint(a, tv, "count", (long long)tg[i].n);
		v_push(a, tags, tv);
		free(slug);
		free(url);
		free(title);
	}
	v_set(a, ctx, "tags", tags);
	gen_emit(g, "tags.html", ctx, "tags/", NULL);
	arena_free(a);
	tag_groups_free(tg, n);
}

/* ---- record pages ---- */

static struct val *
meeting_val(struct arena *a, const struct record *r)
{
	const struct meeting *mt = r->meeting;
	struct val *v = v_map(a), *absent = v_list(a), *agenda = v_list(a), *res = v_list(a);

	v_setstr(a, v, "type", mt->type);
	v_setstr(a, v, "location", mt->location);
	v_setstr(a, v, "host", mt->host);
	v_setstr(a, v, "recorder", mt->recorder);
	if (mt->expected >= 0)
		v_setint(a, v, "expected", mt->expected);
	if (mt->present >= 0)
		v_setint(a, v, "present", mt->present);
	for (size_t i = 0; i < mt->nabsent; i++) {
		struct val *p = v_map(a);
		v_setstr(a, p, "name", mt->absent[i].name);
		v_setstr(a, p, "reason", mt->absent[i].reason);
		v_push(a, absent, p);
	}
	for (size_t i = 0; i < mt->nagenda; i++)
		v_push(a, agenda, v_str(a, mt->agenda[i]));
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
	struct val *v = v_map(a);

	v_setint(a, v, "year", r->year);
	gen_score_fields(a, v, sc);
	v_setbool(a, v, "verified", sc->verified);
	return v;
}

static struct val *
evidence_val(struct gen *g, struct arena *a, struct record *r)
{
	struct val *l = v_list(a);

	for (size_t i = 0; i < r->cas->nevidence; i++) {
		struct record *t = model_resolve(g->m, r, r->cas->evidence[i].s);

		if (t && t->published)
			v_push(a, l, gen_summary(g, t));
	}
	return l;
}

void
write_record(struct gen *g, struct record *r, char **text)
{
	struct arena *a;
	char *html;
	struct val *ctx, *rec, *sum, *tags, *att;
	uint64_t key;

	/* first: in a build this is the body's only rendering, which makes the summary */
	if (model_record_page_body(g->m, r, g->d, &html, text) < 0) {
		g->failed = 1;
		return;
	}
	/* a page whose inputs are those of the live one stays as it is (pagekey.h) */
	if ((key = pagekey_record(g->site_key, r)) != 0 && gen_keep(g, r->url, key) == 0) {
		free(html);
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
	for (size_t i = 0; i < r->ntags; i++) {
		char *slug = gen_tag_slug(r->tags[i]);
		v_push(a, tags, gen_link(a, r->tags[i], arena_printf(a, "tags/%s/index.html", slug)));
		free(slug);
	}
	v_set(a, rec, "tags", tags);
	for (size_t i = 0; i < r->nattachments; i++) {
		const char *f = r->attachments[i].s;
		if (strncmp(f, "static/", 7) == 0)
			f += 7;
		const char *base = strrchr(f, '/');
		char *href = attach_href(f);
		v_push(a, att, gen_link(a, base ? base + 1 : f, href));
		free(href);
	}
	v_set(a, rec, "attachments", att);
	switch (r->kind) {
	case KIND_MEETINGS:
		if (r->meeting != NULL)
			v_set(a, rec, "meeting", meeting_val(a, r));
		break;
	case KIND_DISCLOSURES:
		if (r->disc->finance != NULL)
			v_set(a, rec, "finance", gen_finance(a, r->disc->finance));
		if (r->disc->notice != NULL)
			v_set(a, rec, "notice", gen_notice(g, a, r->disc->notice));
		if (r->disc->rows.s != NULL && life_rows_shown(r))
			v_set(a, rec, "rows", gen_rows(a, r, r->disc->rows.s, g->m->cfg->pii_allow, g->d));
		life_vals(a, r, rec);
		print_record_vals(g, a, r, rec, 1);
		break;
	case KIND_CASES:
		v_setstr(a, rec, "requirement", r->cas->requirement);
		v_setstr(a, rec, "promoted", r->cas->promoted);
		v_set(a, rec, "evidence", evidence_val(g, a, r));
		break;
	case KIND_ASSESSMENTS:
		if (r->score != NULL)
			v_set(a, rec, "assessment", assessment_val(a, r));
		break;
	case KIND_REPORTS:
		v_setint(a, rec, "year", r->year);
		break;
	default:
		break;
	}
	matter_record_vals(g, a, r, rec);
	v_set(a, ctx, "rec", rec);
	gen_crumb(a, ctx, "首页", "index.html");
	gen_crumb(a, ctx, r->site->name, arena_printf(a, "%sindex.html", r->site->url));
	gen_crumb(a, ctx, kind_info[r->kind].cn, arena_printf(a, "%s%s/index.html", r->site->url, kind_info[r->kind].dir));
	if (key != 0)
		gen_emit_keyed(g, "record.html", ctx, r->url, key);
	else
		gen_emit(g, "record.html", ctx, r->url, NULL);
	arena_free(a);
}

/* ---- sites ---- */

static const char *const stat_label[STAT__COUNT] = {
	[STAT_VILLAGES] = "行政村（个）", [STAT_GROUPS] = "村民小组（个）", [STAT_HOUSEHOLDS] = "户数（户）",
	[STAT_POPULATION] = "人口（人）", [STAT_FARMLAND] = "耕地（亩）",
	[STAT_INCOME] = "人均纯收入（元）", [STAT_GRAIN] = "人均占有粮（公斤）",
	[STAT_BRANCHES] = "党支部（个）", [STAT_MEMBERS] = "党员（名）",
};

/* The stats as a table: one row per figure, one column per year. */
static struct val *
stats_val(struct arena *a, const struct site *st)
{
	struct val *v = v_map(a), *years = v_list(a), *rows = v_list(a);

	if (st->nstats == 0)
		return v_null();
	for (size_t i = 0; i < st->nstats; i++)
		v_push(a, years, v_str(a, st->stats[i].year_text));
	for (int k = 0; k < STAT__COUNT; k++) {
		struct val *row = v_map(a), *cells = v_list(a);
		int any = 0;

		for (size_t i = 0; i < st->nstats; i++) {
			const char *s = st->stats[i].text[k];
			v_push(a, cells, v_str(a, s ? s : "—"));
			any |= s != NULL;
		}
		if (!any)
			continue;
		v_setstr(a, row, "label", stat_label[k]);
		v_set(a, row, "cells", cells);
		v_push(a, rows, row);
	}
	v_set(a, v, "years", years);
	v_set(a, v, "rows", rows);
	return v;
}

/* Latest-year figures in one line, for cards. */
static const char *
stats_line(struct arena *a, const struct site *st)
{
	const struct stats_year *last;
	const char *pop, *hh, *mem;

	if (st->nstats == 0)
		return NULL;
	last = &st->stats[st->nstats - 1];
	pop = last->text[STAT_POPULATION];
	hh = last->text[STAT_HOUSEHOLDS];
	mem = last->text[STAT_MEMBERS];
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
	v_setstr(a, v, "summary", s->summary ? s->summary :
	    s->body.first_para);
	v_setstr(a, v, "stats_line", stats_line(a, s));
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

void
write_site(struct gen *g, struct site *s)
{
	struct arena *a = arena_new();
	struct val *ctx = gen_ctx(g, a, s->name, s->url, NULL);
	struct val *sv = site_card(g, a, s), *sections = v_list(a), *children = v_list(a);
	char buf[32];

	v_set(a, sv, "body", v_html(a, s->body.html ? s->body.html : ""));
	v_set(a, ctx, "toc", v_toc(a, &s->body));
	v_set(a, sv, "stats", stats_val(a, s));
	if (s->since.y)
		v_setstr(a, sv, "since_cn", date_cn(s->since, buf));
	for (size_t i = 0; i < g->m->nsites; i++)
		if (g->m->sites[i]->parent == s)
			v_push(a, children, site_card(g, a, g->m->sites[i]));
	v_set(a, sv, "children", children);
	for (int k = 0; k < KIND__COUNT; k++) {
		struct val *sec = v_map(a), *items = v_list(a);

		v_setstr(a, sec, "kind", kind_info[k].dir);
		v_setstr(a, sec, "title", kind_info[k].cn);
		v_set(a, sec, "url", v_url(a, arena_printf(a, "%s%s/index.html", s->url, kind_info[k].dir)));
		v_setint(a, sec, "count", (long long)s->nrecs[k]);
		for (size_t i = 0; i < s->nrecs[k] && i < 5; i++)
			v_push(a, items, gen_summary(g, s->recs[k][i]));
		v_set(a, sec, "items", items);
		v_setbool(a, sec, "more", s->nrecs[k] > 5);
		/* 三公开 leads the page: what residents come for (issue 19) */
		if (k == KIND_DISCLOSURES)
			v_set(a, sv, "lead", sec);
		else
			v_push(a, sections, sec);
	}
	v_set(a, sv, "sections", sections);
	v_set(a, sv, "dashboard", dashboard_site_val(g, a, s));
	v_set(a, sv, "matters", matter_site_val(g, a, s));
	v_seturl(a, sv, "matters_url", arena_printf(a, "%smatters/index.html", s->url));
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

void
write_sites_index(struct gen *g)
{
	struct arena *a = arena_new();
	struct val *ctx = gen_ctx(g, a, "示范点", "sites/", NULL);

	v_set(a, ctx, "groups", sites_by_type(g, a));
	gen_crumb(a, ctx, "首页", "index.html");
	gen_emit(g, "sites.html", ctx, "sites/", NULL);
	arena_free(a);
}

void
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
		const char *p = cases[i]->cas->promoted;
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

static int
has_disclosures(const struct model *m)
{
	for (size_t i = 0; i < m->nsites; i++)
		if (m->sites[i]->nrecs[KIND_DISCLOSURES] > 0)
			return 1;
	return 0;
}

void
write_pages(struct gen *g)
{
	for (size_t i = 0; i < g->m->npages; i++) {
		struct page *p = g->m->pages[i];
		struct arena *a;
		struct val *ctx, *pv;

		if (p->draft && !g->m->drafts)
			continue;
		a = arena_new();
		ctx = gen_ctx(g, a, p->title, p->url, p->summary);
		pv = v_map(a);
		v_setstr(a, pv, "title", p->title);
		v_set(a, pv, "date_cn", gen_date(a, p->date));
		v_setstr(a, pv, "author", p->author);
		v_set(a, pv, "body", v_html(a, p->body.html ? p->body.html : ""));
		v_set(a, ctx, "toc", v_toc(a, &p->body));
		/* the about page says where to check the disclosures (digest.c) */
		if (strcmp(p->slug, "about") == 0 && has_disclosures(g->m))
			v_seturl(a, pv, "digest_url", digest_file());
		v_set(a, ctx, "p", pv);
		gen_crumb(a, ctx, "首页", "index.html");
		gen_emit(g, "page.html", ctx, p->url, NULL);
		arena_free(a);
	}
}

void
write_404(struct gen *g)
{
	struct arena *a = arena_new();
	struct val *ctx = gen_ctx(g, a, "页面未找到", "", NULL);

	char *css_path = path_join(g->o->theme_dir, "assets/style.css"), *css = NULL;
	size_t len;

	/* not the home page: no canonical address to share */
	v_set(a, v_get(ctx, "page"), "canonical", v_null());
	v_setbool(a, v_get(ctx, "page"), "is_home", 0);
	/* The 404 page answers for any address, at any depth: no relative link to the
	 * stylesheet reaches it, and base_url is not where the site is when it is opened
	 * from file://, by `serve` or under a sub-path. The stylesheet goes inside. */
	if (file_read(css_path, &css, &len) == 0)
		v_set(a, ctx, "inline_css", v_html(a, css));
	gen_emit(g, "404.html", ctx, "", "404.html");
	free(css);
	free(css_path);
	arena_free(a);
}
