/*
 * matter.h: the typed model of 四议两公开 (issue 17). A matter is one
 * village decision, a file under sites/<id>/matters/; its steps are not
 * in it but in the records that held them: a meeting resolution naming
 * `matter` and `step` (提议, 商议, 审议, 决议), a disclosure listing the
 * `matters` steps it publishes (决议公开, 实施结果公开).
 *
 * Guarantees: matters_link reads those names once, after every record is
 * loaded and its votes computed (model.h: a resolution's `passed` is the
 * only vote result here); later stages read struct matter and struct
 * mstep, never the YAML. A matter's status and the state of each of its
 * six steps (done, missing, late, not yet due) are computed here, once,
 * so the checks, the pages and the dashboard say the same thing.
 */
#ifndef GONGKAI_MATTER_H
#define GONGKAI_MATTER_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "frontmatter.h"
#include "markdown.h"

struct config;
struct diags;
struct model;
struct record;
struct resolution;
struct site;

/* The six steps, in the order they must run. */
enum mstep {
	MSTEP_PROPOSE,		/* 提议: 支部委员会 or 两委联席会议 */
	MSTEP_DISCUSS,		/* 商议: 两委联席会议 */
	MSTEP_REVIEW,		/* 审议: 党员大会 */
	MSTEP_DECIDE,		/* 决议: 村民会议 or 村民代表会议 */
	MSTEP_PUBLISH,		/* 决议公开: a disclosure */
	MSTEP_RESULT,		/* 实施结果公开: a disclosure */
	MSTEP__COUNT
};

/* The computed status of a matter. */
enum mstatus {
	MATTER_PROPOSED,	/* 提议中 */
	MATTER_REVIEWING,	/* 审议中: 商议 or 审议 held, no 决议 yet */
	MATTER_DECIDED,		/* 已决议 */
	MATTER_FAILED,		/* 未通过: the latest vote failed */
	MATTER_PUBLISHED,	/* 已公开: 决议公开 after a 决议 that passed */
	MATTER_DONE,		/* 已完成: 实施结果公开 too */
	MATTER__NSTATUS
};

/* The state of one step of a matter. */
enum mstate {
	MSTATE_NONE,		/* not held, and nothing says it should have been yet */
	MSTATE_DONE,		/* held (on time) */
	MSTATE_MISSING,		/* a later step was held without it, or its time has passed */
	MSTATE_LATE,		/* held, later than the rules allow */
	MSTATE_COVERED		/* not held on its own: one_shoulder merged it with the other of 提议/商议 */
};

struct matter;

/* One step as a record names it. */
struct mref {
	struct record		*rec;		/* the meeting or disclosure */
	const struct resolution	*res;		/* a meeting's resolution (its vote), or NULL */
	int			 step;		/* enum mstep, or -1 when the name is none of them */
	const char		*name;		/* the matter as written (into rec's tree) */
	const struct ynode	*node;		/* the `matter` value, for positions */
	const struct ynode	*step_node;	/* the `step` value, or the map */
	struct matter		*matter;	/* resolved in rec's own site, or NULL */
	struct matter		*elsewhere;	/* when unresolved: a matter of that name in another site */
};

struct matter {
	struct site		*site;
	char			*path;		/* display path of the file (owned) */
	char			*slug;		/* file name without .md: what steps name (owned) */
	char			*url;		/* "sites/<id>/matters/<slug>/" (owned) */
	char			*src;		/* file text (owned) */
	struct fm		 fm;
	int			 broken;	/* its file had errors */
	int			 draft;
	const char		*title, *subject, *summary;	/* into fm, masked */
	struct ypos		 title_pos;
	int64_t			 amount;	/* fen */
	int			 has_amount;
	struct date		 date;		/* the proposal's, from the file name */
	struct md_doc		 body;
	struct mref		**steps;	/* every step naming it, by date then record path (owned array) */
	size_t			 nsteps;
	/* computed by matters_link */
	const struct mref	*at[MSTEP__COUNT];	/* the latest of each step, or NULL */
	enum mstate		 state[MSTEP__COUNT];
	enum mstatus		 status;
	int			 nmissing, nlate;
	struct date		 due;		/* when 决议公开 was or is due ({0}: no 决议 that passed) */
};

/* Every matter and every step of a build. */
struct matters {
	struct matter		**v;		/* sorted by site id, then slug (owned) */
	size_t			 n, cap;
	struct mref		**refs;		/* every step named by a record, by record path (owned) */
	size_t			 nrefs, rcap;
};

/* The names of steps, statuses (static, Chinese). */
extern const char *const mstep_name[MSTEP__COUNT];
extern const char *const mstatus_name[MATTER__NSTATUS];

/*
 * content.c, while it walks sites/<id>/: reads every file of the matters/
 * folder at dirpath into m->matters (made when NULL), through the schema
 * and the privacy gate like a record. Errors go to d.
 */
void matters_load_dir(struct model *m, struct site *s, const char *dirpath, struct diags *d);
/*
 * After every record is loaded and filled (model_fill): reads the steps
 * the records name, resolves them, and computes each matter's steps and
 * status as of cfg->as_of. Makes m->matters when there is none.
 */
void matters_link(struct model *m);
/* matters_free(NULL) is a no-op. */
void matters_free(struct matters *x);

/* The steps record r names (published or not), in the order it names them; *n of them. */
struct mref **matters_of_record(const struct matters *x, const struct record *r, size_t *n);
/* The matter of site s called slug, or NULL. */
struct matter *matter_find(const struct matters *x, const struct site *s, const char *slug);
/* The matter that has a page: not broken, and not a draft unless --drafts. */
int matter_published(const struct model *m, const struct matter *mt);
/* Days allowed between a 决议 and its 决议公开 (rules.matter_disclosure_days, default 7). */
int matter_disclosure_days(const struct config *cfg);
/* Whether the site's profile says one_shoulder: true (一肩挑). */
int matter_one_shoulder(const struct site *s);

/*
 * matternew.c, for `gongkai new matters`: writes a new matter file for site
 * (date: YYYY-MM-DD or NULL for today; slug or NULL for the title's ASCII
 * words) and prints its path. Returns the exit status (0, 1, 2).
 */
int matter_new(const char *content_dir, const char *site, const char *title, const char *date,
    const char *slug, int quiet);

#endif
