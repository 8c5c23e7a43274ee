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
#include "privacy.h"
#include "util.h"

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

	v[0] = poppler_document_get_title(doc);
	v[1] = poppler_document_get_author(doc);
	v[2] = poppler_document_get_subject(doc);
	v[3] = poppler_document_get_keywords(doc);
	v[4] = poppler_document_get_creator(doc);
	v[5] = poppler_document_get_producer(doc);
	for (size_t i = 0; i < 6; i++) {
		scan_text(s, v[i], 0, allow, nallow);
		g_free(v[i]);
	}
}

/* The comments and the text form fields of page p (1-based number). */
static void
scan_page_extras(struct attach_scan *s, PopplerPage *p, int number, const char *const *allow,
    size_t nallow)
{
	GList *annots = poppler_page_get_annot_mapping(p), *fields = poppler_page_get_form_field_mapping(p);

	for (GList *l = annots; l != NULL; l = l->next) {
		PopplerAnnotMapping *am = l->data;
		gchar *c = poppler_annot_get_contents(am->annot);

		scan_text(s, c, number, allow, nallow);
		g_free(c);
	}
	for (GList *l = fields; l != NULL; l = l->next) {
		PopplerFormFieldMapping *fm = l->data;

		if (poppler_form_field_get_field_type(fm->field) == POPPLER_FORM_FIELD_TEXT) {
			gchar *t = poppler_form_field_text_get_text(fm->field);

			scan_text(s, t, number, allow, nallow);
			g_free(t);
		}
	}
	poppler_page_free_annot_mapping(annots);
	poppler_page_free_form_field_mapping(fields);
}

struct attach_scan *
attach_pdf_scan(const char *data, size_t len, const char *const *allow, size_t nallow)
{
	struct attach_scan *s = xcalloc(1, sizeof *s);
	GBytes *bytes = NULL;
	GError *err = NULL;
	PopplerDocument *doc = NULL;

	if (len < 5 || memcmp(data, "%PDF-", 5) != 0) {
		s->error = xstrdup("it does not start with %PDF-");
		goto out;
	}
	/* poppler reads the bytes in place: they outlive the document */
	bytes = g_bytes_new_static(data, len);
	if ((doc = poppler_document_new_from_bytes(bytes, NULL, &err)) == NULL) {
		s->error = err != NULL && err->domain == POPPLER_ERROR && err->code == POPPLER_ERROR_ENCRYPTED ?
		    xstrdup("it is locked with a password") :
		    xasprintf("poppler: %s", err != NULL && err->message != NULL ? err->message : "damaged");
		goto out;
	}
	s->pages = poppler_document_get_n_pages(doc);
	s->embedded = (int)poppler_document_get_n_attachments(doc);
	scan_properties(s, doc, allow, nallow);
	for (int i = 0; i < s->pages; i++) {
		PopplerPage *p = poppler_document_get_page(doc, i);
		gchar *t;

		if (p == NULL)
			continue;
		t = poppler_page_get_text(p);
		if (t != NULL && t[strspn(t, " \t\r\n\f")] != '\0')
			s->text_pages++;
		scan_text(s, t, i + 1, allow, nallow);
		g_free(t);
		scan_page_extras(s, p, i + 1, allow, nallow);
		g_object_unref(p);
	}
out:
	if (err != NULL)
		g_error_free(err);
	if (doc != NULL)
		g_object_unref(doc);
	if (bytes != NULL)
		g_bytes_unref(bytes);
	return s;
}
