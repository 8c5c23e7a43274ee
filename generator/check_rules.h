/*
 * check_rules.h: the rule families of `gongkai check` (one file each:
 * check_money.c, check_periods.c, check_notice.c, check_meetings.c,
 * check_assess.c, check_damaged.c) and the compliance summary they leave
 * behind for the 公开情况 dashboard (dashboard.c).
 *
 * Rule ids are stable; docs/rules.md lists every one with its message.
 */
#ifndef GONGKAI_CHECK_RULES_H
#define GONGKAI_CHECK_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "gongkai.h"

#define COMP_NCAT 3	/* 村务公开, 财务公开, 党务公开 (schema_categories order) */

/* One site and one disclosure category. */
struct comp_cat {
	const char	*category;	/* static: schema_categories[i] */
	int		 freq;		/* enum period_unit, or -1 when the rules set no frequency */
	struct record	*last;		/* latest published disclosure (by period, then date), or NULL */
	struct period	 last_period;
	struct period	*overdue;	/* periods due and not disclosed, oldest first (owned) */
	size_t		 noverdue;
};

/* A period in which a meeting type that must meet did not (缺会). */
struct comp_missed {
	const char	*type;		/* points into the config's rules */
	struct period	 p;
};

/* What the dashboard shows for one site. */
struct comp_site {
	struct site		*site;
	struct comp_cat		 cat[COMP_NCAT];
	struct record		**running;	/* published 公示 running as of as_of, newest first (owned array) */
	size_t			 nrunning;
	struct comp_missed	*missed;	/* owned, by type then period */
	size_t			 nmissed;
	size_t			 finance_checked;	/* 财务公开 tables checked */
	size_t			 finance_errors;	/* balance, total and continuity errors */
	char			**finance_notes;	/* warnings, e.g. a gap in periods (owned) */
	size_t			 nfinance_notes;
	struct record		*assess;	/* latest 五个好 record (year, stage, date), or NULL;
						   its sums are its r->score (model.h) */
};

/* Built by check_model, kept in model->compliance; model_free frees it. */
struct compliance {
	struct comp_site	*sites;		/* one per model->sites[i], same order (owned) */
	size_t			 nsites;
};

/* The state every rule family gets. */
struct cctx {
	struct model		*m;
	struct config		*cfg;
	struct diags		*d;
	struct compliance	*c;
};

/* check_shared.c: an empty summary, one entry per site of m (caller frees). */
struct compliance *compliance_new(const struct model *m);
/* compliance_free(NULL) is a no-op; frees everything the summary owns. */
void compliance_free(struct compliance *c);
/* The summary of site s (never NULL for a site of the model). */
struct comp_site *comp_site(struct compliance *c, const struct site *s);

/* Rules from site.yaml. Each returns the default when the key is absent. */
/* rules.<dict>.<name> as a frequency (enum period_unit), or -1. */
int rules_freq(const struct config *cfg, const char *dict, const char *name);
/* The first date whose periods must be published/held for site s, or {0} when none is set. */
struct date rules_since(const struct config *cfg, const struct site *s);
/* The first period of `unit` that starts on or after `since`. */
struct period rules_first_period(struct date since, enum period_unit unit);
/* "monthly" etc. for a unit (static). */
const char *rules_freq_name(int unit);

/* The rule families, each called once by check_model. */
void check_money(struct cctx *x);		/* money-balance, money-total, money-continuity, finance-gap */
void check_periods(struct cctx *x);		/* period-frequency, overdue */
void check_notices(struct cctx *x);		/* notice-dates, notice-days, notice-rows, notice-columns, csv */
void check_meetings(struct cctx *x);		/* meeting-present, meeting-quorum, meeting-votes, meeting-cadence */
/* check_meetings.c: 1 when meeting mt had its quorum (or its type needs none), 0 when not, -1 unknown. */
struct meeting;
int meeting_quorum(const struct meeting *mt);
void check_matters(struct cctx *x);		/* matter-*: 四议两公开 (check_matters.c) */
void check_assessments(struct cctx *x);	/* assess-score, assess-stage, assess-skipped */
void check_damaged(struct cctx *x);		/* damaged-text */
void check_life(struct cctx *x);		/* review-missing, review-late, objection-overdue, retention-pinned, silent-change */
/* check_notice.c: rules.holidays and rules.workdays as a sorted calendar (workday.h); free it. */
struct calendar;
void check_calendar(const struct config *cfg, struct calendar *cal);
/*
 * privacy and privacy-typo are not a family here: the gate reports them as
 * it reads each text (gate.h), so a number is found in the form the reader
 * sees and only once.
 */
void check_names(struct cctx *x);		/* privacy-name */

/*
 * check_names.c, rule privacy-name: when name (a site id, a file name)
 * holds a personal number, as written or with its separators - _ . / read
 * as spaces, adds an error for path (shown masked) saying that `what`
 * holds it and to `fix` it, and returns 1; else 0. The number is shown
 * masked. Attachments' names are checked by attach.c with it.
 */
int check_privacy_name(const struct config *cfg, struct diags *d, const char *path, const char *what,
    const char *name, const char *fix);
/* name with every personal number check_privacy_name finds masked (for -v lists). Caller frees. */
char *check_privacy_name_masked(const struct config *cfg, const char *name);

#endif
