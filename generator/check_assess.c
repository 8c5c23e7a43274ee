/*
 * check_assess.c: 五个好 scorecards. Every score lies in 0..max (negative
 * numbers are refused by schema.c already), the total is computed against
 * pass_mark, and the stages of one site and year come in order:
 * 自查申报 → 镇党委考核 → 县委复核 → 公示 → 命名, a 命名 only after a 公示.
 */
#include <stdlib.h>
#include <string.h>

#include "check_rules.h"
#include "model.h"
#include "schema.h"
#include "util.h"

struct stage_rec {
	struct record	*r;
	long		 year;
	int		 stage;		/* index in schema_stages */
};

/* Reports scores above their maximum. */
static void
scores(struct cctx *x, const struct record *r)
{
	const struct scorecard *sc = r->score;

	for (size_t i = 0; i < sc->nitems; i++) {
		const struct score_item *it = &sc->items[i];
		const struct ynode *sn = it->score_node;

		if (it->score > it->max && sn != NULL)
			diag_add_file(x->d, DIAG_ERROR, "assess-score", r->path, sn->line, sn->col,
			    "score %d for '%s' is more than its max %d; a score lies between 0 and max",
			    it->score, it->item ? it->item : "?", it->max);
	}
}

static int
later(const struct stage_rec *a, const struct stage_rec *b)
{
	if (a->year != b->year)
		return a->year > b->year;
	if (a->stage != b->stage)
		return a->stage > b->stage;
	return date_cmp(a->r->date, b->r->date) > 0;
}

void
check_assessments(struct cctx *x)
{
	struct model *m = x->m;
	struct stage_rec *v = xcalloc(m->nrecs + 1, sizeof *v);
	size_t n = 0;

	for (size_t i = 0; i < m->nrecs; i++) {
		struct record *r = m->recs[i];
		struct comp_site *cs;

		if (r->kind != KIND_ASSESSMENTS || r->score == NULL)
			continue;
		scores(x, r);
		if (!r->score->year_given || (v[n].stage = r->score->stage) < 0 ||
		    !r->date.y || (r->draft && !m->drafts))
			continue;
		v[n].year = r->score->year;
		v[n].r = r;
		cs = comp_site(x->c, r->site);
		if (r->published && (cs->assess == NULL || later(&v[n], &(struct stage_rec){ cs->assess,
		    cs->assess->score->year, cs->assess->score->stage })))
			cs->assess = r;
		n++;
	}
	for (size_t i = 0; i < n; i++) {
		const struct ynode *sn = v[i].r->score->stage_node;
		int has_notice = 0, has_town = 0;

		for (size_t j = 0; j < n; j++) {
			char a[11], b[11];

			if (i == j || v[j].r->site != v[i].r->site || v[j].year != v[i].year)
				continue;
			if (v[j].stage == 3 && date_cmp(v[j].r->date, v[i].r->date) < 0)
				has_notice = 1;
			if (v[j].stage == STAGE_TOWN)
				has_town = 1;
			if (v[j].stage < v[i].stage && date_cmp(v[j].r->date, v[i].r->date) > 0)
				diag_add_file(x->d, DIAG_ERROR, "assess-stage", v[i].r->path, sn->line, sn->col,
				    "stage %s is dated %s, before the %s of %s (%s); the stages go "
				    "自查申报 → 镇党委考核 → 县委复核 → 公示 → 命名",
				    schema_stages[v[i].stage], date_iso(v[i].r->date, a), schema_stages[v[j].stage],
				    date_iso(v[j].r->date, b), v[j].r->path);
		}
		/* a town or township is itself the 镇党委: only a village has that stage */
		if (v[i].stage == STAGE_COUNTY && !has_town && v[i].r->site->level &&
		    strcmp(v[i].r->site->level, "村") == 0)
			diag_add_file(x->d, DIAG_WARNING, "assess-skipped", v[i].r->path, sn->line, sn->col,
			    "the 县委复核 of %ld has no 镇党委考核 before it: the town stage was skipped; "
			    "add the 镇党委考核 record, or say in the body why it was not held", v[i].year);
		if (v[i].stage == 4 && !has_notice)
			diag_add_file(x->d, DIAG_ERROR, "assess-stage", v[i].r->path, sn->line, sn->col,
			    "a 命名 for %ld needs a 公示 of the same site and year dated before it; "
			    "add the 公示 record first", v[i].year);
	}
	free(v);
}
