/*
 * check_periods.c: every disclosure names a period of its category's
 * frequency (rules.disclosure_frequency), and every period that ended more
 * than disclosure_grace_days before as_of has its disclosure, per site and
 * category. Missing ones are warnings (overdue) that the dashboard lists.
 * Only a published disclosure counts: an audience: internal one was never
 * put up, so its period stays overdue (and the warning names the file).
 */
#include <stdlib.h>
#include <string.h>

#include "check_rules.h"
#include "model.h"
#include "schema.h"
#include "util.h"

static const char *const unit_cn[] = { "月", "季度", "半年", "年" };
static const char *const unit_example[] = { "2025-06", "2025-Q2", "2025-H1", "2025" };

/* Is there a published disclosure of site s, category k, period p? */
static int
disclosed(const struct model *m, const struct site *s, int k, struct period p)
{
	for (size_t i = 0; i < s->nrecs[KIND_DISCLOSURES]; i++) {
		struct record *r = s->recs[KIND_DISCLOSURES][i];
		const struct disclosure *d = r->disc;

		if (d && d->cat == k && d->has_period && period_cmp(p, d->period) == 0)
			return 1;
	}
	(void)m;
	return 0;
}

/*
 * An internal disclosure of site s, category k, period p, or NULL. It was
 * written but not put up, so it does not count; the warning names it so the
 * clerk does not look for a missing file.
 */
static const struct record *
internal_for(const struct model *m, const struct site *s, int k, struct period p)
{
	for (size_t i = 0; i < m->nrecs; i++) {
		const struct record *r = m->recs[i];
		const struct disclosure *d = r->disc;

		if (r->site != s || d == NULL || !r->internal || (r->draft && !m->drafts))
			continue;
		if (d->cat == k && d->has_period && period_cmp(p, d->period) == 0)
			return r;
	}
	return NULL;
}

static void
overdue_site(struct cctx *x, struct comp_site *cs, int grace)
{
	struct site *s = cs->site;
	struct date since = rules_since(x->cfg, s);
	long today = date_days(x->cfg->as_of);

	if (!since.y)
		return;
	for (int k = 0; k < COMP_NCAT; k++) {
		struct comp_cat *cc = &cs->cat[k];

		if (cc->freq < 0)
			continue;
		for (struct period p = rules_first_period(since, (enum period_unit)cc->freq);
		    today - date_days(period_end(p)) > grace; p = period_next(p)) {
			char ps[16], pc[48], end[11], due[11];
			const struct record *in;

			if (disclosed(x->m, s, k, p))
				continue;
			cc->overdue = xrealloc(cc->overdue, (cc->noverdue + 1) * sizeof *cc->overdue);
			cc->overdue[cc->noverdue++] = p;
			period_str(p, ps);
			period_cn(p, pc);
			date_iso(period_end(p), end);
			date_iso(date_from_days(date_days(period_end(p)) + grace), due);
			if ((in = internal_for(x->m, s, k, p)) != NULL)
				diag_add(x->d, DIAG_WARNING, "overdue", s->path, 0, 0,
				    "%s: %s for %s (%s) is overdue: the period ended %s and was due by %s "
				    "(disclosure_grace_days %d); %s is audience: internal, which is not a disclosure: "
				    "remove audience: internal to publish it, or publish a public disclosure for %s",
				    s->id, cc->category, ps, pc, end, due, grace, in->path, ps);
			else
				diag_add(x->d, DIAG_WARNING, "overdue", s->path, 0, 0,
				    "%s: %s for %s (%s) is overdue: the period ended %s and was due by %s "
				    "(disclosure_grace_days %d); publish a disclosure with category: %s and period: %s",
				    s->id, cc->category, ps, pc, end, due, grace, cc->category, ps);
		}
	}
}

void
check_periods(struct cctx *x)
{
	struct model *m = x->m;
	int grace = x->cfg->rs.grace_days;

	for (size_t i = 0; i < m->nrecs; i++) {
		struct record *r = m->recs[i];
		const struct disclosure *d = r->disc;
		const char *cat, *per;
		const struct ynode *pn;
		struct period p;
		int k, f;

		if (d == NULL || d->cat < 0 || d->cat >= COMP_NCAT || !d->has_period)
			continue;
		cat = d->category;
		k = d->cat;
		pn = d->period_text.node;
		per = d->period_text.s;
		p = d->period;
		f = rules_freq(x->cfg, "disclosure_frequency", cat);
		if (f >= 0 && (int)p.unit != f) {
			diag_add_file(x->d, DIAG_ERROR, "period-frequency", r->path, pn->line, pn->col,
			    "period '%s' is not a %s period, but rules.disclosure_frequency makes %s %s; "
			    "write it like %s", per, unit_cn[p.unit], cat, rules_freq_name(f), unit_example[f]);
			continue;
		}
		if (r->published) {
			struct comp_cat *cc = &comp_site(x->c, r->site)->cat[k];
			if (cc->last == NULL || period_cmp(p, cc->last_period) > 0 ||
			    (period_cmp(p, cc->last_period) == 0 && date_cmp(r->date, cc->last->date) > 0)) {
				cc->last = r;
				cc->last_period = p;
			}
		}
	}
	for (size_t i = 0; i < x->c->nsites; i++)
		overdue_site(x, &x->c->sites[i], grace);
}
