/*
 * attach.c: the attachment policy (attach.h): which files of static/ are
 * published, and the gate each passes on the way. The scanners of PDF and
 * SVG files are in attach_pdf.c and attach_svg.c.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "attach.h"
#include "check_rules.h"
#include "gongkai.h"
#include "model.h"
#include "output.h"
#include "privacy.h"
#include "util.h"
#include "i18n.h"

/*
 * Findings shown per file: each number where it stands (the clerk fixes
 * them one by one, and privacy: refuse names each), but a file of tens of
 * thousands gets a count after the first thousand.
 */
#define MAX_HITS_SHOWN 1000

enum akind {
	AK_OTHER,	/* copied as it is, not scanned */
	AK_TEXT,	/* masked (mask) or refused (refuse) */
	AK_XML,		/* text, and refused when it can run script as an SVG would */
	AK_PAGE,	/* text that a browser runs (HTML, script): only with unsafe_html */
	AK_PDF,		/* scanned page by page; a number is an error */
	AK_SVG,		/* refused when it can run script; a number is an error */
	AK_SVGZ		/* a compressed SVG, which cannot be checked: only with unsafe_html */
};

static const struct {
	const char	*ext;
	enum akind	 kind;
} kinds[] = {
	{ "txt", AK_TEXT }, { "csv", AK_TEXT }, { "md", AK_TEXT }, { "json", AK_TEXT },
	{ "xml", AK_XML },
	{ "html", AK_PAGE }, { "htm", AK_PAGE }, { "xhtml", AK_PAGE }, { "xht", AK_PAGE },
	{ "shtml", AK_PAGE }, { "js", AK_PAGE }, { "mjs", AK_PAGE },
	{ "pdf", AK_PDF }, { "svg", AK_SVG }, { "svgz", AK_SVGZ },
};

static enum akind
kind_of(const char *rel)
{
	const char *dot = strrchr(rel, '.'), *slash = strrchr(rel, '/');

	if (dot == NULL || (slash != NULL && dot < slash))
		return AK_OTHER;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcasecmp(dot + 1, kinds[i].ext) == 0)
			return kinds[i].kind;
	return AK_OTHER;
}

/* A .js or .mjs file (of the AK_PAGE kind). */
static int
is_script(const char *path)
{
	const char *dot = strrchr(path, '.');

	return dot != NULL && (strcasecmp(dot, ".js") == 0 || strcasecmp(dot, ".mjs") == 0);
}

long
attach_find(const struct model *m, const char *rel)
{
	size_t lo = 0, hi = m->nstatics;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(m->statics[mid], rel);

		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

void
attach_mark(struct model *m, size_t i, int pub)
{
	atomic_fetch_or_explicit(&m->static_links[i],
	    pub ? ATTACH_LINK_PUBLISHED : ATTACH_LINK_HIDDEN, memory_order_relaxed);
}

char *
attach_href(const char *rel)
{
	static const char hex[] = "0123456789ABCDEF";
	struct sb b;

	sb_init(&b);
	sb_puts(&b, "static/");
	for (const unsigned char *s = (const unsigned char *)rel; *s; s++) {
		/* the WHATWG path set, and '%' itself, so that the name is read back as written */
		if (*s <= 0x20 || *s == 0x7f || strchr("\"#%<>?[\\]^`{|}'", *s) != NULL) {
			sb_putc(&b, '%');
			sb_putc(&b, hex[*s >> 4]);
			sb_putc(&b, hex[*s & 15]);
		} else
			sb_putc(&b, (char)*s);
	}
	return sb_take(&b);
}

void
attach_scan_free(struct attach_scan *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->nhits; i++)
		free(s->hits[i].masked);
	free(s->hits);
	free(s->active);
	free(s->error);
	free(s);
}

/* The attachments: lists of records; published records' files are published. */
static void
mark_lists(struct model *m)
{
	for (size_t r = 0; r < m->nrecs; r++) {
		for (size_t i = 0; i < m->recs[r]->nattachments; i++) {
			const char *f = m->recs[r]->attachments[i].s;
			long k;

			if (f == NULL)
				continue;
			if (strncmp(f, "static/", 7) == 0)
				f += 7;
			/* check.c reports a name that leaves static/ or is missing */
			if (strstr(f, "..") == NULL && f[0] != '/' && (k = attach_find(m, f)) >= 0)
				attach_mark(m, (size_t)k, m->recs[r]->published);
		}
	}
}

/* One run of the gate: the file, what it holds, and where findings go. */
struct gate {
	const struct config	*cfg;
	struct diags		*d;
	const char		*path;	/* content/static/…, for messages */
	char			*data;	/* the file; replaced by the masked copy */
	size_t			 len;
	int			 verbose;
};

/* -v: one line about a file, on stderr; the name masked as findings are. */
static void
note(const struct gate *g, const char *what)
{
	char *p;

	if (!g->verbose)
		return;
	p = check_privacy_name_masked(g->cfg, g->path);
	fprintf(stderr, "gongkai: %s: %s\n", p, _(what));
	free(p);
}

/* Line and column (characters) of byte off of s. */
static void
position(const char *s, size_t off, int *line, int *col)
{
	size_t start = 0;

	*line = 1;
	for (size_t i = 0; i < off; i++)
		if (s[i] == '\n') {
			(*line)++;
			start = i + 1;
		}
	*col = utf8_columns(s + start, off - start);
}

/* "and N more" after the shown findings of one file. */
static void
more(const struct gate *g, enum diag_level lvl, const char *rule, size_t n)
{
	if (n > MAX_HITS_SHOWN)
		diag_add(g->d, lvl, rule, g->path, 0, 0, "and %zu more personal numbers in this file",
		    n - MAX_HITS_SHOWN);
}

/* Text: every number masked on the way out (mask) or the file refused (refuse). 0 or -1. */
static int
gate_text(struct gate *g)
{
	struct pii_hit *hits = NULL;
	size_t n = privacy_scan(g->data, g->len, g->cfg->privacy_allow, g->cfg->nallow, &hits);
	int refuse = g->cfg->privacy_refuse, rc = 0;

	for (size_t i = 0; i < n && i < MAX_HITS_SHOWN; i++) {
		char *num;
		int line, col;

		position(g->data, hits[i].off, &line, &col);
		num = xstrdup(hits[i].shown);
		if (refuse)
			diag_add(g->d, DIAG_ERROR, "attachment-privacy", g->path, line, col,
			    "%s %s in this attachment must not be published (privacy: refuse); remove it "
			    "from the file, or write it masked as %s", pii_kind_name(hits[i].kind), num, num);
		else
			diag_add(g->d, DIAG_WARNING, "attachment-privacy", g->path, line, col,
			    "%s %s in this attachment is published masked; mask it in the file too%s",
			    pii_kind_name(hits[i].kind), num, hits[i].kind == PII_MOBILE ?
			    _(", or list it in privacy_allow if it may be shown (an office phone)") : "");
		free(num);
	}
	more(g, refuse ? DIAG_ERROR : DIAG_WARNING, "attachment-privacy", n);
	if (n > 0 && refuse)
		rc = -1;
	else if (n > 0) {
		size_t mlen = 0;
		char *masked = privacy_mask_all(g->data, g->len, g->cfg->privacy_allow, g->cfg->nallow,
		    &mlen, NULL);

		if (masked != NULL) {
			free(g->data);
			g->data = masked;
			g->len = mlen;
		}
	}
	free(hits);
	return rc;
}

/* A page or script a browser would run from the site's own address. 0 or -1. */
static int
gate_page(struct gate *g, const char *why)
{
	if (g->cfg->unsafe_html)
		return 0;
	diag_add(g->d, DIAG_ERROR, "attachment-active", g->path, 0, 0,
	    "%s, which a browser runs as part of this site, is refused; attach a PDF or an image "
	    "instead, or set unsafe_html: true in site.yaml if the site's own people wrote the file", _(why));
	return -1;
}

/* A PDF: scanned, never masked. 0 or -1. */
static int
gate_pdf(struct gate *g)
{
	struct attach_scan *s = attach_pdf_scan(g->data, g->len, g->cfg->privacy_allow, g->cfg->nallow);
	int rc = 0;

	if (s->error != NULL) {
		diag_add(g->d, DIAG_ERROR, "attachment-pdf", g->path, 0, 0,
		    "cannot be read as a PDF (%s), so it cannot be checked for personal numbers and is "
		    "not published; export it again as a PDF without a password", s->error);
		rc = -1;
		goto out;
	}
	for (size_t i = 0; i < s->nhits && i < MAX_HITS_SHOWN; i++) {
		const struct attach_hit *h = &s->hits[i];
		char where[64];

		if (h->where > 0)
			snprintf(where, sizeof where, "on page %d", h->where);
		else
			snprintf(where, sizeof where, "in the document properties (title, author, subject)");
		diag_add(g->d, DIAG_ERROR, "attachment-pdf", g->path, 0, 0,
		    "%s %s %s must not be published; a PDF cannot be masked: remove the number from "
		    "the file and export it again", pii_kind_name(h->kind), h->masked, where);
	}
	more(g, DIAG_ERROR, "attachment-pdf", s->nhits);
	if (s->nhits > 0)
		rc = -1;
	if (s->embedded > 0)
		diag_add(g->d, DIAG_WARNING, "attachment-pdf", g->path, 0, 0,
		    "the PDF carries %d embedded file%s, which are published with it unscanned; export "
		    "it again without them", s->embedded, s->embedded == 1 ? "" : "s");
	if (rc == 0 && s->pages > 0 && s->text_pages == 0)
		note(g, "not scanned: the PDF has no text (a scanned image?); published as it is, check it by eye");
out:
	attach_scan_free(s);
	return rc;
}

/*
 * An SVG (svg 1) or another XML file (svg 0, masked as text after): no
 * script unless unsafe_html; an SVG's text is not masked, so a number in
 * it is an error. 0 or -1.
 */
static int
gate_xml(struct gate *g, int svg)
{
	struct attach_scan *s = attach_svg_scan(g->data, g->len, g->cfg->privacy_allow, g->cfg->nallow);
	int rc = 0;

	if (s->active != NULL && !g->cfg->unsafe_html) {
		diag_add(g->d, DIAG_ERROR, "attachment-active", g->path, 0, 0,
		    "%s holds %s, which runs when the file is opened from this site, and is refused; "
		    "export the image again without scripts (or as PNG), or set unsafe_html: true in "
		    "site.yaml if the site's own people wrote it", svg ? "the SVG" : "the XML file", s->active);
		rc = -1;
	}
	if (!svg)
		goto out;
	if (s->error != NULL)
		diag_add(g->d, DIAG_WARNING, "attachment-svg", g->path, 0, 0,
		    "not well-formed XML (%s): browsers will show no image; export it again", s->error);
	for (size_t i = 0; i < s->nhits && i < MAX_HITS_SHOWN; i++)
		diag_add(g->d, DIAG_ERROR, "attachment-privacy", g->path, s->hits[i].where, 0,
		    "%s %s in the SVG must not be published; an image is not masked: remove the "
		    "number and export it again", pii_kind_name(s->hits[i].kind), s->hits[i].masked);
	more(g, DIAG_ERROR, "attachment-privacy", s->nhits);
	if (s->nhits > 0)
		rc = -1;
out:
	attach_scan_free(s);
	return rc;
}

/* The gate for one linked file, by its kind. 0, or -1 with the reason in d. */
static int
gate_run(struct gate *g, enum akind k)
{
	switch (k) {
	case AK_TEXT:
		return gate_text(g);
	case AK_XML:
		return gate_xml(g, 0) < 0 ? -1 : gate_text(g);
	case AK_PAGE:
		return gate_page(g, is_script(g->path) ? N_("a script file") : N_("an HTML page")) < 0 ? -1 :
		    gate_text(g);
	case AK_SVGZ:
		if (gate_page(g, N_("a compressed SVG (.svgz), which cannot be checked for scripts")) < 0)
			return -1;
		note(g, "not scanned (a compressed SVG): published as it is");
		return 0;
	case AK_PDF:
		return gate_pdf(g);
	case AK_SVG:
		return gate_xml(g, 1);
	case AK_OTHER:
		break;
	}
	note(g, "not scanned (an image or other binary file): published as it is");
	return 0;
}

int
attach_publish(struct model *m, struct out *out, int verbose, struct diags *d)
{
	int rc = 0;

	mark_lists(m);
	for (size_t i = 0; i < m->nstatics; i++) {
		const char *rel = m->statics[i];
		unsigned bits = atomic_load_explicit(&m->static_links[i], memory_order_relaxed);
		struct gate g = { m->cfg, d, NULL, NULL, 0, verbose };
		char *path = xasprintf("%s/static/%s", m->content_dir, rel), *to;

		g.path = path;
		/*
		 * A name with a number first, linked or not: the gate masks the
		 * links to it, so they cannot find it, and this says why.
		 */
		if (check_privacy_name(m->cfg, d, path, "the attachment's name", rel,
		    "rename the file (and the links to it)")) {
			rc = -1;
			goto next;
		}
		if (!(bits & ATTACH_LINK_PUBLISHED)) {
			note(&g, bits & ATTACH_LINK_HIDDEN ?
			    "not published: only internal or draft records link it" :
			    "not published: no published record, profile or page links it");
			goto next;
		}
		if (file_read(path, &g.data, &g.len) < 0) {
			diag_add(d, DIAG_ERROR, "io", path, 0, 0, "cannot read the attachment");
			rc = -1;
			goto next;
		}
		if (gate_run(&g, kind_of(rel)) < 0) {
			rc = -1;
			goto next;
		}
		if (out != NULL) {
			to = xasprintf("static/%s", rel);
			if (out_put_raw(out, to, g.data, g.len) < 0)
				rc = -1;
			g.data = NULL;	/* consumed */
			free(to);
		}
next:
		free(g.data);
		free(path);
	}
	return rc;
}
