/*
 * config_rules.c: site.yaml's rules (struct site_rules in gongkai.h), read
 * once when the config loads. schema.c has checked their shape and values;
 * every stage that applies a rule reads the fields, never the YAML, so a
 * rule's default lives here only.
 */
#include <stdlib.h>
#include <string.h>

#include "gongkai.h"
#include "util.h"

/* The entries of a name: value mapping, in written order; value by conv. */
static struct rule_entry *
entries(const struct ynode *map, int (*conv)(const char *), size_t *n)
{
	struct rule_entry *v;

	*n = 0;
	if (map == NULL || map->type != YNODE_MAP || map->n == 0)
		return NULL;
	v = xcalloc(map->n, sizeof *v);
	for (size_t i = 0; i < map->n; i++) {
		const struct ynode *val = map->ents[i].val;

		/* a value that is not a plain scalar reads as "not given" (-1) */
		v[*n].name = map->ents[i].key->str;
		v[*n].value = val->type == YNODE_SCALAR && !val->null ? conv(val->str) : -1;
		(*n)++;
	}
	return v;
}

static int
unit_of(const char *s)
{
	return period_unit_parse(s);
}

static int
days_of(const char *s)
{
	return atoi(s);
}

/* A date or a list of dates; what is not a date is left out (schema.c reported it). */
static struct date *
dates(const struct ynode *l, size_t *n)
{
	size_t cnt = l == NULL ? 0 : l->type == YNODE_SEQ ? l->n : 1;
	struct date *v = cnt ? xcalloc(cnt, sizeof *v) : NULL;

	*n = 0;
	for (size_t i = 0; i < cnt; i++) {
		const struct ynode *it = l->type == YNODE_SEQ ? l->items[i] : l;

		if (it->type == YNODE_SCALAR && date_parse(it->str, &v[*n]) == 0)
			(*n)++;
	}
	return v;
}

/* A list of names, or one name: the scalars, in written order (owned array). */
static const char **
names(const struct ynode *l, size_t *n)
{
	size_t cnt = l == NULL || l->null ? 0 : l->type == YNODE_SEQ ? l->n : 1;
	const char **v = xcalloc(cnt + 1, sizeof *v);

	*n = 0;
	for (size_t i = 0; i < cnt; i++) {
		const struct ynode *it = l->type == YNODE_SEQ ? l->items[i] : l;

		if (it->type == YNODE_SCALAR && !it->null)
			v[(*n)++] = it->str;
	}
	return v;
}

void
config_rules_fill(struct config *c)
{
	struct site_rules *rs = &c->rs;
	const struct ynode *md;
	const char *s;
	char *end;
	long g;

	rs->frequency = entries(ymap_get(c->rules, "disclosure_frequency"), unit_of, &rs->nfrequency);
	rs->cadence = entries(ymap_get(c->rules, "meeting_cadence"), unit_of, &rs->ncadence);
	if ((s = ymap_str(c->rules, "disclosure_grace_days")) != NULL) {
		g = strtol(s, &end, 10);
		rs->grace_days = *end || end == s || g < 0 || g > 100000 ? 0 : (int)g;
	}
	if ((s = ymap_str(c->rules, "disclosure_since")) != NULL)
		date_parse(s, &rs->since);
	/* 决议公开 is due this many days after the 决议 (content model: 7 when not given) */
	rs->matter_disclosure_days = 7;
	/* an objection is answered within this many working days (content model: 5) */
	rs->objection_reply_days = 5;
	if ((s = ymap_str(c->rules, "objection_reply_days")) != NULL) {
		g = strtol(s, &end, 10);
		if (!*end && end != s && g >= 0 && g <= 100000)
			rs->objection_reply_days = (int)g;
	}
	if ((s = ymap_str(c->rules, "matter_disclosure_days")) != NULL) {
		g = strtol(s, &end, 10);
		if (!*end && end != s && g >= 0 && g <= 100000)
			rs->matter_disclosure_days = (int)g;
	}
	md = ymap_get(c->rules, "notice_min_days");
	rs->has_min_days = md != NULL && md->type == YNODE_MAP;
	rs->min_days = entries(md, days_of, &rs->nmin_days);
	rs->workdays = (s = ymap_str(c->rules, "notice_day_unit")) != NULL && strcmp(s, "workday") == 0;
	rs->holiday_list = dates(ymap_get(c->rules, "holidays"), &rs->nholidays);
	rs->workday_list = dates(ymap_get(c->rules, "workdays"), &rs->nworkdays);
	rs->review_required = names(ymap_get(c->rules, "review_required"), &rs->nreview_required);
}

void
config_rules_free(struct config *c)
{
	free(c->rs.frequency);
	free(c->rs.cadence);
	free(c->rs.min_days);
	free(c->rs.holiday_list);
	free(c->rs.workday_list);
	free(c->rs.review_required);
	memset(&c->rs, 0, sizeof c->rs);
}

const struct rule_entry *
rules_entry(const struct rule_entry *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0)
			return &v[i];
	return NULL;
}
