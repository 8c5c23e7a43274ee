/*
 * govpages.c: the 网站地图 a person reads (sitemap.xml is for search engines)
 * and the 隐私声明 saying what the site publishes, what it masks and for how
 * long (政府网站发展指引; issue 19). Their words are in the theme's templates
 * (sitemap.html, privacy.html); here are the values: the sections, the sites
 * with their lists, and site.yaml's privacy settings.
 */
#include <stdlib.h>
#include <string.h>

#include "gongkai.h"
#include "frontmatter.h"
#include "model.h"
#include "util.h"
#include "value.h"
#include "render.h"
#include "contact.h"
#include "govpages.h"

/* A free page of the content at url ("privacy/") replaces ours. */
static int
taken(const struct model *m, const char *url)
{
	for (size_t i = 0; i < m->npages; i++)
		if (strcmp(m->pages[i]->url, url) == 0)
			return 1;
	return 0;
}

/* A site and the lists it has records in: {title, url, items: [{title, url, count}]}. */
static struct val *
site_entry(struct arena *a, const struct site *s)
{
	struct val *e = gen_link(a, s->name, arena_printf(a, "%sindex.html", s->url)), *l = v_list(a);

	for (int k = 0; k < KIND__COUNT; k++) {
		struct val *it;

		if (s->nrecs[k] == 0)
			continue;
		it = gen_link(a, kind_info[k].cn, arena_printf(a, "%s%s/index.html", s->url, kind_info[k].dir));
		v_setint(a, it, "count", (long long)s->nrecs[k]);
		v_push(a, l, it);
	}
	v_set(a, e, "items", l);
	v_setbool(a, e, "village", s->parent != NULL);
	return e;
}

static void
write_sitemap_page(struct gen *g)
{
	struct arena *a = arena_new();
	struct val *ctx = gen_ctx(g, a, "网站地图", "sitemap/", "本站所有栏目和各示范点的公开内容一览。");
	struct val *sites = v_list(a);

	/* towns first, each followed by its villages, as the site index reads */
	for (size_t i = 0; i < g->m->nsites; i++) {
		const struct site *s = g->m->sites[i];

		if (s->parent != NULL)
			continue;
		v_push(a, sites, site_entry(a, s));
		for (size_t j = 0; j < g->m->nsites; j++)
			if (g->m->sites[j]->parent == s)
				v_push(a, sites, site_entry(a, g->m->sites[j]));
	}
	v_set(a, ctx, "map_sites", sites);
	gen_crumb(a, ctx, "首页", "index.html");
	gen_emit(g, "sitemap.html", ctx, "sitemap/", NULL);
	arena_free(a);
}

static void
write_privacy_page(struct gen *g)
{
	const struct config *c = g->m->cfg;
	struct arena *a = arena_new();
	struct val *ctx = gen_ctx(g, a, "隐私声明", "privacy/", "本站公开哪些信息、怎样保护个人信息、公开多长时间。");
	struct val *pv = v_map(a), *allow = v_list(a);

	v_setbool(a, pv, "refuse", c->privacy_refuse);
	for (size_t i = 0; i < c->nallow; i++)
		v_push(a, allow, contact_val(a, c->privacy_allow[i]));
	v_set(a, pv, "allow", allow);
	v_setstr(a, pv, "retention_days", c->retention_default);
	v_set(a, ctx, "privacy", pv);
	gen_crumb(a, ctx, "首页", "index.html");
	gen_emit(g, "privacy.html", ctx, "privacy/", NULL);
	arena_free(a);
}

void
gov_pages(struct gen *g)
{
	if (!taken(g->m, "sitemap/"))
		write_sitemap_page(g);
	if (!taken(g->m, "privacy/"))
		write_privacy_page(g);
}
