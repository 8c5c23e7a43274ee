/*
 * model.h: the typed record model (issue 16). Once a record's front matter
 * has passed the schema and the privacy gate, model_fill reads it into the
 * structs below, once, and computes what the law decides from it: whether
 * each resolution of a meeting passed, by the rule of the meeting's type,
 * and what a 五个好 scorecard adds up to and whether its stage may decide
 * 达标 at all. Every later stage reads these fields, never the YAML, so a
 * rule has one copy.
 */
#ifndef GONGKAI_MODEL_H
#define GONGKAI_MODEL_H

#include <stddef.h>

struct record;
struct ynode;

/* What a resolution's 赞成 must be more than half of. */
enum vote_base {
	VOTE_BASE_PRESENT,	/* 村民会议 (组织法 Art. 22), 村民代表会议 (Art. 26) and the rest: 实到 */
	VOTE_BASE_EXPECTED	/* 党员大会 (支部工作条例): the members with voting rights who should attend, 应到 */
};

struct resolution {
	const char		*item;		/* 事项, in the record's tree */
	int			 votes_for, against, abstain;
	int			 passed;	/* computed: 2 * for > base, and the base known */
	int			 stated;	/* the record's own passed: 1 or 0, -1 when absent */
	const struct ynode	*node;		/* the item in the tree, for positions */
};

struct meeting {
	const char		*type;		/* 会议类型, or NULL */
	int			 expected;	/* 应到, -1 when not given */
	int			 present;	/* 实到, -1 when not given */
	enum vote_base		 base;
	struct resolution	*res;		/* owned */
	size_t			 nres;
};

struct score_item {
	const char		*item;
	int			 max, score;
	const struct ynode	*node;		/* the item in the tree, for positions */
};

/* The stages of a 五个好 assessment, in order (schema_stages). */
enum stage {
	STAGE_SELF,		/* 自查申报 */
	STAGE_TOWN,		/* 镇党委考核 */
	STAGE_COUNTY,		/* 县委复核 */
	STAGE_NOTICE,		/* 公示 */
	STAGE_NAMED		/* 命名 */
};

struct scorecard {
	int			 year;		/* 0 when not given */
	int			 stage;		/* enum stage, or -1 */
	struct score_item	*items;		/* owned */
	size_t			 nitems;
	int			 total, max;
	int			 pass;		/* pass_mark: the record's, else site.yaml's */
	/*
	 * Only a score the county has verified (县委复核 or later) decides 达标
	 * and ranks; a self-reported or town score is shown as such.
	 */
	int			 verified;
	int			 passed;	/* verified && total >= pass */
};

/*
 * Fills r->meeting or r->score from r's tree (a meeting or an assessment;
 * other kinds are left alone). pass_mark is site.yaml's. The structs point
 * into the tree and live as long as r.
 */
void model_fill(struct record *r, int pass_mark);
/* Frees what model_fill made for r. */
void model_unfill(struct record *r);

/* The rule a meeting's resolutions pass by, one Chinese sentence for readers (static). */
const char *meeting_vote_rule(const struct meeting *mt);
/* The result of a scorecard in words: 达标, 未达标, or 待县委复核 when not yet verified (static). */
const char *scorecard_result(const struct scorecard *sc);
/* num / den as a whole percent, rounded half up (6 of 7 is 86); 0 when den is 0. */
int percent_of(long num, long den);

#endif
