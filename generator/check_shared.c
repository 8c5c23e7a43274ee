/*
 * check_shared.c: what every rule family of check_*.c shares: the rules
 * of site.yaml (rules_*), number and money values of a record
 * (check_int, check_fen), and the compliance summary they fill for the
 * 公开情况 dashboard. Below check.c and the families, so that none of them
 * calls back up into the file that calls it (make lint).
 */
#include <stdlib.h>
#include <string.h>

#include "check_rules.h"
#include "gongkai.h"
#include "schema.h"
#include "util.h"
#include "i18n.h"

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
	const struct rule_entry *e = strcmp(dict, "meeting_cadence") == 0 ?
	    rules_entry(cfg->rs.cadence, cfg->rs.ncadence, name) :
	    rules_entry(cfg->rs.frequency, cfg->rs.nfrequency, name);

	return e ? e->value : -1;
}

struct date
rules_since(const struct config *cfg, const struct site *s)
{
	return s->since.y ? s->since : cfg->rs.since;
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
	static const char *const names[] = { N_("monthly"), N_("quarterly"), N_("half-yearly"), N_("yearly") };

	return unit >= 0 && unit <= PERIOD_YEAR ? _(names[unit]) : "?";
}

struct compliance *
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
