/*
 * check.c: the rules of the content model that go beyond one file's keys.
 * This file holds references between files (attachments, evidence), and
 * check_model, which runs the families in check_*.c and keeps their
 * summary for the dashboard; what the families share is check_shared.c.
 */
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "check_rules.h"
#include "model.h"
#include "gongkai.h"
#include "money.h"
#include "schema.h"
#include "util.h"
#include "i18n.h"

/* ---- references ---- */

static void
check_attachments(struct model *m, struct record *r, struct diags *d)
{
	for (size_t i = 0; i < r->nattachments; i++) {
		const struct ynode *t = r->attachments[i].node;
		const char *f = r->attachments[i].s;

		if (strncmp(f, "static/", 7) == 0)
			f += 7;
		if (strstr(f, "..") != NULL || f[0] == '/' || attach_find(m, f) < 0)
			diag_add_file(d, DIAG_ERROR, "attachment", r->path, t->line, t->col,
			    "attachment '%s' not found: put the file under %s/static/ and name it "
			    "relative to static/", t->str, m->content_dir);
	}
}

static void
check_evidence(struct model *m, struct record *r, struct diags *d)
{
	const struct casefile *cf = r->cas;

	for (size_t i = 0; i < cf->nevidence; i++) {
		const char *e = cf->evidence[i].s;
		struct record *t = model_resolve(m, r, e);

		if (t != NULL && t->broken)
			;	/* reported where it is broken */
		else if (t == NULL || t->site != r->site || !t->published)
			diag_add_file(d, DIAG_ERROR, "evidence", r->path, cf->evidence[i].node->line,
			    cf->evidence[i].node->col,
			    "evidence '%s' %s: list published records of the same site, e.g. "
			    "../meetings/2024-06-12-dangyuan-dahui.md", e,
			    t == NULL ? _("not found") : t->site != r->site ? _("is a record of another site") :
			    _("is not published"));
	}
}

/*
 * Every tag becomes a page: a record with thousands of them (a pasted list)
 * would bury the site in pages nobody opens.
 */
#define MAX_TAGS 50

static void
check_tags(struct record *r, struct diags *d)
{
	const struct ynode *t = r->tags_node;

	if (t != NULL && t->type == YNODE_SEQ && t->n > MAX_TAGS)
		diag_add_file(d, DIAG_ERROR, "tags", r->path, t->line, t->col,
		    "%zu tags; a record may have at most %d: keep the few words a reader would look for",
		    (size_t)t->n, MAX_TAGS);
}

void
check_model(struct model *m, struct diags *d)
{
	struct cctx x;

	for (size_t i = 0; i < m->nrecs; i++) {
		struct record *r = m->recs[i];

		if (r->fm.root == NULL)
			continue;
		check_attachments(m, r, d);
		check_tags(r, d);
		if (r->kind == KIND_CASES)
			check_evidence(m, r, d);
	}
	compliance_free(m->compliance);
	x.m = m;
	x.cfg = m->cfg;
	x.d = d;
	x.c = m->compliance = compliance_new(m);
	check_money(&x);
	check_periods(&x);
	check_notices(&x);
	check_meetings(&x);
	check_matters(&x);
	check_assessments(&x);
	check_damaged(&x);
	check_life(&x);
	check_names(&x);
}
