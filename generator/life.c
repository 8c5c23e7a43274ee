/*
 * life.c: the life of a disclosure (life.h): its keys read once into the
 * model, with the expiry of a 公示's names as of as_of.
 */
#include <stdlib.h>
#include <string.h>

#include "gongkai.h"
#include "life.h"
#include "util.h"

static struct date
date_at(const struct ynode *map, const char *key)
{
	struct date d = { 0, 0, 0 };
	const char *s = ymap_str(map, key);

	if (s == NULL || date_parse(s, &d) < 0)
		d = (struct date){ 0, 0, 0 };
	return d;
}

static struct life_dated *
dated(const struct ynode *n, struct life_dated *out)
{
	out->date = date_at(n, "date");
	out->reason = ymap_str(n, "reason");
	out->node = n;
	out->date_pos = ymap_pos(n, "date");
	return out;
}

static void
fill_review(struct life *l, const struct ynode *n)
{
	struct life_review *rv;

	if (n == NULL || n->type != YNODE_MAP)
		return;
	rv = l->review = xcalloc(1, sizeof *rv);
	rv->body = ymap_str(n, "body");
	rv->by = ymap_get(n, "by");
	rv->date = date_at(n, "date");
	rv->opinion = ymap_str(n, "opinion");
	rv->node = n;
	rv->date_pos = ymap_pos(n, "date");
}

static void
fill_lists(struct life *l, const struct ynode *cs, const struct ynode *os)
{
	if (cs != NULL && cs->type == YNODE_SEQ && cs->n > 0) {
		l->corrections = xcalloc(cs->n, sizeof *l->corrections);
		for (size_t i = 0; i < cs->n; i++)
			if (cs->items[i]->type == YNODE_MAP)
				dated(cs->items[i], &l->corrections[l->ncorrections++]);
	}
	if (os != NULL && os->type == YNODE_SEQ && os->n > 0) {
		l->objections = xcalloc(os->n, sizeof *l->objections);
		for (size_t i = 0; i < os->n; i++) {
			const struct ynode *it = os->items[i];
			struct life_objection *o;

			if (it->type != YNODE_MAP)
				continue;
			o = &l->objections[l->nobjections++];
			o->received = date_at(it, "received");
			o->replied = date_at(it, "replied");
			o->summary = ymap_str(it, "summary");
			o->outcome = ymap_str(it, "outcome");
			o->node = it;
			o->received_pos = ymap_pos(it, "received");
			o->replied_pos = ymap_pos(it, "replied");
		}
	}
}

int
life_retention_days(const struct config *cfg, const char *kind)
{
	const struct ynode *d = cfg->rules ? ymap_get(cfg->rules, "notice_retention_days") : NULL;
	const char *s = NULL;

	if (d == NULL || d->type != YNODE_MAP)
		return -1;
	if (kind)
		s = ymap_str(d, kind);
	if (s == NULL)
		s = ymap_str(d, "default");
	return s ? atoi(s) : -1;
}

/* The name table expires the day after notice.to + retention. */
static void
fill_expiry(struct life *l, const struct ynode *fm, const struct config *cfg)
{
	const struct ynode *n = ymap_get(fm, "notice");
	struct date to;
	int keep;

	if (n == NULL || n->type != YNODE_MAP || ymap_str(fm, "rows") == NULL)
		return;
	to = date_at(n, "to");
	keep = life_retention_days(cfg, ymap_str(n, "kind"));
	if (to.y == 0 || keep < 0)
		return;
	l->expired_on = date_from_days(date_days(to) + keep + 1);
	l->expired = date_cmp(cfg->as_of, l->expired_on) >= 0;
}

void
life_fill(struct record *r, const struct config *cfg)
{
	const struct ynode *fm = r->fm.root, *w;
	struct life *l;

	if (fm == NULL || r->kind != KIND_DISCLOSURES)
		return;
	l = r->life = xcalloc(1, sizeof *l);
	fill_review(l, ymap_get(fm, "review"));
	fill_lists(l, ymap_get(fm, "corrections"), ymap_get(fm, "objections"));
	fill_expiry(l, fm, cfg);
	if ((w = ymap_get(fm, "withdrawn")) != NULL && w->type == YNODE_MAP) {
		l->withdrawn = dated(w, xcalloc(1, sizeof *l->withdrawn));
		/* its content leaves every output: lists, feeds, search, sitemap, print */
		l->was_published = r->published;
		r->published = 0;
	}
}

void
life_free(struct record *r)
{
	if (r->life == NULL)
		return;
	free(r->life->review);
	free(r->life->corrections);
	free(r->life->objections);
	free(r->life->withdrawn);
	for (size_t i = 0; i < r->life->nrevs; i++)
		free(r->life->revs[i].text);
	free(r->life->revs);
	free(r->life);
	r->life = NULL;
}

int
life_rows_shown(const struct record *r)
{
	return r->life == NULL || !r->life->expired;
}

struct date
life_last_change(const struct record *r)
{
	if (r->life == NULL || r->life->nrevs == 0)
		return (struct date){ 0, 0, 0 };
	return r->life->revs[r->life->nrevs - 1].date;
}

struct date
life_updated(const struct record *r)
{
	struct date d = life_last_change(r);

	return d.y && date_cmp(d, r->date) > 0 ? d : r->date;
}
