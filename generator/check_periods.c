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
#include "schema.h"
#include "util.h"

static int
cat_index(const char *cat)
{
	for (int k = 0; k < COMP_NCAT; k++)
		if (strcmp(schema_categories[k], cat) == 0)
			return k;
	return -1;
}

static const char *const unit_cn[] = { "月", "季度", "半年", "年" };
static const char *const unit_example[] = { "2025-06", "2025-Q2", "2025-H1", "2025" };

/* Is there a published disclosure of site s, category k, period p? */
static int
disclosed(const struct model *m, const struct site *s, int k, struct period p)
{
	for (size_t i = 0; i < s->nrecs[KIND_DISCLOSURES]; i++) {
		struct record *r = s->recs[KIND_DISCLOSURES][i];
		const char *cat = ymap_str(r->fm.root, "category"), *per = ymap_str(r->fm.root, "period");
		struct period q;

		if (cat && per && cat_index(cat) == k && period_parse(per, &q) == 0 &&
		    period_cmp(p, q) == 0)
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
		const char *cat, *per;
		struct period q;

		if (r->site != s || r->kind != KIND_DISCLOSURES || !r->internal || r->fm.root == NULL ||
		    (r->draft && !m->drafts))
			continue;
		cat = ymap_str(r->fm.root, "category");
		per = ymap_str(r->fm.root, "period");
		if (cat && per && cat_index(cat) == k && period_parse(per, &q) == 0 && period_cmp(p, q) == 0)
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
	int grace = rules_int(x->cfg, "disclosure_grace_days", 0);

	for (size_t i = 0; i < m->nrecs; i++) {
		struct record *r = m->recs[i];
		const char *cat, *per;
		struct ynode *pn;
		struct period p;
		int k, f;

		if (r->kind != KIND_DISCLOSURES || r->fm.root == NULL)
			continue;
		cat = ymap_str(r->fm.root, "category");
		pn = ymap_get(r->fm.root, "period");
		per = ymap_str(r->fm.root, "period");
		if (cat == NULL || per == NULL || (k = cat_index(cat)) < 0 || period_parse(per, &p) < 0)
			continue;
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
