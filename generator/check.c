/*
 * check.c: the rules of the content model that go beyond one file's keys.
 * This file holds references between files (attachments, evidence), the
 * helpers every rule family shares, and check_model, which runs the
 * families in check_*.c and keeps their summary for the dashboard.
 */
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "check_rules.h"
#include "gongkai.h"
#include "money.h"
#include "schema.h"
#include "util.h"

/* ---- shared helpers ---- */

void
compliance_free(struct compliance *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->nsites; i++) {
		struct comp_site *s = &c->sites[i];
		for (int k = 0; k < COMP_NCAT; k++)
			free(s->cat[k].overdue);
		free(s->running);
		free(s->missed);
		for (size_t j = 0; j < s->nfinance_notes; j++)
			free(s->finance_notes[j]);
		free(s->finance_notes);
	}
	free(c->sites);
	free(c);
}

struct comp_site *
comp_site(struct compliance *c, const struct site *s)
{
	for (size_t i = 0; i < c->nsites; i++)
		if (c->sites[i].site == s)
			return &c->sites[i];
	return NULL;
}

int
rules_freq(const struct config *cfg, const char *dict, const char *name)
{
	const struct ynode *map = cfg->rules ? ymap_get(cfg->rules, dict) : NULL;
	const char *s;

	if (map == NULL || map->type != YNODE_MAP || (s = ymap_str(map, name)) == NULL)
		return -1;
	return period_unit_parse(s);
}

int
rules_int(const struct config *cfg, const char *key, int dflt)
{
	const char *s = cfg->rules ? ymap_str(cfg->rules, key) : NULL;
	char *end;
	long n;

	if (s == NULL)
		return dflt;
	n = strtol(s, &end, 10);
	return *end || end == s || n < 0 ? dflt : (int)n;
}

struct date
rules_since(const struct config *cfg, const struct site *s)
{
	struct date d = { 0, 0, 0 };
	const char *v;

	if (s->since.y)
		return s->since;
	if (cfg->rules && (v = ymap_str(cfg->rules, "disclosure_since")) != NULL)
		date_parse(v, &d);
	return d;
}

struct period
rules_first_period(struct date since, enum period_unit unit)
{
	struct period p = period_of(since, unit);

	if (date_cmp(period_start(p), since) < 0)
		p = period_next(p);
	return p;
}

const char *
rules_freq_name(int unit)
{
	static const char *const names[] = { "monthly", "quarterly", "half-yearly", "yearly" };

	return unit >= 0 && unit <= PERIOD_YEAR ? names[unit] : "?";
}

int
check_fen(const struct ynode *map, const char *key, int64_t *fen)
{
	const char *s = ymap_str(map, key), *why;

	if (s == NULL || money_parse(s, fen, &why) < 0)
		return -1;
	return 0;
}

int
check_int(const struct ynode *map, const char *key, long *out)
{
	const char *s = ymap_str(map, key);
	char *end;

	if (s == NULL)
		return -1;
	*out = strtol(s, &end, 10);
	return *end || end == s || *out < 0 ? -1 : 0;
}

/* ---- references ---- */

static void
check_attachments(struct model *m, struct record *r, struct diags *d)
{
	struct ynode *n = ymap_get(r->fm.root, "attachments");
	size_t cnt;

	if (n == NULL || n->null)
		return;
	cnt = n->type == YNODE_SEQ ? n->n : 1;
	for (size_t i = 0; i < cnt; i++) {
		struct ynode *t = n->type == YNODE_SEQ ? n->items[i] : n;
		const char *f = t->str;

		if (t->null)
			continue;
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
	struct ynode *n = ymap_get(r->fm.root, "evidence");

	if (n == NULL || n->type != YNODE_SEQ)
		return;
	for (size_t i = 0; i < n->n; i++) {
		const char *e = n->items[i]->str;
		struct record *t = model_resolve(m, r, e);

		if (t != NULL && t->broken)
			;	/* reported where it is broken */
		else if (t == NULL || t->site != r->site || !t->published)
			diag_add_file(d, DIAG_ERROR, "evidence", r->path, n->items[i]->line,
			    n->items[i]->col,
			    "evidence '%s' %s: list published records of the same site, e.g. "
			    "../meetings/2024-06-12-dangyuan-dahui.md", e,
			    t == NULL ? "not found" : t->site != r->site ? "is a record of another site" :
			    "is not published");
	}
}

static struct compliance *
compliance_new(const struct model *m)
{
	struct compliance *c = xcalloc(1, sizeof *c);

	c->nsites = m->nsites;
	c->sites = xcalloc(m->nsites + 1, sizeof *c->sites);
	for (size_t i = 0; i < m->nsites; i++) {
		c->sites[i].site = m->sites[i];
		for (int k = 0; k < COMP_NCAT; k++) {
			c->sites[i].cat[k].category = schema_categories[k];
			c->sites[i].cat[k].freq = rules_freq(m->cfg, "disclosure_frequency", schema_categories[k]);
		}
	}
	return c;
}

/*
 * Every tag becomes a page: a record with thousands of them (a pasted list)
 * would bury the site in pages nobody opens.
 */
#define MAX_TAGS 50

static void
check_tags(struct record *r, struct diags *d)
{
	struct ynode *t = ymap_get(r->fm.root, "tags");

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
	check_assessments(&x);
	check_privacy(&x);
}
