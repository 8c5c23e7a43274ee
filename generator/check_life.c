/*
 * check_life.c: the rules on the life of a disclosure (life.h).
 *   review-missing     a category in rules.review_required published without
 *                      the supervisors' review
 *   review-late        a review dated after the disclosure's publication
 *   review-by          a review whose by (审核人) names no one
 *   withdrawn-date     a withdrawal dated after as_of: it has not happened yet
 *   objection-overdue  an objection with no reply rules.objection_reply_days
 *                      working days (default 5) after it was received
 *   objection-order    an objection replied before it was received
 *   retention-pinned   as_of pinned in site.yaml keeps a 公示's names
 *                      published past their retention
 *   silent-change      a committed change of a published disclosure with no
 *                      correction dated on or after it (history.c)
 * The findings also mark the records (review_missing, overdue) for the
 * dashboard.
 */
#include <stdlib.h>
#include <string.h>

#include "check_rules.h"
#include "life.h"
#include "model.h"
#include "util.h"
#include "workday.h"

static int
review_required(const struct config *cfg, const char *category)
{
	for (size_t i = 0; category && i < cfg->rs.nreview_required; i++)
		if (strcmp(cfg->rs.review_required[i], category) == 0)
			return 1;
	return 0;
}

static void
check_review(struct cctx *x, struct record *r)
{
	const char *cat = r->disc ? r->disc->category : NULL;
	const struct life_review *rv = r->life->review;
	char a[11], b[11];

	if (rv == NULL) {
		if (!r->published || !review_required(x->cfg, cat))
			return;
		r->life->review_missing = 1;
		diag_add_file(x->d, DIAG_WARNING, "review-missing", r->path, r->disc->category_pos.line, r->disc->category_pos.col,
		    "a %s is published without the review of the 村务监督委员会 or 民主理财小组 that "
		    "rules.review_required asks for; add review: {body, by, date, opinion}", cat);
		return;
	}
	if (rv->date.y && r->date.y && date_cmp(rv->date, r->date) > 0) {
		diag_add_file(x->d, DIAG_WARNING, "review-late", r->path, rv->date_pos.line, rv->date_pos.col,
		    "the review is dated %s, after the disclosure went up (%s): the supervisors review "
		    "before publication; correct the date, or publish again after the review",
		    date_iso(rv->date, a), date_iso(r->date, b));
	}
}

/* by: [] (or by: with nothing, or only blank names): a sign-off with no one signing. */
static void
check_review_by(struct cctx *x, struct record *r)
{
	const struct ynode *by = r->life->review->by;
	size_t named = 0;

	if (by == NULL)
		return;
	if (by->type == YNODE_SEQ)
		for (size_t i = 0; i < by->n; i++)
			named += by->items[i]->type != YNODE_SCALAR || !(by->items[i]->null || text_blank(by->items[i]->str));
	else
		named = by->type != YNODE_SCALAR || !(by->null || text_blank(by->str));
	if (named > 0)
		return;
	diag_add_file(x->d, DIAG_WARNING, "review-by", r->path, by->line, by->col,
	    "the review names no one in by (审核人): write the supervisors who signed it, e.g. "
	    "by: [王丽萍, 张德才], or remove the by line");
}

/*
 * A withdrawal dated after as_of has not happened as of the day the build
 * judges by, yet the record leaves the site now: one of the two is wrong.
 */
static void
check_withdrawn(struct cctx *x, struct record *r)
{
	const struct life_dated *w = r->life->withdrawn;
	char a[11], b[11];

	if (w == NULL || w->date.y == 0 || date_cmp(w->date, x->cfg->as_of) <= 0)
		return;
	diag_add_file(x->d, DIAG_ERROR, "withdrawn-date", r->path, w->date_pos.line, w->date_pos.col,
	    "the withdrawal is dated %s, after as_of %s, the day this build judges by; a record is "
	    "withdrawn on the day it is taken down: correct the date, or add withdrawn: only on that day",
	    date_iso(w->date, a), date_iso(x->cfg->as_of, b));
}

/* The day `days` working days after d (d itself not counted). */
static struct date
workdays_after(struct date d, int days, const struct calendar *cal)
{
	long n = date_days(d);

	for (int got = 0, i = 0; got < days && i < 4000; i++) {
		n++;
		got += (int)workday_span(date_from_days(n), date_from_days(n), cal);
	}
	return date_from_days(n);
}

static void
check_objections(struct cctx *x, struct record *r, const struct calendar *cal, int days)
{
	char a[11], b[11];

	for (size_t i = 0; i < r->life->nobjections; i++) {
		struct life_objection *o = &r->life->objections[i];

		if (o->received.y == 0)
			continue;
		if (o->replied.y != 0 && date_cmp(o->replied, o->received) < 0) {
			diag_add_file(x->d, DIAG_ERROR, "objection-order", r->path, o->replied_pos.line, o->replied_pos.col,
			    "the objection received %s is replied %s, before it was received: correct "
			    "one of the two dates", date_iso(o->received, a), date_iso(o->replied, b));
		}
		o->due = workdays_after(o->received, days, cal);
		if (o->replied.y != 0 || date_cmp(x->cfg->as_of, o->due) <= 0)
			continue;
		o->overdue = 1;
		diag_add_file(x->d, DIAG_WARNING, "objection-overdue", r->path, o->received_pos.line, o->received_pos.col,
		    "the objection received %s has no reply %d working days later (due %s): reply, "
		    "and add replied: and outcome: to it", date_iso(o->received, a), days, date_iso(o->due, b));
	}
}

/*
 * Each change after the first version needs its own correction dated on or
 * after it: corrections are taken oldest first, each for one change.
 */
static void
check_silent(struct cctx *x, struct record *r)
{
	const struct life *l = r->life;
	unsigned char *used = xcalloc(l->ncorrections + 1, 1);
	char a[11];

	for (size_t k = 1; k < l->nrevs; k++) {
		size_t best = l->ncorrections;

		for (size_t c = 0; c < l->ncorrections; c++)
			if (!used[c] && l->corrections[c].date.y && date_cmp(l->corrections[c].date, l->revs[k].date) >= 0 &&
			    (best == l->ncorrections || date_cmp(l->corrections[c].date, l->corrections[best].date) < 0))
				best = c;
		if (best < l->ncorrections) {
			used[best] = 1;
			continue;
		}
		diag_add_file(x->d, DIAG_WARNING, "silent-change", r->path, 1, 1,
		    "the published text was changed on %s (version %zu of %zu in git) with no correction "
		    "dated on or after it: add corrections: [{date, reason}] saying what changed and why",
		    date_iso(l->revs[k].date, a), k + 1, l->nrevs);
	}
	free(used);
}

/* as_of in site.yaml: expiry never comes while it stays. */
static void
check_pinned(struct cctx *x, size_t waiting)
{
	struct ypos at = x->cfg->as_of_pos;
	char a[11];

	if (at.line == 0 || waiting == 0)
		return;
	diag_add_file(x->d, DIAG_WARNING, "retention-pinned", x->cfg->path, at.line, at.col,
	    "as_of is pinned to %s, so the name tables of %zu 公示 stay published after "
	    "rules.notice_retention_days; remove as_of (a build then uses today) and rebuild daily",
	    date_iso(x->cfg->as_of, a), waiting);
}

void
check_life(struct cctx *x)
{
	struct calendar cal;
	int days = x->cfg->rs.objection_reply_days;
	size_t waiting = 0;

	check_calendar(x->cfg, &cal);
	for (size_t i = 0; i < x->m->nrecs; i++) {
		struct record *r = x->m->recs[i];

		if (r->life == NULL)
			continue;
		check_review(x, r);
		if (r->life->review != NULL)
			check_review_by(x, r);
		check_withdrawn(x, r);
		check_objections(x, r, &cal, days);
		if (r->published)
			check_silent(x, r);
		waiting += r->life->expired_on.y != 0 && !r->life->expired && r->published;
	}
	check_pinned(x, waiting);
	calendar_free(&cal);
}
