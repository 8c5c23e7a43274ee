/*
 * sitemap.c: sitemap.xml (sitemaps.org 0.9) and robots.txt.
 *
 * The sitemap lists every HTML page pages.c writes except 404.html: home,
 * the site index, each site, each record, every list page (per kind, per
 * site and kind, per tag, with their page/N/ pages), the tag index, the free
 * pages, the search page and every page family of other files. The list of
 * URLs is exactly what gen_emit() wrote (g->written); sitemap_collect() walks
 * the model only to know dates. lastmod is the record's date; for a list (and home, sites, tags)
 * the newest date it shows, all its pages alike, because a new record moves
 * every later page of a list too.
 *
 * More than SITEMAP_MAX_URLS pages make sitemap-1.xml … and an index in
 * sitemap.xml. Without base_url nothing is written (the URLs must be
 * absolute; feeds_write() warns), and robots.txt just allows everything.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "gongkai.h"
#include "life.h"
#include "feed.h"
#include "output.h"
#include "render.h"
#include "tags.h"
#include "util.h"
#include "xmltext.h"
#include "i18n.h"

#define SITEMAP_NS "http://www.sitemaps.org/schemas/sitemap/0.9"

/* A growing list of sitemap URLs. */
struct urls {
	struct sitemap_url	*v;
	size_t			 n, cap;
};

static void
urls_add(struct urls *u, char *loc, struct date lastmod)
{
	if (u->n == u->cap) {
		u->cap = u->cap ? u->cap * 2 : 256;
		u->v = xrealloc(u->v, u->cap * sizeof *u->v);
	}
	u->v[u->n].loc = loc;		/* consumed */
	u->v[u->n++].lastmod = lastmod;
}

static struct date
newer(struct date a, struct date b)
{
	return date_cmp(a, b) >= 0 ? a : b;
}

/* A list at base of n records (newest first), with its page/N/ pages as gen_list() makes them. */
static void
add_list(struct urls *u, const struct model *m, const char *base, struct record *const *recs, size_t n)
{
	size_t per = m->cfg->paginate > 0 ? (size_t)m->cfg->paginate : 1;
	size_t pages = n ? (n + per - 1) / per : 1;
	struct date last = { 0, 0, 0 };

	if (n)
		last = recs[0]->date;
	urls_add(u, xstrdup(base), last);
	for (size_t p = 1; p < pages; p++)
		urls_add(u, xasprintf("%spage/%zu/", base, p + 1), last);
}

/* tags/ and tags/<slug>/…, grouped as write_tags() in corepages.c groups them. */
static void
add_tags(struct urls *u, const struct model *m)
{
	size_t n;
	struct tag_group *tg = tag_groups(m, &n);
	struct date newest = { 0, 0, 0 };

	for (size_t i = 0; i < n; i++)
		newest = newer(newest, tg[i].recs[0]->date);
	urls_add(u, xstrdup("tags/"), newest);
	for (size_t i = 0; i < n; i++) {
		char *slug = gen_tag_slug(tg[i].tag), *url = xasprintf("tags/%s/", slug);

		add_list(u, m, url, tg[i].recs, tg[i].n);
		free(slug);
		free(url);
	}
	tag_groups_free(tg, n);
}

static int
str_ptr_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static int
url_cmp(const void *x, const void *y)
{
	const struct sitemap_url *a = x, *b = y;

	return strcmp(a->loc, b->loc);
}

/*
 * Every HTML page of the build, sorted by loc, each once (two tags can share
 * a slug; the later page replaces the earlier, the newer lastmod is kept).
 * Caller frees each loc and the array.
 */
static struct sitemap_url *
sitemap_collect(struct gen *g, size_t *np)
{
	struct model *m = g->m;
	struct urls u = { NULL, 0, 0 };
	struct record **all;
	size_t n, out;

	all = gen_published(m, -1, &n);
	urls_add(&u, xstrdup(""), n ? all[0]->date : (struct date){ 0, 0, 0 });
	urls_add(&u, xstrdup("sites/"), n ? all[0]->date : (struct date){ 0, 0, 0 });
	for (size_t i = 0; i < m->nsites; i++) {
		struct site *s = m->sites[i];
		struct date last = { 0, 0, 0 };

		for (int k = 0; k < KIND__COUNT; k++)
			if (s->nrecs[k])
				last = newer(last, s->recs[k][0]->date);
		urls_add(&u, xstrdup(s->url), last);
	}
	for (size_t i = 0; i < n; i++)
		urls_add(&u, xstrdup(all[i]->url), life_updated(all[i]));	/* the last revision */
	free(all);
	for (int k = 0; k < KIND__COUNT; k++) {
		struct record **v = gen_published(m, k, &n);
		char *base = xasprintf("%s/", kind_info[k].dir);

		add_list(&u, m, base, v, n);
		free(base);
		free(v);
		for (size_t i = 0; i < m->nsites; i++) {
			struct site *s = m->sites[i];
			char *sb = xasprintf("%s%s/", s->url, kind_info[k].dir);

			add_list(&u, m, sb, s->recs[k], s->nrecs[k]);
			free(sb);
		}
	}
	add_tags(&u, m);
	/* write_search() in pages.c: the search page; it has no date of its own. */
	urls_add(&u, xstrdup("search/"), (struct date){ 0, 0, 0 });
	for (size_t i = 0; i < m->npages; i++) {
		struct page *p = m->pages[i];
		if (!p->draft || m->drafts)
			urls_add(&u, xstrdup(p->url), p->date);
	}
	/* Every page written, dated or not; then only what was written survives. */
	for (size_t i = 0; i < g->written->n; i++)
		urls_add(&u, xstrdup(g->written->v[i]), (struct date){ 0, 0, 0 });
	if (u.n)
		xqsort(u.v, u.n, sizeof *u.v, url_cmp);
	{
		size_t nw = g->written->n, keep = 0;
		char **w = xcalloc(nw + 1, sizeof *w);

		if (nw) {
			memcpy(w, g->written->v, nw * sizeof *w);
			xqsort(w, nw, sizeof *w, str_ptr_cmp);
		}
		for (size_t i = 0; i < u.n; i++) {
			if (bsearch(&u.v[i].loc, w, nw, sizeof *w, str_ptr_cmp) == NULL)
				free(u.v[i].loc);
			else
				u.v[keep++] = u.v[i];
		}
		u.n = keep;
		free(w);
	}
	out = 0;
	for (size_t i = 0; i < u.n; i++) {
		if (out && strcmp(u.v[out - 1].loc, u.v[i].loc) == 0) {
			u.v[out - 1].lastmod = newer(u.v[out - 1].lastmod, u.v[i].lastmod);
			free(u.v[i].loc);
			continue;
		}
		u.v[out++] = u.v[i];
	}
	*np = out;
	return u.v;
}

size_t
sitemap_files(size_t n, size_t per_file)
{
	if (per_file == 0)
		per_file = SITEMAP_MAX_URLS;
	return n <= per_file ? 1 : (n + per_file - 1) / per_file + 1;
}

/* Starts a document whose root is <root xmlns=SITEMAP_NS>. */
static xmlTextWriterPtr
doc_begin(xmlBufferPtr *bufp, const char *root)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xmlTextWriterPtr w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;

	if (w == NULL || xmlTextWriterSetIndent(w, 1) < 0 || xmlTextWriterSetIndentString(w, BAD_CAST "  ") < 0 ||
	    xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0 ||
	    xmlTextWriterStartElement(w, BAD_CAST root) < 0 ||
	    xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns", BAD_CAST SITEMAP_NS) < 0) {
		fprintf(stderr, _("gongkai: out of memory\n"));
		exit(2);
	}
	*bufp = buf;
	return w;
}

/* Ends the document and hands it to put. 0 or -1. */
static int
doc_end(xmlTextWriterPtr w, xmlBufferPtr buf, int failed, const char *relpath,
    int (*put)(void *, const char *, const char *, size_t), void *ctx)
{
	int rc;

	failed |= xmlTextWriterEndDocument(w) < 0;
	xmlFreeTextWriter(w);	/* flushes into buf */
	if (failed) {
		/* The writer only fails when memory runs out. */
		fprintf(stderr, _("gongkai: out of memory writing %s\n"), relpath);
		exit(2);
	}
	rc = put(ctx, relpath, (const char *)xmlBufferContent(buf), (size_t)xmlBufferLength(buf));
	xmlBufferFree(buf);
	return rc ? -1 : 0;
}

/* <tag><loc>base+loc</loc><lastmod>YYYY-MM-DD</lastmod></tag>; nonzero on failure. */
static int
w_loc(xmlTextWriterPtr w, const char *tag, const char *base_url, const char *loc, struct date lastmod)
{
	/* loc is %-encoded ASCII; base_url comes from site.yaml as it was typed */
	char *url = feed_abs_url(base_url, loc), *abs = xml_clean(url), iso[16];
	int rc = 0;

	rc |= xmlTextWriterStartElement(w, BAD_CAST tag) < 0;
	rc |= xmlTextWriterWriteElement(w, BAD_CAST "loc", BAD_CAST abs) < 0;
	if (date_valid(lastmod))
		rc |= xmlTextWriterWriteElement(w, BAD_CAST "lastmod", BAD_CAST date_iso(lastmod, iso)) < 0;
	rc |= xmlTextWriterEndElement(w) < 0;
	free(abs);
	free(url);
	return rc;
}

int
sitemap_render(const char *base_url, const struct sitemap_url *v, size_t n, size_t per_file,
    int (*put)(void *ctx, const char *relpath, const char *data, size_t len), void *ctx)
{
	size_t files;
	xmlBufferPtr buf, ibuf;
	xmlTextWriterPtr w, iw;
	int failed = 0;

	if (per_file == 0)
		per_file = SITEMAP_MAX_URLS;
	files = sitemap_files(n, per_file);
	if (files == 1) {
		w = doc_begin(&buf, "urlset");
		for (size_t i = 0; i < n; i++)
			failed |= w_loc(w, "url", base_url, v[i].loc, v[i].lastmod);
		return doc_end(w, buf, failed, "sitemap.xml", put, ctx) < 0 ? -1 : 1;
	}
	iw = doc_begin(&ibuf, "sitemapindex");
	for (size_t f = 0; f + 1 < files; f++) {
		size_t lo = f * per_file, hi = lo + per_file < n ? lo + per_file : n;
		struct date last = { 0, 0, 0 };
		char *name = xasprintf("sitemap-%zu.xml", f + 1);

		w = doc_begin(&buf, "urlset");
		for (size_t i = lo; i < hi; i++) {
			failed |= w_loc(w, "url", base_url, v[i].loc, v[i].lastmod);
			last = newer(last, v[i].lastmod);
		}
		if (doc_end(w, buf, failed, name, put, ctx) < 0) {
			free(name);
			xmlFreeTextWriter(iw);
			xmlBufferFree(ibuf);
			return -1;
		}
		failed |= w_loc(iw, "sitemap", base_url, name, last);
		free(name);
	}
	return doc_end(iw, ibuf, failed, "sitemap.xml", put, ctx) < 0 ? -1 : (int)files;
}

static int
put_out(void *ctx, const char *relpath, const char *data, size_t len)
{
	return out_put(ctx, relpath, data, len);
}

void
sitemap_write(struct gen *g)
{
	const char *base = g->m->cfg->base_url;
	struct sitemap_url *v;
	size_t n;
	char *robots;

	if (g->failed)
		return;
	if (base[0] == '\0') {
		/* No absolute URLs, no sitemap; feeds_write() has said so. */
		static const char allow[] = "User-agent: *\nAllow: /\n";
		if (out_put(g->out, "robots.txt", allow, sizeof allow - 1) < 0)
			g->failed = 1;
		return;
	}
	v = sitemap_collect(g, &n);
	if (sitemap_render(base, v, n, SITEMAP_MAX_URLS, put_out, g->out) < 0)
		g->failed = 1;
	for (size_t i = 0; i < n; i++)
		free(v[i].loc);
	free(v);
	robots = xasprintf("User-agent: *\nAllow: /\n\nSitemap: %ssitemap.xml\n", base);
	if (!g->failed && out_put(g->out, "robots.txt", robots, strlen(robots)) < 0)
		g->failed = 1;
	free(robots);
}
