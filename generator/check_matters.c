/*
 * check_matters.c: 四议两公开 (domain-notes §1.5). Each step a record names
 * must exist, be its own site's, be held where the procedure holds it and
 * run in date order; what is missing or late is read from the matter
 * model (matter.c computes it once, for the pages too) and said here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_rules.h"
#include "matter.h"
#include "model.h"
#include "util.h"
#include "i18n.h"

/* The meeting types each meeting step may be held at (content model). */
static int
right_type(int step, const char *type)
{
	static const char *const ok[4][3] = {
		{ "支部委员会", "两委联席会议", NULL },
		{ "两委联席会议", NULL, NULL },
		{ "党员大会", NULL, NULL },
		{ "村民会议", "村民代表会议", NULL },
	};

	if (step < 0 || step > MSTEP_DECIDE)
		return 0;
	for (int i = 0; type && i < 3 && ok[step][i]; i++)
		if (strcmp(ok[step][i], type) == 0)
			return 1;
	return 0;
}

static const char *
where_held(int step)
{
	static const char *const say[4] = {
		"a 支部委员会 or 两委联席会议 (党组织提议)", "a 两委联席会议", "a 党员大会",
		"a 村民会议 or 村民代表会议",
	};

	return say[step];
}

/* The matter of the site with the closest name, for a did-you-mean; NULL when none is close. */
static const struct matter *
closest_matter(const struct matters *x, const struct site *s, const char *name)
{
	const struct matter *best = NULL;
	int bd = 5;

	for (size_t i = 0; i < x->n; i++) {
		int dd;

		if (x->v[i]->site != s)
			continue;
		if ((dd = edit_distance(name, x->v[i]->slug)) < bd) {
			bd = dd;
			best = x->v[i];
		}
	}
	return best;
}

/* matter-unknown, matter-site, matter-step: the name and the step a record gives. */
static void
check_ref(struct cctx *x, const struct mref *st)
{
	const char *path = st->rec->path;
	const struct matter *near;

	if (st->matter == NULL && st->elsewhere != NULL)
		diag_add_file(x->d, DIAG_ERROR, "matter-site", path, st->node->line, st->node->col,
		    "'%s' is a matter of site %s, not of %s: a record holds steps of its own site's "
		    "matters only; add the matter under sites/%s/matters/", st->name, st->elsewhere->site->id,
		    st->rec->site->id, st->rec->site->id);
	else if (st->matter == NULL) {
		near = closest_matter(x->m->matters, st->rec->site, st->name);
		diag_add_file(x->d, DIAG_ERROR, "matter-unknown", path, st->node->line, st->node->col,
		    "no matter '%s' in sites/%s/matters/%s%s%s; name a matter by its file name without .md",
		    st->name, st->rec->site->id, near ? _(" (did you mean '") : "", near ? near->slug : "",
		    near ? _("'?)") : "");
	}
	if (st->step < 0)
		diag_add_file(x->d, DIAG_ERROR, "matter-step", path, st->step_node->line, st->step_node->col,
		    "a resolution that names a matter needs step (步骤): 提议, 商议, 审议 or 决议");
	else if (st->res != NULL && !right_type(st->step, st->rec->meeting->type))
		diag_add_file(x->d, DIAG_ERROR, "matter-step", path, st->step_node->line, st->step_node->col,
		    "step %s is held at %s, not at a %s; correct the step or the meeting type",
		    mstep_name[st->step], where_held(st->step),
		    st->rec->meeting->type ? st->rec->meeting->type : "meeting without meeting_type");
}

/* matter-order: a step dated before every occurrence of an earlier step. */
static void
check_order(struct cctx *x, const struct matter *mt)
{
	struct date first[MSTEP__COUNT];

	memset(first, 0, sizeof first);
	for (size_t i = mt->nsteps; i-- > 0;)
		if (mt->steps[i]->step >= 0)
			first[mt->steps[i]->step] = mt->steps[i]->rec->date;
	for (size_t i = 0; i < mt->nsteps; i++) {
		const struct mref *st = mt->steps[i];
		char a[11], b[11];

		for (int t = 0; st->step > 0 && t < st->step; t++) {
			if (!first[t].y || date_cmp(first[t], st->rec->date) <= 0)
				continue;
			diag_add_file(x->d, DIAG_ERROR, "matter-order", st->rec->path, st->node->line, st->node->col,
			    "step %s of '%s' is dated %s, before its %s (%s): the steps run 提议, 商议, 审议, 决议, "
			    "决议公开, 实施结果公开; correct the dates or the steps", mstep_name[st->step], mt->slug,
			    date_iso(st->rec->date, a), mstep_name[t], date_iso(first[t], b));
			break;
		}
	}
}

/* matter-repeat and matter-result-failed: what may follow what. */
static void
check_repeats(struct cctx *x, const struct matter *mt)
{
	for (size_t i = 0; i < mt->nsteps; i++) {
		const struct mref *st = mt->steps[i], *dec = NULL;
		int prev = -1, failed = 0;

		if (st->step < 0)
			continue;
		for (size_t j = 0; j < i; j++) {
			if (mt->steps[j]->step == st->step) {
				prev = (int)j;
				failed = 0;
			}
			if (prev >= 0 && mt->steps[j]->res != NULL && !mt->steps[j]->res->passed)
				failed = 1;
			if (mt->steps[j]->step == MSTEP_DECIDE)
				dec = mt->steps[j];
		}
		if (prev >= 0 && !failed)
			diag_add_file(x->d, DIAG_ERROR, "matter-repeat", st->rec->path, st->node->line, st->node->col,
			    "step %s of '%s' is held again (first in %s) with no failed vote in between; "
			    "a step is held once, unless a vote failed and the matter is taken up again",
			    mstep_name[st->step], mt->slug, mt->steps[prev]->rec->rel);
		if (st->step == MSTEP_RESULT && dec != NULL && !dec->res->passed)
			diag_add_file(x->d, DIAG_ERROR, "matter-result-failed", st->rec->path, st->node->line,
			    st->node->col,
			    "实施结果公开 of '%s', but its 决议 (%s) did not pass (%d for): a matter voted down "
			    "is not carried out; remove the step, or record the vote that passed it",
			    mt->slug, dec->rec->rel, dec->res->votes_for);
	}
}

/* "提议, 商议 or 审议": the missing meeting steps in words; how many. */
static int
missing_words(const struct matter *mt, char *buf, size_t len)
{
	int n = 0, total = 0;

	for (int s = MSTEP_PROPOSE; s <= MSTEP_DECIDE; s++)
		total += mt->state[s] == MSTATE_MISSING;
	buf[0] = '\0';
	for (int s = MSTEP_PROPOSE; s <= MSTEP_DECIDE; s++) {
		size_t l = strlen(buf);

		if (mt->state[s] != MSTATE_MISSING)
			continue;
		snprintf(buf + l, len - l, "%s%s", n == 0 ? "" : n + 1 == total ? _(" or ") : _(", "), mstep_name[s]);
		n++;
	}
	return n;
}

/* The warnings: missing, late and quorum, from the matter model. */
static void
check_gaps(struct cctx *x, const struct matter *mt)
{
	const struct mref *pub = NULL, *dec = mt->at[MSTEP_DECIDE];
	int line = mt->title_pos.line, col = mt->title_pos.col;
	char a[11], b[11], miss[64];

	if (missing_words(mt, miss, sizeof miss) > 0)
		diag_add_src(x->d, DIAG_WARNING, "matter-missing", mt->path, mt->src, line, col,
		    "'%s' has no %s step, but a later step was held; add each missing step's resolution "
		    "(matter: %s, step: …) to the record of the meeting that held it%s",
		    mt->slug, miss, mt->slug, (mt->state[MSTEP_PROPOSE] == MSTATE_MISSING ||
		    mt->state[MSTEP_DISCUSS] == MSTATE_MISSING) && !matter_one_shoulder(mt->site) ?
		    _(", or set one_shoulder: true in the profile if 提议 and 商议 were one 两委联席会议") : "");
	for (size_t i = 0; i < mt->nsteps; i++)
		if (mt->steps[i]->step == MSTEP_PUBLISH && dec && date_cmp(mt->steps[i]->rec->date, dec->rec->date) >= 0) {
			pub = mt->steps[i];
			break;
		}
	if (mt->state[MSTEP_PUBLISH] == MSTATE_LATE)
		diag_add_file(x->d, DIAG_WARNING, "matter-disclosure-late", pub->rec->path, pub->node->line,
		    pub->node->col, "决议公开 of '%s' on %s, %ld days after its 决议 (%s); it was due by %s "
		    "(rules.matter_disclosure_days %d)", mt->slug, date_iso(pub->rec->date, a),
		    date_days(pub->rec->date) - date_days(dec->rec->date), date_iso(dec->rec->date, b),
		    date_iso(mt->due, (char[11]){ 0 }), matter_disclosure_days(x->cfg));
	else if (mt->state[MSTEP_PUBLISH] == MSTATE_MISSING && mt->due.y)
		diag_add_src(x->d, DIAG_WARNING, "matter-disclosure-late", mt->path, mt->src, line, col,
		    "'%s' was decided on %s and its 决议公开 was due by %s (rules.matter_disclosure_days %d), "
		    "but no disclosure lists it; publish it with matters: [{matter: %s, step: 决议公开}]",
		    mt->slug, date_iso(dec->rec->date, a), date_iso(mt->due, b), matter_disclosure_days(x->cfg),
		    mt->slug);
	if (mt->state[MSTEP_RESULT] == MSTATE_MISSING)
		diag_add_src(x->d, DIAG_WARNING, "matter-no-result", mt->path, mt->src, line, col,
		    "'%s' was decided on %s, more than a year ago, and no 实施结果公开 lists it; publish the "
		    "result with matters: [{matter: %s, step: 实施结果公开}]", mt->slug,
		    date_iso(dec->rec->date, a), mt->slug);
	for (size_t i = 0; i < mt->nsteps; i++) {
		const struct mref *st = mt->steps[i];

		if (st->res != NULL && (st->step == MSTEP_REVIEW || st->step == MSTEP_DECIDE) &&
		    meeting_quorum(st->rec->meeting) == 0)
			diag_add_file(x->d, DIAG_WARNING, "matter-quorum", st->rec->path, st->node->line, st->node->col,
			    "step %s of '%s' was held at a %s without a quorum (%d of %d present): the step "
			    "does not stand until a quorate meeting holds it", mstep_name[st->step], mt->slug,
			    st->rec->meeting->type, st->rec->meeting->present, st->rec->meeting->expected);
	}
}

void
check_matters(struct cctx *x)
{
	const struct matters *mx = x->m->matters;

	if (mx == NULL)
		return;
	for (size_t i = 0; i < mx->nrefs; i++)
		check_ref(x, mx->refs[i]);
	for (size_t i = 0; i < mx->n; i++) {
		const struct matter *mt = mx->v[i];

		/* its name is its address, published as it is (privacy-name, check_names.c) */
		if (matter_published(x->m, mt))
			check_privacy_name(x->cfg, x->d, mt->path, _("the matter's file name"), mt->slug,
			    _("rename the file (and the steps that name it)"));
		if (mt->broken)
			continue;
		check_order(x, mt);
		check_repeats(x, mt);
		check_gaps(x, mt);
	}
}
