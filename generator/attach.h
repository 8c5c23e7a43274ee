/*
 * attach.h: what of content/static/ is published, and how (issues 15, 22).
 *
 * The contract. A file under static/ reaches output/ only when something
 * published links it: a Markdown link in the body of a published record,
 * a site profile or a published page (links.c marks it while the body
 * renders), or the attachments: list of a published record. A file linked
 * by nothing, or only by internal or draft records, is never published;
 * `check -v` and `build -v` list it. (site.yaml has no key that names a
 * file; the theme's own files are in its assets/, not here.)
 *
 * A linked file passes the gate first, by its extension (case ignored):
 *   text (.txt .csv .md .json .xml, and .html .htm .xhtml .js where they
 *     may be published): personal numbers are masked on the way out with a
 *     warning (privacy: mask), or refused, failing the build (privacy: refuse);
 *   .pdf: the text of every page, its annotations, form fields and document
 *     properties are scanned (attach_pdf.c); a number is an error under
 *     either mode, since a PDF cannot be masked;
 *   .svg: refused when it can run script (attach_svg.c) unless unsafe_html;
 *     a number in its text is an error, as in a PDF;
 *   .html .htm .xhtml .js .svgz, and .xml that can run script: refused
 *     unless site.yaml says unsafe_html: true;
 *   anything else (images, office files): copied as it is; -v lists it as
 *     not scanned.
 * A published name (every folder and the file's own) that holds a personal
 * number is an error. Names with # ? % or spaces are linked percent-encoded
 * (attach_href), so the link opens the file.
 */
#ifndef GONGKAI_ATTACH_H
#define GONGKAI_ATTACH_H

#include <stddef.h>

#include "privacy.h"

struct diags;
struct model;
struct out;

/* Bits of model.static_links[i]. */
enum {
	ATTACH_LINK_PUBLISHED = 1,	/* linked by something published */
	ATTACH_LINK_HIDDEN = 2		/* linked by an internal or draft record */
};

/* The index of static file rel (relative to static/) in model.statics, or -1. */
long attach_find(const struct model *m, const char *rel);
/*
 * Records that model.statics[i] is linked by something published (pub 1)
 * or by an internal or draft record (pub 0). Safe from several threads.
 */
void attach_mark(struct model *m, size_t i, int pub);
/*
 * The address of static file rel from the site root: "static/" and rel,
 * with the bytes a URL path cannot hold as they are (% # ? space, quotes,
 * controls …) percent-encoded; UTF-8 names stay readable. Caller frees.
 */
char *attach_href(const char *rel);

/*
 * Runs once every body was rendered (every link is marked): marks the
 * attachments: lists of published records, then passes each linked file
 * through the gate above. With out, what passes is written to static/ in
 * the new tree; with out NULL (`check`) nothing is written. With verbose,
 * lists on stderr, once each, the files not published and the files
 * published without a scan. Returns 0, or -1 when a file was refused or
 * could not be read (the reason is in d).
 */
int attach_publish(struct model *m, struct out *out, int verbose, struct diags *d);

/* One personal number found in a PDF or an SVG (attach_pdf_scan, attach_svg_scan). */
struct attach_hit {
	int		 where;		/* PDF: 1-based page, 0 for the document's properties;
					   SVG: line */
	enum pii_kind	 kind;
	char		*masked;	/* the number masked, for messages (owned) */
};

/* What a scan of one file found. Free with attach_scan_free. */
struct attach_scan {
	struct attach_hit *hits;	/* in document order (owned) */
	size_t		 nhits;
	int		 pages;		/* PDF: pages */
	int		 text_pages;	/* PDF: pages with any text (0: a scanned image) */
	int		 embedded;	/* PDF: files embedded in it, which are not scanned */
	char		*active;	/* SVG, XML: what can run script, e.g. "a <script>
					   element at line 3" (owned), or NULL */
	char		*error;		/* why the file could not be read (owned), or NULL */
};

void attach_scan_free(struct attach_scan *s);
/*
 * attach_pdf.c: reads the PDF data[0..len) with poppler and scans its text
 * with privacy_scan (allow as there). Never NULL; error set when the file
 * is not a PDF poppler can open (damaged, encrypted). Caller frees.
 */
struct attach_scan *attach_pdf_scan(const char *data, size_t len, const char *const *allow,
    size_t nallow);
/*
 * attach_svg.c: parses data[0..len) as XML (libxml2, no network, no
 * outside entities) and says what in it can run script: a script, iframe,
 * embed, object or frame element, an on* event attribute, or a
 * javascript: or vbscript: value. The text of the document is scanned with
 * privacy_scan. error is set when it is not well-formed XML. Caller frees.
 */
struct attach_scan *attach_svg_scan(const char *data, size_t len, const char *const *allow,
    size_t nallow);

#endif
