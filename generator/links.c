/*
 * links.c: render every Markdown body once all records are known, so that a
 * link to another record's .md file can become that page's URL, and a link
 * to a missing or unpublished record is an error at its line. A link to a
 * file under static/ marks it as linked (attach.h): published when the page
 * that links it is, so attach_publish knows what to let out.
 */
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>

#include "attach.h"
#include "gate.h"
#include "gongkai.h"
#include "life.h"
#include "pool.h"
#include "model.h"
#include "util.h"
#include "i18n.h"

#define SUMMARY_CHARS 120

struct link_ctx {
	struct model	*m;
	const char	*dir;		/* folder of the source file, content-relative */
	const char	*url;		/* URL of the page being rendered */
	const char	*path;		/* display path, for messages */
	const char	*src;
	struct diags	*d;
	int		 pub;		/* the page is published: what it links to static/ is too */
};

char *
root_prefix(const char *url)
{
	struct sb b;

	sb_init(&b);
	for (const char *s = url; *s; s++)
		if (*s == '/')
			sb_puts(&b, "../");
	return sb_take(&b);
}

/*
 * Joins dir and a relative path and folds "." and "..". Returns NULL when the
 * path climbs out of the content folder. Caller frees.
 */
static char *
normalize(const char *dir, const char *rel)
{
	char *joined = rel[0] == '/' ? xstrdup(rel + 1) : path_join(dir, rel);
	char **parts = xcalloc(strlen(joined) + 1, sizeof *parts);
	size_t n = 0;
	struct sb b;
	char *save = NULL, *tok;

	for (tok = strtok_r(joined, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
		if (strcmp(tok, ".") == 0)
			continue;
		if (strcmp(tok, "..") == 0) {
			if (n == 0) {
				free(parts);
				free(joined);
				return NULL;
			}
			n--;
			continue;
		}
		parts[n++] = tok;
	}
	sb_init(&b);
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_putc(&b, '/');
		sb_puts(&b, parts[i]);
	}
	free(parts);
	free(joined);
	return sb_take(&b);
}

struct record *
model_resolve(const struct model *m, const struct record *from, const char *relpath)
{
	char *dir = xstrndup(from->rel, (size_t)(strrchr(from->rel, '/') - from->rel));
	char *target = relpath[0] == '/' ? NULL : normalize(dir, relpath);
	struct record *r = target ? model_find(m, target) : NULL;

	free(target);
	free(dir);
	return r;
}

/* s with every %XX decoded; caller frees. */
static char *
pct_decode(const char *s)
{
	struct sb b;

	sb_init(&b);
	for (; *s; s++) {
		int hi, lo;

		if (s[0] == '%' && (hi = hex_value(s[1])) >= 0 && (lo = hex_value(s[2])) >= 0) {
			sb_putc(&b, (char)(hi * 16 + lo));
			s += 2;
		} else
			sb_putc(&b, *s);
	}
	return sb_take(&b);
}

/*
 * The index of the static file a link names (target: the link's path,
 * normalized, "static/..."), or -1: the path as written, else
 * percent-decoded, else the whole link with what follows a '#' or '?'
 * (a file named "a#1.pdf" linked as written), normalized as whole. Sets
 * *whole when the '#' or '?' belonged to the name.
 */
static long
static_target(const struct link_ctx *c, const char *target, const char *url, int *whole)
{
	char *dec, *all = NULL;
	long i;

	*whole = 0;
	if ((i = attach_find(c->m, target + 7)) >= 0)
		return i;
	dec = pct_decode(target + 7);
	i = attach_find(c->m, dec);
	free(dec);
	if (i >= 0 || strpbrk(url, "#?") == NULL)
		return i;
	if ((all = normalize(c->dir, url)) != NULL && strncmp(all, "static/", 7) == 0) {
		if ((i = attach_find(c->m, all + 7)) < 0) {
			dec = pct_decode(all + 7);
			i = attach_find(c->m, dec);
			free(dec);
		}
		*whole = i >= 0;
	}
	free(all);
	return i;
}

/*
 * The URL (from the site root) of the page made from content-relative file
 * `target`, or NULL with *why set.
 */
static char *
target_url(struct model *m, const char *target, const char **why)
{
	struct record *r;
	struct page *p;

	if ((r = model_find(m, target)) != NULL) {
		if (r->broken)	/* its own error says what is wrong */
			return xasprintf("%sindex.html", r->url);
		if (r->internal) {
			*why = _("it is an internal record (audience: internal), which is never published");
			return NULL;
		}
		/* a withdrawn record's address keeps its notice (life.h): the link still leads somewhere */
		if (!r->published && !(r->life && r->life->was_published)) {
			*why = _("it is a draft, which is not published");
			return NULL;
		}
		return xasprintf("%sindex.html", r->url);
	}
	if ((p = model_page(m, target)) != NULL)
		return xasprintf("%sindex.html", p->url);
	if (strncmp(target, "sites/", 6) == 0) {
		const char *id = target + 6, *slash = strchr(id, '/');
		if (slash && strcmp(slash, "/index.md") == 0) {
			char *sid = xstrndup(id, (size_t)(slash - id));
			struct site *s = model_site(m, sid);
			free(sid);
			if (s)
				return xasprintf("%sindex.html", s->url);
		}
	}
	*why = _("no such record");
	return NULL;
}

static char *
resolve(void *vctx, const char *url, int is_image, int line, int col)
{
	struct link_ctx *c = vctx;
	const char *hash = strpbrk(url, "#?");
	char *path = xstrndup(url, hash ? (size_t)(hash - url) : strlen(url));
	char *target = NULL, *dest = NULL, *out = NULL, *prefix;
	const char *why = NULL;
	size_t pl = strlen(path);
	int whole = 0;
	long i;

	if (pl == 0)
		goto out;
	if ((target = normalize(c->dir, path)) == NULL) {
		diag_add_src(c->d, DIAG_ERROR, "link", c->path, c->src, line, col,
		    "link '%s' leaves the content folder; link records inside content/ only", url);
		goto out;
	}
	if (strncmp(target, "static/", 7) == 0 && (i = static_target(c, target, url, &whole)) >= 0) {
		/* published only if this page is (attach.h) */
		attach_mark(c->m, (size_t)i, c->pub);
		dest = attach_href(c->m->statics[i]);
	} else if (pl > 3 && strcmp(path + pl - 3, ".md") == 0) {
		if ((dest = target_url(c->m, target, &why)) == NULL) {
			diag_add_src(c->d, DIAG_ERROR, "link", c->path, c->src, line, col,
			    "link to '%s' cannot be followed: %s (looked for %s/%s); fix the path or remove the link",
			    url, why, c->m->content_dir, target);
			goto out;
		}
	} else {
		diag_add_src(c->d, DIAG_ERROR, "link", c->path, c->src, line, col,
		    "%s '%s' not found (looked for %s/%s): put files under static/ and link them "
		    "like ../../../../static/name.pdf, or link a record's .md file",
		    is_image ? _("image") : _("link target"), url, c->m->content_dir, target);
		goto out;
	}
	prefix = root_prefix(c->url);
	out = xasprintf("%s%s%s", prefix, dest, hash && !whole ? hash : "");
	free(prefix);
out:
	free(path);
	free(target);
	free(dest);
	return out;
}

static char *
dir_of(const char *rel)
{
	const char *slash = strrchr(rel, '/');

	return slash ? xstrndup(rel, (size_t)(slash - rel)) : xstrdup("");
}

/*
 * Renders one body through the privacy gate (gate.h). Its numbers are
 * reported only when it is published: what never reaches output/ is
 * masked all the same, but nothing of it is anyone's concern.
 */
static void
render(struct model *m, struct diags *d, const char *rel, const char *url,
    const char *path, const char *src, const struct fm *fm, struct md_doc *out, int make,
    int published)
{
	struct link_ctx c = { m, NULL, url, path, src, d, published };
	struct gate g = { m->cfg->pii_allow, m->cfg->privacy_refuse, published ? d : NULL };
	struct md_opts o;

	c.dir = dir_of(rel);
	memset(&o, 0, sizeof o);
	o.unsafe_html = m->cfg->unsafe_html;
	o.gate = &g;
	o.path = path;
	o.body_line = fm->body_line;
	o.resolve = resolve;
	o.ctx = &c;
	o.make = make;
	md_render(fm->body ? fm->body : "", fm->body_len, &o, out);
	free((char *)c.dir);
}

/*
 * Records whose HTML is needed after their own page (print sheets of
 * disclosures, annual reports in the archive) keep it from the first
 * rendering; the others render again when their page is written.
 */
static int
keeps_html(const struct record *r)
{
	return kind_has(r->kind, KIND_F_KEEP_HTML);
}

/*
 * Renders r's body again (make: MD_HTML and/or MD_TEXT) from its file, which
 * model_render_bodies freed. A file that changed since the checks is
 * refused. Returns 0, or -1 with an error in d. With `report` 0 the
 * rendering's own findings (links) are dropped: a record is reported by
 * exactly one of its renderings, however many a build makes.
 */
static int
render_again(struct model *m, const struct record *r, struct diags *d, int make,
    struct md_doc *out, int report)
{
	struct diags quiet;
	struct fm fm;
	char *src;
	size_t len = 0;

	memset(out, 0, sizeof *out);
	if ((src = model_record_source(r, d, &len)) == NULL)
		return -1;
	memset(&fm, 0, sizeof fm);
	fm.body = src + r->body_off;
	fm.body_len = r->body_len;
	fm.body_line = r->fm.body_line;
	diags_init(&quiet);
	render(m, report ? d : &quiet, r->rel, r->url, r->path, src, &fm, out, make, r->published);
	diags_free(&quiet);
	free(src);
	return 0;
}

/*
 * Hands doc's HTML and text to those of html and text that are not NULL
 * (NULL when doc has none, as after a failed render_again), then frees doc.
 */
static void
hand_over(struct md_doc *doc, char **html, char **text)
{
	if (html != NULL) {
		*html = doc->html;
		doc->html = NULL;
	}
	if (text != NULL) {
		*text = doc->text;
		doc->text = NULL;
	}
	md_doc_free(doc);
}

int
model_record_body(struct model *m, const struct record *r, struct diags *d,
    char **html, char **text)
{
	struct md_doc doc;
	int make = (html && !r->body.html ? MD_HTML : 0) | (text ? MD_TEXT : 0), rc = 0;

	memset(&doc, 0, sizeof doc);
	/* the record was reported by its first rendering, or will be by its page's */
	if (make != 0)
		rc = render_again(m, r, d, make, &doc, 0);
	hand_over(&doc, html, text);
	if (rc == 0 && html != NULL && r->body.html != NULL)
		*html = xstrdup(r->body.html);
	return rc;
}

/* Could c belong to a written number, masked or not (digits, '*', X, separators)? */
static int
in_number(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xff10 && c <= 0xff19) || c == '*' ||
	    c == 'X' || c == 'x' || c == ' ' || c == '-';
}

/*
 * The summary: front matter's, else the first paragraph cut to a length.
 * Both come from the gate, masked; the cut still never falls inside a
 * number (issue 15): it moves back to before the number's first digit.
 */
static char *
make_summary(const char *s, const struct md_doc *body)
{
	struct sb b;
	int chars = 0;
	size_t run = (size_t)-1;	/* where the run of in_number characters began in b */

	if (s != NULL)
		return xstrdup(s);
	if (body->first_para == NULL)
		return NULL;
	sb_init(&b);
	for (const char *p = body->first_para; *p; chars++) {
		uint32_t cp;
		int k = utf8_decode(p, &cp);

		if (chars == SUMMARY_CHARS) {
			if (in_number(cp) && run != (size_t)-1)
				b.len = run;	/* the number goes whole to the page, not half to lists */
			sb_puts(&b, "…");
			break;
		}
		if (!in_number(cp))
			run = (size_t)-1;
		else if (run == (size_t)-1)
			run = b.len;
		sb_add(&b, cp == '\n' ? " " : p, cp == '\n' ? 1 : (size_t)k);
		p += k;
	}
	return sb_take(&b);
}

/* The summary from a rendering's first paragraph, kept all build; frees the paragraph. */
static void
set_summary(struct record *r, struct md_doc *doc)
{
	/* made already, before the pages, for a case that names r (evidence_summary): the same text */
	if (r->summary != NULL) {
		free(doc->first_para);
		doc->first_para = NULL;
		return;
	}
	r->summary = make_summary(r->given_summary, doc);
	/* the summary is all a record's lists need of its first paragraph */
	free(doc->first_para);
	doc->first_para = NULL;
	/* kept all build: give back the string buffer's slack (up to 2x) */
	if (r->summary != NULL)
		r->summary = xrealloc(r->summary, strlen(r->summary) + 1);
}

/*
 * A record a case names as evidence: its summary, before the pages, from
 * a rendering that reports nothing (its page's reports, as for any
 * record). The case's page and the search index read it from then on.
 */
static void
evidence_summary(struct model *m, struct record *r, struct diags *d)
{
	struct md_doc doc;

	if (render_again(m, r, d, MD_FIRST, &doc, 0) == 0)
		set_summary(r, &doc);
	md_doc_free(&doc);
}

struct render_all {
	struct model	*m;
	struct diags	*d;
	int		 records;	/* published records too, not only at their pages */
};

/* Body i of sites, then records, then pages; each writes only its own struct. */
static void
render_one(void *vctx, size_t i, int worker)
{
	struct render_all *x = vctx;
	struct model *m = x->m;

	(void)worker;
	if (i < m->nsites) {
		struct site *s = m->sites[i];
		char *rel = xasprintf("sites/%s/index.md", s->id);

		if (s->src)
			render(m, x->d, rel, s->url, s->path, s->src, &s->fm, &s->body, 0, 1);
		free(rel);
		return;
	}
	i -= m->nsites;
	if (i < m->nrecs) {
		struct record *r = m->recs[i];
		int make;

		/* a build renders a published record once, with its page (model_record_page_body) */
		if (r->fm.root == NULL)
			return;
		if (!x->records && r->published && r->src == NULL) {
			if (r->evidence)
				evidence_summary(m, r, x->d);
			return;
		}
		/*
		 * The text, for the search index only, is made again there, and
		 * the HTML when the page is written: the build's peak holds no
		 * sources, no text, and no HTML but the few keeps_html keeps.
		 * Records whose front matter failed still hold their source.
		 */
		make = keeps_html(r) ? MD_HTML | MD_FIRST : MD_FIRST;
		if (r->src != NULL)
			render(m, x->d, r->rel, r->url, r->path, r->src, &r->fm, &r->body, make, r->published);
		else if (render_again(m, r, x->d, make, &r->body, 1) < 0)
			return;
		set_summary(r, &r->body);
		r->rendered = 1;
		return;
	}
	i -= m->nrecs;
	{
		struct page *p = m->pages[i];

		if (p->src && p->fm.root)
			render(m, x->d, p->rel, p->url, p->path, p->src, &p->fm, &p->body, 0,
			    !p->draft || m->drafts);
	}
}

/* In parallel (pool.h): the model is only read, diag_add locks. */
void
model_render_bodies(struct model *m, struct diags *d, int records)
{
	struct render_all x = { m, d, records };

	/*
	 * A case's page and its index text show its evidence's summaries:
	 * those records are rendered here, before the pages and the index's
	 * thread, which then only read them (the index used to wait for their
	 * pages, which could wait for the index).
	 */
	for (size_t i = 0; i < m->nrecs; i++) {
		const struct record *r = m->recs[i];

		for (size_t k = 0; r->cas != NULL && k < r->cas->nevidence; k++) {
			struct record *t = model_resolve(m, r, r->cas->evidence[k].s);

			if (t != NULL)
				t->evidence = 1;
		}
	}
	/* cmark-gfm's extension registry is global: fill it before any thread parses. */
	cmark_gfm_core_extensions_ensure_registered();
	pool_for_label(m->pool, "Markdown", m->nsites + m->nrecs + m->npages, render_one, &x);
}

/*
 * A published record's only rendering in a build (model_render_bodies left
 * it out): the summary, the table of contents and, for keeps_html, the HTML
 * are kept in r; the HTML and text asked for are handed back. Writes only r.
 */
int
model_record_page_body(struct model *m, struct record *r, struct diags *d, char **html, char **text)
{
	struct md_doc doc;
	int make = MD_FIRST | (html || keeps_html(r) ? MD_HTML : 0) | (text ? MD_TEXT : 0), rc;

	if (r->rendered)
		return model_record_body(m, r, d, html, text);
	if ((rc = render_again(m, r, d, make, &doc, 1)) == 0) {
		set_summary(r, &doc);
		r->body.toc = doc.toc;
		r->body.ntoc = doc.ntoc;
		doc.toc = NULL;
		doc.ntoc = 0;
		if (keeps_html(r))
			r->body.html = xstrdup(doc.html);
		r->rendered = 1;
	}
	hand_over(&doc, html, text);
	return rc;
}
