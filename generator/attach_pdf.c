/*
 * attach_pdf.c: personal numbers in a PDF (attach.h), found with poppler's
 * GLib binding. What a reader can see or copy out of the file is scanned:
 * each page's text, its annotations (comments) and form fields, and the
 * document's properties. Embedded files are counted, not opened.
 *
 * A PDF cannot be masked (its text is drawn, not stored as a string we
 * could change safely), so the caller refuses a file with any hit.
 */
#include <stdlib.h>
#include <string.h>

#include <poppler.h>

#include "attach.h"
#include "dynlib.h"
#include "privacy.h"
#include "util.h"

#ifndef GK_POPPLER_SO
#define GK_POPPLER_SO ""
#endif
#ifndef GK_POPPLER_PKG
#define GK_POPPLER_PKG ""
#endif

/*
 * poppler-glib is opened when the first PDF is scanned (dynlib.h): every
 * call below goes through P.
 */
#define PDF_FUNCS(X) \
	X(poppler_document_new_from_bytes) X(poppler_document_get_n_pages) X(poppler_document_get_page) \
	X(poppler_document_get_n_attachments) X(poppler_document_get_title) X(poppler_document_get_author) \
	X(poppler_document_get_subject) X(poppler_document_get_keywords) X(poppler_document_get_creator) \
	X(poppler_document_get_producer) X(poppler_page_get_text) X(poppler_page_get_annot_mapping) \
	X(poppler_page_free_annot_mapping) X(poppler_page_get_form_field_mapping) \
	X(poppler_page_free_form_field_mapping) X(poppler_annot_get_contents) \
	X(poppler_form_field_get_field_type) X(poppler_form_field_text_get_text) X(poppler_error_quark) \
	X(g_bytes_new_static) X(g_bytes_unref) X(g_error_free) X(g_free) X(g_object_unref)

#define PDF_FIELD(f) __typeof__(f) *x_##f;
#define PDF_NAME(f) #f,
#define PDF_ADDR(f) &P.x_##f,

static struct {
	PDF_FUNCS(PDF_FIELD)
} P;
static const char *const pdf_names[] = { PDF_FUNCS(PDF_NAME) };
static void *const pdf_fns[] = { PDF_FUNCS(PDF_ADDR) };
/* the defaults are Debian 12's names */
static struct dynlib pdf_lib = DYNLIB(GK_POPPLER_SO, "libpoppler-glib.so.8", GK_POPPLER_PKG, "libpoppler-glib8",
    pdf_names, pdf_fns);

/* Scans the UTF-8 text t (may be NULL) found at `where` and appends its hits to s. */
static void
scan_text(struct attach_scan *s, const char *t, int where, const char *const *allow, size_t nallow)
{
	struct pii_hit *hits = NULL;
	size_t n;

	if (t == NULL || !privacy_may_hold(t, strlen(t), PII_TEXT))
		return;
	n = privacy_scan(t, strlen(t), allow, nallow, &hits);
	if (n > 0)
		s->hits = xrealloc(s->hits, (s->nhits + n) * sizeof *s->hits);
	for (size_t i = 0; i < n; i++) {
		struct attach_hit *a = &s->hits[s->nhits++];

		a->where = where;
		a->kind = hits[i].kind;
		a->masked = xstrdup(hits[i].shown);
	}
	free(hits);
}

/* Title, author, subject, keywords, creator, producer: page 0. */
static void
scan_properties(struct attach_scan *s, PopplerDocument *doc, const char *const *allow, size_t nallow)
{
	gchar *v[6];

	v[0] = P.x_poppler_document_get_title(doc);
	v[1] = P.x_poppler_document_get_author(doc);
	v[2] = P.x_poppler_document_get_subject(doc);
	v[3] = P.x_poppler_document_get_keywords(doc);
	v[4] = P.x_poppler_document_get_creator(doc);
	v[5] = P.x_poppler_document_get_producer(doc);
	for (size_t i = 0; i < 6; i++) {
		scan_text(s, v[i], 0, allow, nallow);
		P.x_g_free(v[i]);
	}
}

/* The comments and the text form fields of page p (1-based number). */
static void
scan_page_extras(struct attach_scan *s, PopplerPage *p, int number, const char *const *allow,
    size_t nallow)
{
	GList *annots = P.x_poppler_page_get_annot_mapping(p);
	GList *fields = P.x_poppler_page_get_form_field_mapping(p);

	for (GList *l = annots; l != NULL; l = l->next) {
		PopplerAnnotMapping *am = l->data;
		gchar *c = P.x_poppler_annot_get_contents(am->annot);

		scan_text(s, c, number, allow, nallow);
		P.x_g_free(c);
	}
	for (GList *l = fields; l != NULL; l = l->next) {
		PopplerFormFieldMapping *fm = l->data;

		if (P.x_poppler_form_field_get_field_type(fm->field) == POPPLER_FORM_FIELD_TEXT) {
			gchar *t = P.x_poppler_form_field_text_get_text(fm->field);

			scan_text(s, t, number, allow, nallow);
			P.x_g_free(t);
		}
	}
	P.x_poppler_page_free_annot_mapping(annots);
	P.x_poppler_page_free_form_field_mapping(fields);
}

struct attach_scan *
attach_pdf_scan(const char *data, size_t len, const char *const *allow, size_t nallow)
{
	struct attach_scan *s = xcalloc(1, sizeof *s);
	GBytes *bytes = NULL;
	GError *err = NULL;
	PopplerDocument *doc = NULL;
	const char *why;

	if (len < 5 || memcmp(data, "%PDF-", 5) != 0) {
		s->error = xstrdup("it does not start with %PDF-");
		goto out;
	}
	if ((why = dynlib_need(&pdf_lib)) != NULL) {
		s->error = xstrdup(why);
		goto out;
	}
	/* poppler reads the bytes in place: they outlive the document */
	bytes = P.x_g_bytes_new_static(data, len);
	if ((doc = P.x_poppler_document_new_from_bytes(bytes, NULL, &err)) == NULL) {
		s->error = err != NULL && err->domain == P.x_poppler_error_quark() &&
		    err->code == POPPLER_ERROR_ENCRYPTED ?
		    xstrdup("it is locked with a password") :
		    xasprintf("poppler: %s", err != NULL && err->message != NULL ? err->message : "damaged");
		goto out;
	}
	s->pages = P.x_poppler_document_get_n_pages(doc);
	s->embedded = (int)P.x_poppler_document_get_n_attachments(doc);
	scan_properties(s, doc, allow, nallow);
	for (int i = 0; i < s->pages; i++) {
		PopplerPage *p = P.x_poppler_document_get_page(doc, i);
		gchar *t;

		if (p == NULL)
			continue;
		t = P.x_poppler_page_get_text(p);
		if (t != NULL && t[strspn(t, " \t\r\n\f")] != '\0')
			s->text_pages++;
		scan_text(s, t, i + 1, allow, nallow);
		P.x_g_free(t);
		scan_page_extras(s, p, i + 1, allow, nallow);
		P.x_g_object_unref(p);
	}
out:
	if (err != NULL)
		P.x_g_error_free(err);
	if (doc != NULL)
		P.x_g_object_unref(doc);
	if (bytes != NULL)
		P.x_g_bytes_unref(bytes);
	return s;
}
