/*
 * cases.c: the 典型经验 case library (经验推广 in the county plan).
 *   cases/index.html                     every case, newest first, and the facets
 *   cases/<facet>/index.html             the values of one facet, with counts
 *   cases/<facet>/<value>/index.html     the cases of one value
 *   cases/promoted/index.html            县/州-level cases grouped by requirement
 * Facets are plain pages, so they work without JavaScript and from file://.
 * A case page's evidence links are made by pages.c; check.c makes a missing
 * evidence file an error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gongkai.h"
#include "model.h"
#include "render.h"
#include "schema.h"
#include "util.h"
#include "value.h"

enum facet {
	FACET_TYPE,
	FACET_REQUIREMENT,
	FACET_LEVEL,
	FACET_YEAR,
	FACET_TAG,
	FACET_SITE,
	FACET__COUNT
};

static const struct {
	const char	*dir;	/* URL folder */
	const char	*name;	/* heading */
} facets[FACET__COUNT] = {
	{ "type", "示范点类型" }, { "requirement", "对应要求" }, { "level", "推广级别" },
	{ "year", "年份" }, { "tag", "标签" }, { "site", "示范点" },
};

/* ASCII names for the enumerations: URLs must survive WeChat and SMS. */
static const struct {
	const char	*cn, *slug;
} slugs[] = {
	{ "通道型", "tongdao" }, { "资源型", "ziyuan" }, { "扶贫型", "fupin" },
	{ "班子建设", "banzi" }, { "队伍建设", "duiwu" }, { "发展党员", "fazhan-dangyuan" },
	{ "党员管理", "dangyuan-guanli" }, { "工作机制", "jizhi" }, { "服务职能", "fuwu" },
	{ "扶贫开发", "fupin-kaifa" }, { "经济社会发展", "jingji" },
	{ "乡镇", "xiangzhen" }, { "县", "xian" }, { "州", "zhou" },
};

/* One value of a facet and its cases (newest first). */
struct fval {
	char		*label;
	char		*slug;
	int		 order;		/* position in the schema's list; years newest first */
	struct record	**recs;
	size_t		 n;
};

struct facetset {
	struct fval	*v;
	size_t		 n;
};

static char *
value_slug(enum facet f, const char *label)
{
	for (size_t i = 0; i < sizeof slugs / sizeof slugs[0]; i++)
		if (f != FACET_TAG && strcmp(slugs[i].cn, label) == 0)
			return xstrdup(slugs[i].slug);
	return gen_tag_slug(label);
}

static int
enum_pos(const char *const *list, const char *s)
{
	for (int i = 0; list[i]; i++)
		if (strcmp(list[i], s) == 0)
			return i;
	return 99;
}

/* The labels of record r under facet f (a case has several tags). */
static size_t
case_labels(struct record *r, enum facet f, const char **out, size_t max, char *yearbuf)
{
	const char *s = NULL;
	size_t n = 0;

	switch (f) {
	case FACET_TYPE: s = r->site->type; break;
	case FACET_REQUIREMENT: s = r->cas->requirement; break;
	case FACET_LEVEL: s = r->cas->promoted; break;
	case FACET_YEAR:
		snprintf(yearbuf, 8, "%d", r->date.y);
		s = yearbuf;
		break;
	case FACET_SITE: s = r->site->name; break;
	case FACET_TAG:
		for (size_t i = 0; i < r->ntags && n < max; i++)
			out[n++] = r->tags[i];
		return n;
	default:
		break;
	}
	if (s)
		out[n++] = s;
	return n;
}

static int
fval_cmp(const void *x, const void *y)
{
	const struct fval *a = x, *b = y;

	return a->order != b->order ? a->order - b->order : strcmp(a->label, b->label);
}

static void
facet_build(struct model *m, struct record **cases, size_t nc, enum facet f, struct facetset *fs)
{
	fs->v = NULL;
	fs->n = 0;
	for (size_t i = 0; i < nc; i++) {
		const char *labels[32];
		char yearbuf[8];
		size_t nl = case_labels(cases[i], f, labels, 32, yearbuf);

		for (size_t j = 0; j < nl; j++) {
			size_t k;
			for (k = 0; k < fs->n; k++)
				if (strcmp(fs->v[k].label, labels[j]) == 0)
					break;
			if (k == fs->n) {
				struct fval *v;
				fs->v = xrealloc(fs->v, (fs->n + 1) * sizeof *fs->v);
				v = &fs->v[fs->n++];
				memset(v, 0, sizeof *v);
				v->label = xstrdup(labels[j]);
				v->recs = xcalloc(nc, sizeof *v->recs);
				switch (f) {
				case FACET_TYPE: v->order = enum_pos(schema_site_types, labels[j]); break;
				case FACET_REQUIREMENT: v->order = enum_pos(schema_requirements, labels[j]); break;
				case FACET_LEVEL: v->order = -enum_pos(schema_promoted, labels[j]); break;
				case FACET_YEAR: v->order = -cases[i]->date.y; break;
				case FACET_SITE:
					v->order = 0;
					for (size_t s = 0; s < m->nsites; s++)
						if (m->sites[s] == cases[i]->site)
							v->order = (int)s;
					v->slug = xstrdup(cases[i]->site->id);
					break;
				default: v->order = 0; break;
				}
				if (v->slug == NULL)
					v->slug = value_slug(f, labels[j]);
			}
			/* a case listing one tag twice still counts once */
			if (fs->v[k].n == 0 || fs->v[k].recs[fs->v[k].n - 1] != cases[i])
				fs->v[k].recs[fs->v[k].n++] = cases[i];
		}
	}
	if (fs->n)
		xqsort(fs->v, fs->n, sizeof *fs->v, fval_cmp);
}

static void
facet_free(struct facetset *fs)
{
	for (size_t i = 0; i < fs->n; i++) {
		free(fs->v[i].label);
		free(fs->v[i].slug);
		free(fs->v[i].recs);
	}
	free(fs->v);
}

/* The record an evidence path names (same rules as check.c), or NULL. */
static struct record *
evidence_rec(struct model *m, struct record *r, const char *e)
{
	char *dir = xstrndup(r->rel, (size_t)(strrchr(r->rel, '/') - r->rel)), *target = NULL;
	struct record *t = NULL;

	if (strncmp(e, "../", 3) == 0 && strstr(e + 3, "..") == NULL && e[3] != '/') {
		const char *slash = strrchr(dir, '/');
		char *up = slash ? xstrndup(dir, (size_t)(slash - dir)) : xstrdup("");
		target = path_join(up, e + 3);
		free(up);
	} else if (strstr(e, "..") == NULL && e[0] != '/')
		target = path_join(dir, e);
	if (target)
		t = model_find(m, target);
	free(target);
	free(dir);
	return t && t->published && t->site == r->site ? t : NULL;
}

/* Everything a case card shows. */
static struct val *
case_val(struct gen *g, struct arena *a, struct record *r, int with_evidence)
{
	struct val *v = v_map(a), *sum = gen_summary(g, r);
	const struct casefile *cf = r->cas;
	const char *req = cf->requirement, *lvl = cf->promoted;

	for (size_t i = 0; i < sum->n; i++)
		v_set(a, v, sum->keys[i], sum->items[i]);
	v_setstr(a, v, "site_type", r->site->type);
	v_setstr(a, v, "requirement", req);
	v_setstr(a, v, "promoted", lvl);
	v_setint(a, v, "year", r->date.y);
	v_set(a, v, "requirement_url", v_null());
	v_set(a, v, "evidence", v_list(a));
	if (req) {
		char *sl = value_slug(FACET_REQUIREMENT, req);
		v_seturl(a, v, "requirement_url", arena_printf(a, "cases/requirement/%s/index.html", sl));
		free(sl);
	}
	if (cf->has_evidence) {
		struct val *l = v_list(a);
		v_setint(a, v, "evidence_count", (long long)cf->nevidence);
		for (size_t i = 0; with_evidence && i < cf->nevidence; i++) {
			struct record *t = evidence_rec(g->m, r, cf->evidence[i].s);
			if (t)
				v_push(a, l, gen_link(a, t->title, arena_printf(a, "%sindex.html", t->url)));
		}
		v_set(a, v, "evidence", l);
	}
	return v;
}

/* The facet navigation: [{name, url, values: [{label, url, count, current}]}]. */
static struct val *
facets_val(struct arena *a, struct facetset *fs, int cur_f, size_t cur_v)
{
	struct val *l = v_list(a);

	for (int f = 0; f < FACET__COUNT; f++) {
		struct val *fv = v_map(a), *vals = v_list(a);

		v_setstr(a, fv, "name", facets[f].name);
		v_seturl(a, fv, "url", arena_printf(a, "cases/%s/index.html", facets[f].dir));
		for (size_t i = 0; i < fs[f].n; i++) {
			struct val *x = v_map(a);
			v_setstr(a, x, "label", fs[f].v[i].label);
			v_seturl(a, x, "url", arena_printf(a, "cases/%s/%s/index.html", facets[f].dir, fs[f].v[i].slug));
			v_setint(a, x, "count", (long long)fs[f].v[i].n);
			if (f == cur_f && i == cur_v) {
				v_setstr(a, x, "cls", "current");
				v_setstr(a, x, "aria", "page");
			}
			v_push(a, vals, x);
		}
		v_set(a, fv, "values", vals);
		if (fs[f].n)
			v_push(a, l, fv);
	}
	return l;
}

static struct val *
cards(struct gen *g, struct arena *a, struct record **recs, size_t n)
{
	struct val *l = v_list(a);

	for (size_t i = 0; i < n; i++)
		v_push(a, l, case_val(g, a, recs[i], 0));
	return l;
}

static void
write_index(struct gen *g, struct facetset *fs, struct record **cases, size_t nc, size_t npromoted)
{
	struct arena *a = arena_new();
	struct val *ctx = gen_ctx(g, a, "典型经验", "cases/", "全县党建示范点的典型经验：按示范点类型、对应要求、推广级别、年份、标签和示范点分类查看。");

	gen_crumb(a, ctx, "首页", "index.html");
	v_set(a, ctx, "facets", facets_val(a, fs, -1, 0));
	v_set(a, ctx, "cases", cards(g, a, cases, nc));
	v_setint(a, ctx, "total", (long long)nc);
	v_setint(a, ctx, "promoted_count", (long long)npromoted);
	gen_emit(g, "cases.html", ctx, "cases/", NULL);
	arena_free(a);
}

/* cases/<facet>/ (value == NULL) or cases/<facet>/<value>/. */
static void
write_facet(struct gen *g, struct facetset *fs, int f, size_t vi, int one)
{
	struct arena *a = arena_new();
	struct fval *fv = one ? &fs[f].v[vi] : NULL;
	char *url = one ? xasprintf("cases/%s/%s/", facets[f].dir, fv->slug) : xasprintf("cases/%s/", facets[f].dir);
	char *title = one ? xasprintf("典型经验 · %s：%s", facets[f].name, fv->label) :
	    xasprintf("典型经验 · 按%s", facets[f].name);
	struct val *ctx = gen_ctx(g, a, title, url, NULL), *cur = v_map(a);

	gen_crumb(a, ctx, "首页", "index.html");
	gen_crumb(a, ctx, "典型经验", "cases/index.html");
	if (one)
		gen_crumb(a, ctx, facets[f].name, arena_printf(a, "cases/%s/index.html", facets[f].dir));
	v_set(a, ctx, "facets", facets_val(a, fs, one ? f : -1, vi));
	v_setstr(a, cur, "name", facets[f].name);
	v_setstr(a, cur, "label", fv ? fv->label : NULL);
	v_set(a, cur, "values", v_list(a));
	/* the values of this facet, for the overview page */
	for (size_t i = 0; i < v_get(ctx, "facets")->n; i++) {
		struct val *x = v_get(ctx, "facets")->items[i];
		if (strcmp(v_get(x, "name")->s, facets[f].name) == 0)
			v_set(a, cur, "values", v_get(x, "values"));
	}
	v_set(a, cur, "cases", fv ? cards(g, a, fv->recs, fv->n) : v_list(a));
	v_setint(a, cur, "total", fv ? (long long)fv->n : 0);
	v_set(a, ctx, "facet", cur);
	gen_emit(g, "cases-facet.html", ctx, url, NULL);
	free(url);
	free(title);
	arena_free(a);
}

static int
is_promoted(struct record *r)
{
	const char *p = r->cas->promoted;

	return p && (strcmp(p, "县") == 0 || strcmp(p, "州") == 0);
}

static void
write_promoted(struct gen *g, struct record **cases, size_t nc)
{
	struct arena *a = arena_new();
	struct val *ctx = gen_ctx(g, a, "县级推广经验", "cases/promoted/",
	    "经县委、州委确定在面上推广的党建示范点经验，按县委实施方案的八项要求归类，供外县考察学习。");
	struct val *groups = v_list(a);
	size_t total = 0;

	gen_crumb(a, ctx, "首页", "index.html");
	gen_crumb(a, ctx, "典型经验", "cases/index.html");
	/* the plan's eight requirements in its order, then anything else */
	for (int q = 0; q <= 8; q++) {
		struct val *grp = v_map(a), *items = v_list(a);

		for (size_t i = 0; i < nc; i++) {
			const char *req = cases[i]->cas->requirement;
			int pos = req ? enum_pos(schema_requirements, req) : 99;
			if (!is_promoted(cases[i]) || (q < 8 ? pos != q : pos < 8))
				continue;
			v_push(a, items, case_val(g, a, cases[i], 1));
		}
		if (items->n == 0)
			continue;
		total += items->n;
		v_setint(a, grp, "n", q + 1);
		v_setstr(a, grp, "requirement", q < 8 ? schema_requirements[q] : "其他");
		v_set(a, grp, "cases", items);
		v_setint(a, grp, "count", (long long)items->n);
		v_push(a, groups, grp);
	}
	v_set(a, ctx, "groups", groups);
	v_setint(a, ctx, "total", (long long)total);
	gen_emit(g, "cases-promoted.html", ctx, "cases/promoted/", NULL);
	arena_free(a);
}

void
cases_pages(struct gen *g)
{
	size_t nc, np = 0;
	struct record **cases = gen_published(g->m, KIND_CASES, &nc);
	struct facetset fs[FACET__COUNT];

	if (g->failed)
		goto out;
	for (size_t i = 0; i < nc; i++)
		np += is_promoted(cases[i]);
	for (int f = 0; f < FACET__COUNT; f++)
		facet_build(g->m, cases, nc, (enum facet)f, &fs[f]);
	write_index(g, fs, cases, nc, np);
	write_promoted(g, cases, nc);
	for (int f = 0; f < FACET__COUNT && !g->failed; f++) {
		write_facet(g, fs, f, 0, 0);
		for (size_t i = 0; i < fs[f].n && !g->failed; i++)
			write_facet(g, fs, f, i, 1);
	}
	for (int f = 0; f < FACET__COUNT; f++)
		facet_free(&fs[f]);
out:
	free(cases);
}
