/*
 * feed.c: Atom feeds (RFC 4287) of the public records:
 *   feed.xml               the newest FEED_MAX_ENTRIES records of every site
 *   sites/<id>/feed.xml    the same for one demonstration site, with its
 *                          四议两公开 matters (dated by their latest step)
 *   disclosures/feed.xml   三公开 disclosures only
 * Feeds need absolute URLs, so without base_url none is written and the build
 * gets one warning (which also covers the sitemap, see sitemap.c).
 *
 * Every string written passes xml_clean() (xmltext.h): libxml2's writer
 * escapes markup but lets through characters XML forbids (U+FFFF, C0
 * controls), and one of those makes the whole feed unreadable.
 * The XML comes from libxml2's xmlTextWriter into a memory buffer and goes out
 * through out_put(), so personal numbers are masked and the write is atomic
 * like every other file. Times are the record dates at midnight China time
 * and the feed's <updated> is its newest entry: never the build time, so the
 * same content gives the same bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "gongkai.h"
#include "model.h"
#include "life.h"
#include "feed.h"
#include "matter.h"
#include "output.h"
#include "render.h"
#include "util.h"
#include "xmltext.h"
#include "i18n.h"

#define ATOM_NS "http://www.w3.org/2005/Atom"

char *
feed_time(struct date d, char *buf)
{
	snprintf(buf, 32, "%04d-%02d-%02dT00:00:00+08:00", d.y, d.m, d.d);
	return buf;
}

char *
feed_abs_url(const char *base_url, const char *rel)
{
	static const char hex[] = "0123456789ABCDEF";
	struct sb b;

	sb_init(&b);
	sb_puts(&b, base_url);
	for (const unsigned char *p = (const unsigned char *)rel; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~/", *p) != NULL)
			sb_putc(&b, (char)*p);
		else {
			sb_putc(&b, '%');
			sb_putc(&b, hex[*p >> 4]);
			sb_putc(&b, hex[*p & 15]);
		}
	}
	return sb_take(&b);
}

/* The element <name>text</name>; 0 or -1. */
static int
w_text(xmlTextWriterPtr w, const char *name, const char *text)
{
	char *t = xml_clean(text);
	int rc = xmlTextWriterWriteElement(w, BAD_CAST name, BAD_CAST t);

	free(t);
	return rc < 0 ? -1 : 0;
}

static int
w_attr(xmlTextWriterPtr w, const char *name, const char *value)
{
	char *t = xml_clean(value);
	int rc = xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST t);

	free(t);
	return rc < 0 ? -1 : 0;
}

/* <link rel=".." type=".." href="base_url + rel-path"/> */
static int
w_link(xmlTextWriterPtr w, const char *rel, const char *type, const char *base, const char *path)
{
	char *href = feed_abs_url(base, path);
	int rc = 0;

	rc |= xmlTextWriterStartElement(w, BAD_CAST "link") < 0;
	rc |= w_attr(w, "rel", rel);
	rc |= w_attr(w, "type", type);
	rc |= w_attr(w, "href", href);
	rc |= xmlTextWriterEndElement(w) < 0;
	free(href);
	return rc ? -1 : 0;
}

static int
w_author(xmlTextWriterPtr w, const char *name)
{
	int rc = 0;

	rc |= xmlTextWriterStartElement(w, BAD_CAST "author") < 0;
	rc |= w_text(w, "name", name);
	rc |= xmlTextWriterEndElement(w) < 0;
	return rc ? -1 : 0;
}

/* One entry, whatever it comes from: a record or a 四议两公开 matter. */
struct feed_item {
	const char	*url;		/* "sites/x/work/<slug>/" */
	const char	*title, *author, *summary;
	const char	*term, *label;	/* the kind: "work" 工作记录, "matters" 四议两公开 */
	const char	*category;	/* a disclosure's 公开类别, a matter's status, or NULL */
	struct date	 date;
	struct date	 updated;	/* the last revision (history.c), else date */
};

static void
item_of_record(const struct record *r, struct feed_item *it)
{
	it->url = r->url;
	it->title = r->title;
	/* 发布单位 when the record names one; the site otherwise. */
	it->author = r->author && *r->author ? r->author : r->site->name;
	it->summary = r->summary;
	it->term = kind_info[r->kind].dir;
	it->label = kind_info[r->kind].cn;
	it->category = r->disc ? r->disc->category : NULL;
	it->date = r->date;
	it->updated = life_updated(r);
}

/* A matter's entry is dated by its latest step: that is its news. */
static void
item_of_matter(const struct matter *mt, struct feed_item *it)
{
	it->url = mt->url;
	it->title = mt->title;
	it->author = mt->site->name;
	it->summary = mt->summary;
	it->term = "matters";
	it->label = "四议两公开";
	it->category = mstatus_name[mt->status];
	it->date = mt->nsteps ? mt->steps[mt->nsteps - 1]->rec->date : mt->date;
	it->updated = it->date;
}

static int
w_entry(xmlTextWriterPtr w, const struct feed_info *f, const struct feed_item *r)
{
	char *id = feed_abs_url(f->base_url, r->url), *scheme = NULL;
	const char *cat = r->category;
	char t[32];
	int rc = 0;

	feed_time(r->date, t);
	rc |= xmlTextWriterStartElement(w, BAD_CAST "entry") < 0;
	rc |= w_text(w, "id", id);
	rc |= w_text(w, "title", r->title);
	rc |= w_link(w, "alternate", "text/html", f->base_url, r->url);
	rc |= w_text(w, "published", t);
	rc |= w_text(w, "updated", feed_time(r->updated, t));	/* the last revision (history.c) */
	rc |= w_author(w, r->author);
	scheme = xasprintf("%s%s/", f->base_url, r->term);
	rc |= xmlTextWriterStartElement(w, BAD_CAST "category") < 0;
	rc |= w_attr(w, "term", r->term);
	rc |= w_attr(w, "scheme", scheme);
	rc |= w_attr(w, "label", r->label);
	rc |= xmlTextWriterEndElement(w) < 0;
	/* A disclosure's 公开类别 (财务公开 …) is what readers filter on. */
	if (cat && *cat) {
		rc |= xmlTextWriterStartElement(w, BAD_CAST "category") < 0;
		rc |= w_attr(w, "term", cat);
		rc |= xmlTextWriterEndElement(w) < 0;
	}
	if (r->summary && *r->summary) {
		rc |= xmlTextWriterStartElement(w, BAD_CAST "summary") < 0;
		rc |= w_attr(w, "type", "text");
		{
			char *s = xml_clean(r->summary);
			rc |= xmlTextWriterWriteString(w, BAD_CAST s) < 0;
			free(s);
		}
		rc |= xmlTextWriterEndElement(w) < 0;
	}
	rc |= xmlTextWriterEndElement(w) < 0;
	free(scheme);
	free(id);
	return rc ? -1 : 0;
}

static char *
render_items(const struct feed_info *f, const struct feed_item *items, size_t n, size_t *len)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xmlTextWriterPtr w = NULL;
	char *self = NULL, *out = NULL, t[32];
	int rc = 0;

	if (buf == NULL || (w = xmlNewTextWriterMemory(buf, 0)) == NULL) {
		fprintf(stderr, _("gongkai: out of memory\n"));
		exit(2);
	}
	if (n > FEED_MAX_ENTRIES)
		n = FEED_MAX_ENTRIES;
	self = feed_abs_url(f->base_url, f->path);
	rc |= xmlTextWriterSetIndent(w, 1) < 0;
	rc |= xmlTextWriterSetIndentString(w, BAD_CAST "  ") < 0;
	rc |= xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "feed") < 0;
	rc |= w_attr(w, "xmlns", ATOM_NS);
	if (f->language && *f->language)
		rc |= w_attr(w, "xml:lang", f->language);
	/* The feed's own address is its id: unique per feed and stable. */
	rc |= w_text(w, "id", self);
	rc |= w_text(w, "title", f->title);
	if (f->subtitle && *f->subtitle)
		rc |= w_text(w, "subtitle", f->subtitle);
	rc |= w_link(w, "self", "application/atom+xml", f->base_url, f->path);
	rc |= w_link(w, "alternate", "text/html", f->base_url, f->alternate);
	rc |= w_text(w, "updated", feed_time(n ? items[0].date : f->fallback, t));
	rc |= w_author(w, f->author);
	rc |= xmlTextWriterStartElement(w, BAD_CAST "generator") < 0;
	rc |= w_attr(w, "version", GONGKAI_VERSION);
	rc |= xmlTextWriterWriteString(w, BAD_CAST "gongkai") < 0;
	rc |= xmlTextWriterEndElement(w) < 0;
	for (size_t i = 0; i < n; i++)
		rc |= w_entry(w, f, &items[i]);
	rc |= xmlTextWriterEndDocument(w) < 0;
	xmlFreeTextWriter(w);	/* flushes into buf */
	if (rc) {
		/* The writer only fails when memory runs out. */
		fprintf(stderr, _("gongkai: out of memory writing %s\n"), f->path);
		exit(2);
	}
	*len = (size_t)xmlBufferLength(buf);
	out = xstrndup((const char *)xmlBufferContent(buf), *len);
	xmlBufferFree(buf);
	free(self);
	return out;
}

char *
feed_render(const struct feed_info *f, struct record *const *recs, size_t n, size_t *len)
{
	struct feed_item *items = xcalloc(n + 1, sizeof *items);
	char *xml;

	for (size_t i = 0; i < n && i < FEED_MAX_ENTRIES; i++)
		item_of_record(recs[i], &items[i]);
	xml = render_items(f, items, n, len);
	free(items);
	return xml;
}

/*
 * The records of a site's feed and its published matters, newest first (a
 * matter by its latest step; on the same day, records first). Caller frees.
 */
static struct feed_item *
site_items(struct gen *g, const struct site *st, struct record *const *recs, size_t n, size_t *ni)
{
	const struct matters *x = g->m->matters;
	struct feed_item *items = xcalloc(n + (x ? x->n : 0) + 1, sizeof *items), it;

	*ni = 0;
	for (size_t i = 0; i < n; i++)
		item_of_record(recs[i], &items[(*ni)++]);
	for (size_t i = 0; x && i < x->n; i++) {
		size_t at;

		if (x->v[i]->site != st || !matter_published(g->m, x->v[i]) || x->v[i]->draft)
			continue;
		item_of_matter(x->v[i], &it);
		for (at = 0; at < *ni && date_cmp(items[at].date, it.date) >= 0; at++)
			;
		memmove(&items[at + 1], &items[at], (*ni - at) * sizeof *items);
		items[at] = it;
		(*ni)++;
	}
	return items;
}

/* Renders one feed and hands it to output.c; with st, the site's matters join its records. */
static void
put_feed(struct gen *g, const struct feed_info *f, struct record *const *recs, size_t n, const struct site *st)
{
	size_t len, ni;
	char *xml;
	struct feed_item *items;

	if (g->failed)
		return;
	if (st != NULL) {
		items = site_items(g, st, recs, n, &ni);
		xml = render_items(f, items, ni, &len);
		free(items);
	} else
		xml = feed_render(f, recs, n, &len);
	if (out_put(g->out, f->path, xml, len) < 0)
		g->failed = 1;
	free(xml);
}

void
feeds_write(struct gen *g)
{
	struct model *m = g->m;
	struct config *c = m->cfg;
	struct record **all, **v;
	size_t n, nv;
	struct feed_info f;

	if (c->base_url[0] == '\0') {
		diag_add(g->d, DIAG_WARNING, "feed", c->path, 0, 0,
		    "base_url is not set, so no Atom feeds (feed.xml) and no sitemap.xml are written: "
		    "both need the site's absolute address; add base_url: https://… to site.yaml "
		    "or build with --base-url");
		/* --strict: a warning fails the build, so keep the previous site. */
		if (g->o && g->o->strict)
			g->failed = 1;
		return;
	}
	/* gen_published() includes drafts under --drafts; a feed never does. */
	all = gen_published(m, -1, &n);
	nv = 0;
	for (size_t i = 0; i < n; i++)
		if (!all[i]->draft && !all[i]->internal)
			all[nv++] = all[i];
	n = nv;
	v = xcalloc(n + 1, sizeof *v);

	memset(&f, 0, sizeof f);
	f.base_url = c->base_url;
	f.language = c->language;
	f.author = c->title;
	f.fallback = c->as_of;

	f.path = "feed.xml";
	f.alternate = "";
	f.title = c->title;
	f.subtitle = c->description;
	put_feed(g, &f, all, n, NULL);

	for (size_t s = 0; s < m->nsites; s++) {
		struct site *st = m->sites[s];
		char *path = xasprintf("%sfeed.xml", st->url);
		char *title = xasprintf("%s - %s", st->name, c->title);

		nv = 0;
		for (size_t i = 0; i < n; i++)
			if (all[i]->site == st)
				v[nv++] = all[i];
		f.path = path;
		f.alternate = st->url;
		f.title = title;
		f.subtitle = st->summary;
		put_feed(g, &f, v, nv, st);
		free(path);
		free(title);
	}

	/* the kinds with a feed of their own (kinds.h: 三公开) */
	for (int k = 0; k < KIND__COUNT; k++) {
		char *path, *alt, *title;

		if (kind_info[k].feed_subtitle == NULL)
			continue;
		path = xasprintf("%s/feed.xml", kind_info[k].dir);
		alt = xasprintf("%s/", kind_info[k].dir);
		title = xasprintf("%s - %s", kind_info[k].cn, c->title);
		nv = 0;
		for (size_t i = 0; i < n; i++)
			if (all[i]->kind == (enum kind)k)
				v[nv++] = all[i];
		f.path = path;
		f.alternate = alt;
		f.title = title;
		f.subtitle = kind_info[k].feed_subtitle;
		put_feed(g, &f, v, nv, NULL);
		free(path);
		free(alt);
		free(title);
	}
	free(v);
	free(all);
}
