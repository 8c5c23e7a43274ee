/*
 * life.h: the life of a disclosure around its publication (issue 18): the
 * supervisors' sign-off (review 审核), corrections made in the open (更正),
 * villagers' objections and their answers (异议), withdrawal (撤回), and the
 * expiry of a 公示's name table after rules.notice_retention_days (个人信息
 * 保护法 Art. 19, 47: kept no longer than the purpose needs).
 *
 * life_fill reads the keys once, after the schema and the privacy gate, into
 * struct life (r->life); check_life.c judges them, the pages show them. A
 * withdrawn record is no longer published (so it leaves every list, feed,
 * index and print sheet); life_pages writes the short notice at its URL.
 */
#ifndef GONGKAI_LIFE_H
#define GONGKAI_LIFE_H

#include <stddef.h>

#include "date.h"
#include "frontmatter.h"

struct arena;
struct config;
struct gen;
struct record;
struct site;
struct val;
struct ynode;

/* 审核: the 村务监督委员会's or 民主理财小组's sign-off. */
struct life_review {
	const char		*body;		/* 审核机构, or NULL */
	const struct ynode	*by;		/* 审核人: a list or one name, or NULL */
	struct date		 date;		/* {0} when not given */
	const char		*opinion;	/* 审核意见, or NULL */
	const struct ynode	*node;		/* the review in the tree, for positions */
	struct ypos		 date_pos;
};

/* One 更正, or the 撤回: a date and a reason. */
struct life_dated {
	struct date		 date;
	const char		*reason;
	const struct ynode	*node;
	struct ypos		 date_pos;
};

/* One 异议, without the objector's name (the schema has no key for it). */
struct life_objection {
	struct date		 received;
	struct date		 replied;	/* {0} while unanswered */
	const char		*summary, *outcome;
	struct date		 due;		/* set by check_life: the last day to reply */
	int			 overdue;	/* set by check_life: unanswered and past due as of as_of */
	const struct ynode	*node;
	struct ypos		 received_pos, replied_pos;
};

/* One published version of the record's file, from git (history.c). */
struct life_rev {
	struct date		 date;		/* the commit's date, China Standard Time */
	char			*text;		/* the file as committed (owned); NULL for the last */
	size_t			 len;
};

struct life {
	struct life_review	*review;	/* owned, or NULL */
	struct life_dated	*corrections;	/* owned, in the record's order */
	size_t			 ncorrections;
	struct life_objection	*objections;	/* owned */
	size_t			 nobjections;
	struct life_dated	*withdrawn;	/* owned, or NULL */
	int			 was_published;	/* would have been published had it not been withdrawn */
	/*
	 * The 公示's name table is past notice.to + rules.notice_retention_days
	 * as of as_of: it is published nowhere, only its row count.
	 */
	int			 expired;
	struct date		 expired_on;	/* the first day it is no longer shown */
	int			 review_missing;	/* set by check_life: rules.review_required */
	struct life_rev		*revs;		/* history.c: versions oldest first (owned), or NULL */
	size_t			 nrevs;
};

/*
 * history.c: when the content folder is the top of a git repository, reads
 * each published disclosure's committed versions into r->life->revs
 * (libgit2). Otherwise, with verbose, says once that there is no history.
 */
struct model;
struct diags;
void history_load(struct model *m, int verbose, struct diags *d);
/* The date of r's last committed change, or {0} without history. */
struct date life_last_change(const struct record *r);
/* When r last changed: its last revision when later than its date, else its date (feeds, sitemap). */
struct date life_updated(const struct record *r);

/*
 * Reads r's life keys (a disclosure's; other kinds get none) into r->life,
 * and unpublishes a withdrawn record. cfg gives as_of and the rules. The
 * struct points into r's tree.
 */
void life_fill(struct record *r, const struct config *cfg);
/* Frees r->life; safe when it is NULL. */
void life_free(struct record *r);

/* Retention in days for a notice kind (rules.notice_retention_days), -1 when none is set. */
int life_retention_days(const struct config *cfg, const char *kind);

/*
 * Adds to rec (a record page's or a print sheet's values): review,
 * corrections, objections, expired {count, on_cn}. Arena a.
 */
void life_vals(struct arena *a, const struct record *r, struct val *rec);
/* Whether the name table of r may be published (not expired). */
int life_rows_shown(const struct record *r);
/* The rows of r's name table, counted without keeping a cell; -1 when unreadable. */
long life_rows_count(const struct record *r);

/* The withdrawal notices, one at each withdrawn record's URL (not in the sitemap). */
void life_pages(struct gen *g);
/* The dashboard's list for site s: disclosures missing a review, overdue objections. */
struct val *life_dashboard_val(struct gen *g, struct arena *a, const struct site *s);

#endif
