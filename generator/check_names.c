/*
 * check_names.c: rule privacy-name. Names are published as they are, in
 * addresses: a site id or a published file's name with a personal number
 * is an error, masked or not (the gate masks text, never a name; issue 15).
 * Attachments' names are checked by attach.c with check_privacy_name.
 */
#include <stdlib.h>
#include <string.h>

#include "check_rules.h"
#include "privacy.h"
#include "util.h"
#include "i18n.h"

/*
 * A copy of s with the separators of a name ('-', '_', '.', '/') as
 * spaces, so that a number written in groups (6222_0212_3456_7890, or over
 * folders) reads as written in groups. Same length as s. Caller frees.
 */
static char *
name_spaced(const char *s)
{
	char *o = xstrdup(s);

	for (char *p = o; *p; p++)
		if (*p == '-' || *p == '_' || *p == '.' || *p == '/')
			*p = ' ';
	return o;
}

/*
 * pii_detect of one text, after the quick look: every file name of a
 * site is read twice, and nearly none holds a chain of 11 digits.
 */
static void
name_detect(const struct config *cfg, const struct pii_seg *seg, struct pii_result *r)
{
	if (privacy_may_hold(seg->s, seg->n, seg->flags))
		pii_detect(seg, 1, cfg->pii_allow, r);
	else
		memset(r, 0, sizeof *r);
}

/* The numbers of name as written, else of its spaced form (then *spaced is set; caller frees). */
static void
name_scan(const struct config *cfg, const char *name, char **spaced, struct pii_result *r)
{
	struct pii_seg seg = { name, strlen(name), PII_TEXT };

	*spaced = NULL;
	name_detect(cfg, &seg, r);
	if (r->nhits > 0)
		return;
	pii_result_free(r);
	*spaced = name_spaced(name);
	seg.s = *spaced;
	name_detect(cfg, &seg, r);
}

char *
check_privacy_name_masked(const struct config *cfg, const char *name)
{
	struct pii_result r;
	char *spaced, *out;

	name_scan(cfg, name, &spaced, &r);
	out = pii_apply(&r, 0, spaced ? spaced : name, strlen(name), NULL);
	/* the separators back where they were, when masking kept the length (ASCII digits) */
	if (out != NULL && spaced != NULL && strlen(out) == strlen(name))
		for (size_t i = 0; out[i]; i++)
			if (out[i] == ' ' && name[i] != ' ')
				out[i] = name[i];
	pii_result_free(&r);
	free(spaced);
	return out ? out : xstrdup(name);
}

int
check_privacy_name(const struct config *cfg, struct diags *d, const char *path, const char *what,
    const char *name, const char *fix)
{
	struct pii_result r;
	char *spaced, *mpath;

	name_scan(cfg, name, &spaced, &r);
	free(spaced);
	if (r.nhits == 0) {
		pii_result_free(&r);
		return 0;
	}
	mpath = check_privacy_name_masked(cfg, path);
	diag_add(d, DIAG_ERROR, "privacy-name", mpath, 0, 0,
	    "%s holds %s %s, and a name is published as it is (in the address of the page or "
	    "file); %s without the number", what, pii_kind_name(r.hits[0].kind), r.hits[0].shown, fix);
	free(mpath);
	pii_result_free(&r);
	return 1;
}

void
check_names(struct cctx *x)
{
	struct model *m = x->m;

	for (size_t i = 0; i < m->nsites; i++)
		check_privacy_name(x->cfg, x->d, m->sites[i]->path, _("the site id (its folder's name)"),
		    m->sites[i]->id, _("rename the folder under sites/ (and every parent: that names it)"));
	for (size_t i = 0; i < m->npages; i++)
		if (!m->pages[i]->draft || m->drafts)
			check_privacy_name(x->cfg, x->d, m->pages[i]->path, _("the page's file name"),
			    m->pages[i]->slug, _("rename the file (and the links to it)"));
	for (size_t i = 0; i < m->nrecs; i++)
		if (m->recs[i]->published)
			check_privacy_name(x->cfg, x->d, m->recs[i]->path, _("the record's file name"),
			    m->recs[i]->slug, _("rename the file (and the links to it)"));
}
