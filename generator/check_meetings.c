/*
 * check_meetings.c: the head counts and votes of a meeting record add up,
 * the meeting had its quorum (村民委员会组织法 Art. 25-26: a 村民代表会议
 * needs two thirds of its members; a 党员大会 or 支部委员会 more than half),
 * and each meeting type that rules.meeting_cadence names met in every
 * period that has ended (else 缺会, a warning on the dashboard).
 */
#include <stdlib.h>
#include <string.h>

#include "check_rules.h"
#include "model.h"
#include "util.h"
#include "i18n.h"

/* Quorum of a type: present * num > expected * den (strict) or >= (not strict); 0 when none. */
static int
quorum_rule(const char *type, int *num, int *den, int *strict, const char **say)
{
	if (strcmp(type, "村民代表会议") == 0) {
		*num = 3, *den = 2, *strict = 0, *say = _("at least two thirds");
		return 1;
	}
	if (strcmp(type, "党员大会") == 0 || strcmp(type, "支部委员会") == 0) {
		*num = 2, *den = 1, *strict = 1, *say = _("more than half");
		return 1;
	}
	return 0;
}

int
meeting_quorum(const struct meeting *mt)
{
	int num, den, strict;
	const char *say;

	if (mt->type == NULL || !quorum_rule(mt->type, &num, &den, &strict, &say))
		return 1;
	if (mt->expected < 0 || mt->present < 0)
		return -1;
	return strict ? (long)mt->present * num > (long)mt->expected * den :
	    (long)mt->present * num >= (long)mt->expected * den;
}

static void
check_resolution(struct cctx *x, const struct record *r, const struct resolution *rs, long present)
{
	const struct ynode *it = rs->node;
	long sum = (long)rs->votes_for + rs->against + rs->abstain;

	if (sum > present)
		diag_add_file(x->d, DIAG_ERROR, "meeting-votes", r->path, it->line, it->col,
		    "votes for %d + against %d + abstain %d = %ld, more than the %ld present; "
		    "correct the votes or present", rs->votes_for, rs->against, rs->abstain, sum, present);
	if (rs->stated >= 0 && rs->stated != rs->passed)
		diag_add_file(x->d, DIAG_WARNING, "meeting-passed", r->path, it->line, it->col,
		    "the record says this resolution %s, but with %d for it %s: %s; "
		    "the page shows %s; check the votes, or remove passed (通过)",
		    rs->stated ? _("passed") : _("did not pass"), rs->votes_for,
		    rs->passed ? _("it passes") : _("it does not pass"),
		    r->meeting->base == VOTE_BASE_EXPECTED ?
		    _("a 党员大会 needs more than half of expected (应到)") :
		    _("it needs more than half of present (实到)"), rs->passed ? "通过" : "未通过");
}

static void
check_one(struct cctx *x, struct record *r)
{
	const struct meeting *mt = r->meeting;
	const struct ynode *fm = r->fm.root, *pn = mt->present_node, *res = mt->res_node;
	const char *type = mt->type;
	long expected = mt->expected, present = mt->present;
	int has_e = expected >= 0, has_p = present >= 0;
	int has_res = mt->res_listed;
	int num, den, strict;
	const char *say;

	if (has_e && has_p && present > expected)
		diag_add_file(x->d, DIAG_ERROR, "meeting-present", r->path, pn->line, pn->col,
		    "present (实到) %ld is more than expected (应到) %ld; correct the head count", present, expected);
	else if (type && quorum_rule(type, &num, &den, &strict, &say)) {
		if (!has_e || !has_p) {
			const struct ynode *at = pn ? pn : fm;
			diag_add_file(x->d, DIAG_WARNING, "meeting-quorum", r->path, at->line, at->col,
			    "a %s needs %s of its members present: add expected (应到) and present (实到) "
			    "so the quorum can be checked", type, say);
		} else if (strict ? present * num <= expected * den : present * num < expected * den) {
			long need = strict ? expected * den / num + 1 : (expected * den + num - 1) / num;
			diag_add_file(x->d, has_res ? DIAG_ERROR : DIAG_WARNING, "meeting-quorum", r->path,
			    pn->line, pn->col,
			    "no quorum: a %s needs %s of the %ld expected (%ld), but %ld were present%s",
			    type, say, expected, need, present,
			    has_res ? _("; a meeting without a quorum cannot pass resolutions") : "");
		}
	}
	if (!has_res)
		return;
	if (!has_p) {
		diag_add_file(x->d, DIAG_ERROR, "meeting-votes", r->path, res->line, res->col,
		    "resolutions need present (实到): the votes cast cannot be more than those present");
		return;
	}
	if (r->meeting->base == VOTE_BASE_EXPECTED && !has_e)
		diag_add_file(x->d, DIAG_ERROR, "meeting-votes", r->path, res->line, res->col,
		    "a 党员大会 passes a resolution with more than half of the members who should attend "
		    "(支部工作条例): add expected (应到)");
	for (size_t i = 0; i < r->meeting->nres; i++)
		check_resolution(x, r, &r->meeting->res[i], present);
}

/* 缺会: periods that have ended with no meeting of a type the rules require. */
static void
cadence(struct cctx *x)
{
	const struct site_rules *rs = &x->cfg->rs;

	for (size_t si = 0; si < x->c->nsites; si++) {
		struct comp_site *cs = &x->c->sites[si];
		struct date since = rules_since(x->cfg, cs->site);

		if (!since.y)
			continue;
		for (size_t e = 0; e < rs->ncadence; e++) {
			const char *type = rs->cadence[e].name;
			int unit = rs->cadence[e].value;

			if (unit < 0)
				continue;
			for (struct period p = rules_first_period(since, (enum period_unit)unit);
			    date_cmp(period_end(p), x->cfg->as_of) < 0; p = period_next(p)) {
				int held = 0;
				char ps[16], pc[48];

				for (size_t i = 0; i < x->m->nrecs && !held; i++) {
					struct record *r = x->m->recs[i];
					struct period q;

					if (r->site != cs->site || r->kind != KIND_MEETINGS || r->fm.root == NULL ||
					    (r->draft && !x->m->drafts) || !r->date.y ||
					    r->meeting->type == NULL || strcmp(r->meeting->type, type) != 0)
						continue;
					q = period_of(r->date, (enum period_unit)unit);
					held = period_cmp(p, q) == 0;
				}
				if (held)
					continue;
				cs->missed = xrealloc(cs->missed, (cs->nmissed + 1) * sizeof *cs->missed);
				cs->missed[cs->nmissed].type = type;
				cs->missed[cs->nmissed++].p = p;
				diag_add(x->d, DIAG_WARNING, "meeting-cadence", cs->site->path, 0, 0,
				    "%s: no %s in %s (%s), but rules.meeting_cadence wants one %s (缺会); "
				    "add the meeting record if it was held",
				    cs->site->id, type, period_str(p, ps), period_cn(p, pc), rules_freq_name(unit));
			}
		}
	}
}

void
check_meetings(struct cctx *x)
{
	for (size_t i = 0; i < x->m->nrecs; i++) {
		struct record *r = x->m->recs[i];

		if (r->kind == KIND_MEETINGS && r->fm.root != NULL)
			check_one(x, r);
	}
	cadence(x);
}
